// Benchmark of the cycle simulator (issue 5). Run: node --import tsx bench/sim-cycles.ts
// Simulated cycles per second of the cycle loop (totalCycles / loop time) and cycles stepped one by
// one per second, for the example models in both io types, with quiet-cycle skipping (the default)
// and stepping every cycle (the reference); and the whole call (functional simulation for the bits,
// schedules, result assembly included), which is what `ngt synth` pays.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOnnxModel } from '../models/index.js';
import { convertModel, parseHlsConfig, type IoType } from '../hls/index.js';
import { simulateCycles } from '../sim/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Best of `repeats` timings in ms (the first run warms up). */
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

const cases: [string, IoType, number][] = [
  ['jet-tagger', 'io_parallel', 20_000],
  ['jet-tagger', 'io_stream', 20_000],
  ['conv1d-small', 'io_parallel', 2_000],
  ['conv1d-small', 'io_stream', 2_000],
  ['conv2d-small', 'io_stream', 1_000],
];
const random = seeded(7);
console.log('model          io type      samples    cycles   stepped   loop Mcycles/s  loop stepped M/s  step-all loop Mcycles/s  whole call Mcycles/s');
for (const [name, ioType, count] of cases) {
  const config = parseHlsConfig(`IOType: ${ioType}\nHLSConfig:\n  Model:\n    Precision: fixed<16,6>\n    ReuseFactor: 2\n    Strategy: Resource\n`, 'bench.yaml');
  const model = convertModel(loadOnnxModel(path.join(root, 'models', 'examples', `${name}.onnx`)), config).model;
  const size = (model.tensors.get(model.inputs[0] ?? '')?.shape ?? []).reduce((a, b) => a * b, 1);
  const inputs = [Float64Array.from({ length: count * size }, () => 4 * random() - 2)];
  let cycles = 0;
  let stepped = 0;
  let loop = Infinity;
  let loopStepping = Infinity;
  const whole = time(2, () => {
    const result = simulateCycles(model, inputs, count, { ioType });
    cycles = result.totalCycles;
    stepped = result.steppedCycles;
    loop = Math.min(loop, result.timings.cycleLoopMs);
  });
  time(2, () => {
    loopStepping = Math.min(loopStepping, simulateCycles(model, inputs, count, { ioType, skipQuiet: false }).timings.cycleLoopMs);
  });
  const rate = (n: number, ms: number): string => ((n / ms) * 1e-3).toFixed(2).padStart(8);
  console.log(
    `${name.padEnd(14)} ${ioType.padEnd(12)} ${String(count).padStart(7)} ${String(cycles).padStart(9)} ${String(stepped).padStart(9)}   ${rate(cycles, loop)}        ${rate(stepped, loop)}            ${rate(cycles, loopStepping)}             ${rate(cycles, whole)}`,
  );
}
