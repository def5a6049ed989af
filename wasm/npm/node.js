// The package's Node.js entry: the very module the browser entry is, instantiated at once
// from the package's own .wasm file (read from disk, never fetched), so
// `import { validate } from 'jz-ip-report'` can be called right away. The default export is
// kept so browser code that starts with `await init()` runs unchanged in Node.
import { readFileSync } from 'node:fs';
import { initSync } from './jz_wasm.js';

export * from './jz_wasm.js';

const output = initSync({ module: readFileSync(new URL('./jz_wasm_bg.wasm', import.meta.url)) });

/** Already initialised in Node; resolves to the module's exports like the browser `init()`. */
export default async function init() {
  return output;
}
