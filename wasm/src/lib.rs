//! Browser bindings: placeholder until the browser issue (wasm-bindgen over xlsx-tool).
