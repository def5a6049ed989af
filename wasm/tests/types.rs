//! The TypeScript declarations of everything JavaScript receives from the module,
//! generated from the Rust types (ts-rs, the `ts` features of jz-core and xlsx-tool) and
//! committed as `wasm/src/types.d.ts`, which `src/lib.rs` puts into the module's `.d.ts`.
//! This test fails when the committed file is stale; `UPDATE_TYPES=1 cargo test -p jz-wasm
//! --test types` rewrites it.
#![cfg(not(target_arch = "wasm32"))]

use std::any::TypeId;
use std::collections::BTreeSet;

use ts_rs::{Config, TS, TypeVisitor};

/// Collects the declarations of a type and of every type it refers to, once each.
struct Declarations {
    cfg: Config,
    seen: BTreeSet<String>,
    ids: Vec<TypeId>,
    out: Vec<(String, String)>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() || self.ids.contains(&TypeId::of::<T>()) {
            return;
        }
        self.ids.push(TypeId::of::<T>());
        let name = T::ident(&self.cfg);
        assert!(self.seen.insert(name.clone()), "two Rust types are both called {name} in TypeScript");
        let docs = T::docs().map(|d| d.trim_end().to_string() + "\n").unwrap_or_default();
        self.out.push((name, format!("{docs}export {}", T::decl(&self.cfg))));
        T::visit_dependencies(self);
    }
}

fn generated() -> String {
    let mut d = Declarations { cfg: Config::new(), seen: BTreeSet::new(), ids: Vec::new(), out: Vec::new() };
    d.visit::<jz_core::Plan>();
    d.visit::<jz_core::Report>();
    d.visit::<jz_core::Diagnostic>();
    d.visit::<xlsx_tool::FileResult>();
    d.visit::<jz_core::merge::MergeSummary>();
    d.visit::<jz_core::plan_diff::PlanDiff>();
    d.visit::<jz_core::merge::BoardFile>();
    d.visit::<jz_core::merge::Board>();
    d.visit::<xlsx_tool::plan_file::PlanProblem>();
    d.visit::<xlsx_tool::plan_file::Unmapped>();
    d.out.sort();
    let mut text = String::from(
        "// Generated from the Rust types by wasm/tests/types.rs (ts-rs); do not edit.\n\
         // UPDATE_TYPES=1 cargo test -p jz-wasm --test types rewrites it.\n",
    );
    for (_, decl) in d.out {
        text.push('\n');
        text.push_str(&decl);
        text.push('\n');
    }
    text
}

#[test]
fn committed_types_match_the_rust_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/types.d.ts");
    let want = generated();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(path, &want).expect("write src/types.d.ts");
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "wasm/src/types.d.ts is stale: run `UPDATE_TYPES=1 cargo test -p jz-wasm --test types` and commit it"
    );
}

#[test]
fn no_any_in_what_javascript_receives() {
    let text = generated();
    for word in [": any", "<any>", "any[]", "| any", ": unknown", "<unknown>"] {
        assert!(!text.contains(word), "generated types contain `{word}`");
    }
}
