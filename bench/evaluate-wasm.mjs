// The end-of-plan evaluation in wasm: `evaluate` of the four sample years (88 files) through
// the npm package's Node entry (the release module), median of 9. Usage: node bench/evaluate-wasm.mjs
// out/npm/package/node.js (scripts/npm-build.sh makes it). Target < 1 s.
const mod = await import(process.argv[2]);
const files = mod.samplesYears(2022, 2025);
const times = [];
for (let i = 0; i < 9; i++) {
  const t0 = performance.now();
  const r = mod.evaluate(files);
  times.push(performance.now() - t0);
  if (!r.docx.length || !r.xlsx.length) throw new Error('no output');
}
times.sort((a, b) => a - b);
console.log(`evaluate ${files.length} files in wasm (Node ${process.version}): median ${times[4].toFixed(1)} ms, min ${times[0].toFixed(1)} ms`);
