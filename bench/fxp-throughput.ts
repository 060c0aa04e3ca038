// Benchmark of @ngt/fxp's batch kernels (issue 2). Run: npm run bench:fxp
// 1. quantize 10^7 doubles to ap_fixed<16,6> (AP_TRN/AP_WRAP and AP_RND/AP_SAT);
// 2. a 16x64 dense multiply-accumulate, every product and partial sum cast to ap_fixed<16,6>, over
//    10^5 input vectors.
// Baselines in the same process: a bare float loop doing the same memory traffic (x * 1024 | 0; a
// float64 dense layer without casts), so the figures read as a cost ratio on this machine.
import { Fixed, multiplyAccumulate, parseFixedType, quantizeArray } from '@ngt/fxp';

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

// Dense 16 -> 64 over 10^5 vectors.
const nIn = 16;
const nOut = 64;
const vectors = 100_000;
const type = parseFixedType('ap_fixed<16,6>');
const inputs = quantizeArray(Float64Array.from({ length: vectors * nIn }, () => (random() - 0.5) * 8), type) as Int32Array;
const weights = quantizeArray(Float64Array.from({ length: nIn * nOut }, () => (random() - 0.5) * 2), type) as Int32Array;
const bias = quantizeArray(Float64Array.from({ length: nOut }, () => (random() - 0.5)), type) as Int32Array;
const macOut = new Int32Array(vectors * nOut);
const macs = vectors * nIn * nOut;
const floatIn = Float64Array.from(inputs, (x) => x / 1024);
const floatW = Float64Array.from(weights, (x) => x / 1024);
const floatOut = new Float64Array(vectors * nOut);
const baselineDense = time(3, () => {
  for (let s = 0; s < vectors; s++) {
    for (let j = 0; j < nOut; j++) {
      let acc = 0;
      for (let i = 0; i < nIn; i++) acc += floatIn[s * nIn + i]! * floatW[i * nOut + j]!;
      floatOut[s * nOut + j] = acc;
    }
  }
});
results.push(['float64 dense baseline (no casts)', `${(macs / baselineDense / 1e3).toFixed(0)} M MAC/s`, '1.00x']);
for (const accum of ['ap_fixed<16,6>', 'ap_fixed<16,6,AP_RND,AP_SAT>', 'ap_fixed<24,12>']) {
  const ms = time(3, () =>
    multiplyAccumulate({ inputs, inputType: type, weights, weightType: type, bias, biasType: type, accumType: accum, nIn, nOut, output: macOut }),
  );
  results.push([`multiplyAccumulate, accum ${accum}`, `${(macs / ms / 1e3).toFixed(0)} M MAC/s`, `${(baselineDense / ms).toFixed(2)}x of float`]);
}

const widths = [0, 0, 0].map((_, k) => Math.max(...results.map((row) => row[k]!.length)));
for (const row of results) console.log(row.map((cell, k) => cell.padEnd(widths[k]!)).join('  '));
