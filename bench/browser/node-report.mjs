// The Word report and the merge in wasm, timed in Node on the npm package's release module
// (build it first: scripts/npm-build.sh). Usage: node bench/browser/node-report.mjs
// Prints the median of 15 calls on the built-in 22 sample files (after 3 warm-up calls).
const pkg = await import(new URL('../../out/npm/package/node.js', import.meta.url));
const { samples, report, merge } = pkg;
const files = samples(2025);
const median = (f) => {
  for (let i = 0; i < 3; i++) f();
  const t = [];
  for (let i = 0; i < 15; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return `median ${t[7].toFixed(1)} ms (min ${t[0].toFixed(1)} ms)`;
};
console.log(`wasm in Node ${process.version}, ${files.length} files`);
console.log(`report: ${median(() => report(files, 2025))}`);
console.log(`merge:  ${median(() => merge(files, 2025))}`);
