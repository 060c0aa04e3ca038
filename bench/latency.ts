// Latency of the example models from the delay-driven schedule at 5 ns and 3 ns, as the schedule, the
// estimate and the cycle simulator (8 samples, inputs back to back) give it, with the achievable clock
// and the registers it took. Run: npm run bench:latency
// For the jet tagger at fixed<16,6>, RF 1, 5 ns, hls4ml's tutorial (Vitis HLS 2024.1) reports 14 cycles.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertModel, estimateModel, parseHlsConfig, scheduleModel, type IoType } from '../hls/index.js';
import { loadOnnxModel } from '../models/index.js';
import { simulateCycles } from '../sim/index.js';

const examples = fileURLToPath(new URL('../models/examples/', import.meta.url));
const rows: string[][] = [['model', 'io type', 'clock', 'schedule', 'simulated', 'II', 'fmax (MHz)', 'FF', 'LUT', 'DSP']];
for (const name of ['jet-tagger', 'jet-tagger-qonnx', 'conv1d-small', 'conv2d-small']) {
  const graph = loadOnnxModel(path.join(examples, `${name}.onnx`));
  for (const ioType of ['io_parallel', 'io_stream'] as IoType[]) {
    const { model } = convertModel(graph, parseHlsConfig(`IOType: ${ioType}\n`, 'bench.yaml'));
    const size = model.tensors.get(model.inputs[0] ?? '')?.shape.reduce((a, b) => a * b, 1) ?? 0;
    const inputs = [Float64Array.from({ length: 8 * size }, (_, i) => Math.sin(i))];
    for (const clockPeriod of [5, 3]) {
      const schedules = scheduleModel(model, { ioType, clockPeriod });
      const estimate = estimateModel(model, { ioType, clockPeriod, schedules });
      const simulated = simulateCycles(model, inputs, 8, { ioType, clockPeriod, schedules });
      rows.push([
        name,
        ioType,
        `${clockPeriod} ns`,
        String(estimate.latencyCycles),
        String(simulated.latency.first),
        String(simulated.latency.steadyStateII ?? estimate.ii),
        estimate.clockMhz.toFixed(0),
        String(estimate.totals.ff),
        String(estimate.totals.lut),
        String(estimate.totals.dsp),
      ]);
    }
  }
}
const widths = rows[0]?.map((_, k) => Math.max(...rows.map((row) => (row[k] ?? '').length))) ?? [];
for (const row of rows) console.log(row.map((cell, k) => (k < 3 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0))).join('  '));
