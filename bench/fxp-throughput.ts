// Benchmark of @ngt/fxp's batch kernels (issue 2). Run: npm run bench:fxp
// 1. quantize 10^7 doubles to ap_fixed<16,6> (AP_TRN/AP_WRAP and AP_RND/AP_SAT);
// 2. cast 10^7 32-bit product raws to ap_fixed<16,6> (truncating and rounding/saturating).
// Baseline in the same process: a bare float loop doing the same memory traffic (x * 1024 | 0), so the
// figures read as a cost ratio on this machine.
import { castArray, Fixed, parseFixedType, quantizeArray } from '@ngt/fxp';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Best of `repeats` timings in ms (the first run compiles and warms up). */
function time(repeats: number, run: () => void): number {
  run();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

const random = seeded(42);
const count = 10_000_000;
const values = Float64Array.from({ length: count }, () => (random() - 0.5) * 100);
const out = new Int32Array(count);

const baselineQuantize = time(3, () => {
  for (let i = 0; i < count; i++) out[i] = (values[i]! * 1024) | 0;
});
const results: Array<[string, string, string]> = [];
results.push(['float baseline: x * 1024 | 0', `${((baselineQuantize * 1e6) / count).toFixed(2)} ns/value`, '1.00x']);
for (const text of ['ap_fixed<16,6>', 'ap_fixed<16,6,AP_RND,AP_SAT>', 'ap_fixed<16,6,AP_RND_CONV,AP_SAT_SYM>']) {
  const type = parseFixedType(text);
  const ms = time(3, () => quantizeArray(values, type, out));
  results.push([`quantizeArray -> ${text}`, `${((ms * 1e6) / count).toFixed(2)} ns/value`, `${(ms / baselineQuantize).toFixed(2)}x`]);
}
const scalarCount = 200_000;
const scalarType = parseFixedType('ap_fixed<16,6>');
const scalarMs = time(1, () => {
  for (let i = 0; i < scalarCount; i++) Fixed.fromNumber(values[i]!, scalarType);
});
results.push(['Fixed.fromNumber (exact bigint path)', `${((scalarMs * 1e6) / scalarCount).toFixed(1)} ns/value`, `${((scalarMs / scalarCount) / (baselineQuantize / count)).toFixed(1)}x`]);

// Casts of 10^7 products (ap_fixed<32,12> raws, as a 16 x 16-bit product) back to 16 bits, the
// operation every multiply-accumulate repeats (the dense throughput itself: npm run bench:hls).
const product = parseFixedType('ap_fixed<32,12>');
const products = Float64Array.from({ length: count }, () => Math.floor((random() - 0.5) * 2 ** 31));
const castOut = new Int32Array(count);
for (const target of ['ap_fixed<16,6>', 'ap_fixed<16,6,AP_RND,AP_SAT>']) {
  const ms = time(3, () => castArray(products, product, target, castOut));
  results.push([`castArray ${product.width}-bit -> ${target}`, `${((ms * 1e6) / count).toFixed(2)} ns/value`, `${(ms / baselineQuantize).toFixed(2)}x`]);
}

const widths = [0, 0, 0].map((_, k) => Math.max(...results.map((row) => row[k]!.length)));
for (const row of results) console.log(row.map((cell, k) => cell.padEnd(widths[k]!)).join('  '));
