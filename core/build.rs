//! Embeds the built-in plan (`plan/jiaozuo-2022-2025.toml`, the file people read and edit)
//! as JSON, so that loading it needs no TOML parser at run time: the browser module is
//! built without one. The plan's hash is computed from its content after loading, so it is
//! the same whichever text form is embedded.

use std::error::Error;
use std::path::Path;

fn main() -> Result<(), Box<dyn Error>> {
    let source = "plan/jiaozuo-2022-2025.toml";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source)?;
    let value: toml::Value = toml::from_str(&text).map_err(|e| format!("{source}: {e}"))?;
    let json = serde_json::to_string(&value)?;
    let out = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out).join("builtin-plan.json"), json)?;
    Ok(())
}
