// Benchmark of the cycle simulator (issue 5). Run: node --import tsx bench/sim-cycles.ts
// For the example models in both io types, the reference interpreter (sim/engine.ts, engine:
// 'reference') against the compiled loop (sim/engine-compiler.ts, the default), same inputs, same
// command: cycles stepped one by one per second of loop time (the per-cycle cost), simulated cycles per
// second of loop time (quiet-cycle skipping included), and simulated cycles and samples per second of the whole
// simulateCycles call (functional simulation for the bits, schedules, result assembly), which is what
// `ngt synth` pays. Best of REPEATS timed calls after warm-up calls (up to 0.5 s; the compiled loop is
// cached per network and options, so the timed calls run optimised code, as a sweep does). The
// compiled loop runs in its grouped form here (the inline form comes after 20M cycles of one network).
// The timed whole calls repeat the same inputs, so they reuse the functional values (sim/
// functional-cache.ts): they measure the schedules, the loop and the result, not the functional run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOnnxModel } from '../models/index.js';
import { convertModel, parseHlsConfig, type IoType } from '../hls/index.js';
import { simulateCycles, type CycleResult } from '../sim/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPEATS = Number(process.env.REPEATS ?? 5);

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Timing {
  readonly result: CycleResult;
  /** Best loop ms and best whole-call ms over the timed calls. */
  readonly loopMs: number;
  readonly wholeMs: number;
}

function measure(run: () => CycleResult): Timing {
  // Warm-up: V8 optimises the generated code after a few hundred ms of running it.
  let result = run();
  for (let calls = 1, start = performance.now(); calls < 20 && performance.now() - start < 500; calls++) result = run();
  let loopMs = Infinity;
  let wholeMs = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const start = process.hrtime.bigint();
    result = run();
    wholeMs = Math.min(wholeMs, Number(process.hrtime.bigint() - start) / 1e6);
    loopMs = Math.min(loopMs, result.timings.cycleLoopMs);
  }
  return { result, loopMs, wholeMs };
}

const cases: [string, IoType, number][] = [
  ['jet-tagger', 'io_parallel', 20_000],
  ['jet-tagger', 'io_stream', 20_000],
  ['conv1d-small', 'io_parallel', 2_000],
  ['conv1d-small', 'io_stream', 2_000],
  ['conv2d-small', 'io_stream', 1_000],
  ['conv2d-small', 'io_stream', 10_000],
];
const random = seeded(7);
const rate = (n: number, ms: number): string => ((n / ms) * 1e-3).toFixed(2).padStart(7);
const ratio = (fast: number, slow: number): string => `${(slow / fast).toFixed(1)}x`.padStart(6);
console.log(`M/s, best of ${REPEATS}; interp = engine 'reference', compiled = the default`);
console.log('                                                    stepped cycles/s (loop)   simulated cycles/s (loop)  simulated cycles/s (whole call)  samples/s (whole call)');
console.log('model          io type      samples    cycles   stepped   interp compiled  ratio   interp compiled  ratio   interp compiled  ratio     interp compiled');
for (const [name, ioType, count] of cases) {
  const config = parseHlsConfig(`IOType: ${ioType}\nHLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    ReuseFactor: 2\n    Strategy: Resource\n`, 'bench.yaml');
  const model = convertModel(loadOnnxModel(path.join(root, 'models', 'examples', `${name}.onnx`)), config).model;
  const size = (model.tensors.get(model.inputs[0] ?? '')?.shape ?? []).reduce((a, b) => a * b, 1);
  const inputs = [Float64Array.from({ length: count * size }, () => 4 * random() - 2)];
  const reference = measure(() => simulateCycles(model, inputs, count, { ioType, engine: 'reference' }));
  const compiled = measure(() => simulateCycles(model, inputs, count, { ioType }));
  const { totalCycles: cycles, steppedCycles: stepped } = compiled.result;
  if (reference.result.totalCycles !== cycles || reference.result.steppedCycles !== stepped) throw new Error(`${name} ${ioType}: the engines disagree`);
  console.log(
    `${name.padEnd(14)} ${ioType.padEnd(12)} ${String(count).padStart(7)} ${String(cycles).padStart(9)} ${String(stepped).padStart(9)}  ` +
      `${rate(stepped, reference.loopMs)}  ${rate(stepped, compiled.loopMs)} ${ratio(compiled.loopMs, reference.loopMs)}  ` +
      `${rate(cycles, reference.loopMs)}  ${rate(cycles, compiled.loopMs)} ${ratio(compiled.loopMs, reference.loopMs)}  ` +
      `${rate(cycles, reference.wholeMs)}  ${rate(cycles, compiled.wholeMs)} ${ratio(compiled.wholeMs, reference.wholeMs)}   ` +
      `${String(Math.round((count / reference.wholeMs) * 1e3)).padStart(8)} ${String(Math.round((count / compiled.wholeMs) * 1e3)).padStart(8)}`,
  );
}
