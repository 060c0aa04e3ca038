// Strategy distributed_arithmetic in RTL (hls/layers/shared/da-verilog.ts): a small Dense model and a
// small padded, strided Conv1D model, made with the project's ONNX writer, with weights from a few
// repeated values (so CSE shares adders), zeros, a column that is all zero with a zero bias (the output is a constant, no wire left unread)
// and a column of one negative weight (a negation); under fixed<16,6> and a narrow rounding,
// saturating fixed<10,4,AP_RND,AP_SAT> (the one cast to result_t at work), in io_parallel and
// io_stream, co-simulated in Verilator against the cycle simulator on 200 samples, half of them large
// enough to overflow: 0 bit and 0 cycle differences, lint-clean under verilator --lint-only -Wall, and
// no multiply operator in the design. The example models are linted and co-simulated under DA in
// rtl-models.ts. Fails in CI without Verilator; skips elsewhere with the reason printed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertModel, lintVerilog, parseHlsConfig, type IoType } from '../../hls/index.js';
import { importOnnx, type Graph } from '../../models/index.js';
import { float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { cosimulate } from '../../sim/index.js';
import { random } from '../models/helpers.js';

const tools = existsSync('/usr/bin/verilator');
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
if (!tools && !inCi) console.log('rtl-da: skipped, verilator is missing (apt-get install verilator; CI installs it)');
const SAMPLES = 200;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** count weights from a few repeated values and zeros; `zero` and `single` columns (of nOut) as described above. */
function weights(seed: number, nIn: number, nOut: number, zero = -1, single = -1): number[] {
  const next = random(seed);
  const values = [0, 0.75, -0.375, 1.25, -1.5, 0.5, 0.3125, -0.875];
  return Array.from({ length: nIn * nOut }, (_, k) => {
    const [i, j] = [Math.floor(k / nOut), k % nOut];
    if (j === zero) return 0;
    if (j === single) return i === 1 ? -0.625 : 0;
    return values[Math.floor(next() * values.length)] ?? 0;
  });
}

function denseModel(): Graph {
  const b = new GraphBuilder('da-dense', { opset: 13 });
  const x = b.input('x', [null, 12]);
  const h = b.node('Gemm', [x, b.initializer('w1', float32Tensor([12, 10], weights(1, 12, 10))), b.initializer('b1', float32Tensor([10], weights(2, 1, 10)))], {}, { name: 'fc1' });
  const r = b.node('Relu', [h], {}, { name: 'relu' });
  b.output(b.node('Gemm', [r, b.initializer('w2', float32Tensor([10, 4], weights(3, 10, 4, 2, 3))), b.initializer('b2', float32Tensor([4], [0.5, -0.25, 0, 1.5]))], {}, { name: 'fc2' }), [null, 4]);
  return importOnnx(b.toBytes(), 'da-dense.onnx');
}

function convModel(): Graph {
  const b = new GraphBuilder('da-conv', { opset: 13 });
  const x = b.input('x', [null, 3, 9]);
  // ONNX Conv weights [M, C, k]: 4 filters over 3 channels, kernel 3, padded, stride 2.
  const c = b.node('Conv', [x, b.initializer('w1', float32Tensor([4, 3, 3], weights(4, 4, 9))), b.initializer('b1', float32Tensor([4], [0.25, 0, -0.5, 1]))], { kernel_shape: [3], pads: [1, 1], strides: [2] }, { name: 'conv1' });
  const r = b.node('Relu', [c], {}, { name: 'relu' });
  b.output(b.node('Conv', [r, b.initializer('w2', float32Tensor([2, 4, 1], weights(5, 2, 4))), b.initializer('b2', float32Tensor([2], [0.5, -0.75]))], { kernel_shape: [1] }, { name: 'conv2' }), undefined);
  return importOnnx(b.toBytes(), 'da-conv.onnx');
}

function inputs(size: number, seed: number): Float64Array {
  const next = random(seed);
  return Float64Array.from({ length: SAMPLES * size }, (_, i) => (4 * next() - 2) * (i < (SAMPLES / 2) * size ? 1 : 12));
}

const CASES = [
  { name: 'Dense 12x10, ReLU, Dense 10x4', kind: 'dense', graph: denseModel, size: 12 },
  { name: 'Conv1D 3->4 k3 pad 1 stride 2, ReLU, Conv1D 1x1 4->2', kind: 'conv', graph: convModel, size: 27 },
] as const;
const PRECISIONS = ['fixed<16,6>', "'fixed<10,4,AP_RND,AP_SAT>'"];

describe('distributed arithmetic RTL against the cycle simulator (Verilator)', () => {
  it.runIf(!tools && inCi)('finds Verilator in CI', () => {
    expect.fail('verilator is missing: .ci/run must install it');
  });
  let seed = 1;
  for (const entry of CASES) {
    for (const ioType of ['io_parallel', 'io_stream'] as IoType[]) {
      const runSeed = seed++;
      it.runIf(tools)(`${entry.name}, ${ioType}: lint-clean, 0 bit and 0 cycle differences on ${SAMPLES} samples at ${PRECISIONS.join(' and ')}`, async () => {
        const graph = entry.graph();
        for (const precision of PRECISIONS) {
          const config = parseHlsConfig(`IOType: ${ioType}\nHLSConfig:\n  Model:\n    Precision: ${precision}\n    Strategy: distributed_arithmetic\n`, 'da.yaml');
          const { model } = convertModel(graph, config);
          const layers = model.layers.filter((layer) => layer.kind === entry.kind);
          expect(layers.map((layer) => (layer.kind === 'dense' || layer.kind === 'conv' ? layer.strategy : null))).toEqual(['distributed_arithmetic', 'distributed_arithmetic']);
          const workDir = mkdtempSync(join(tmpdir(), 'ngt-rtl-da-'));
          made.push(workDir);
          const result = await cosimulate(model, [inputs(entry.size, runSeed)], SAMPLES, { ioType, workDir, simulator: 'verilator', sinkInterval: runSeed % 2 === 0 ? 2 : 1 });
          expect(result.tokens, precision).toBeGreaterThanOrEqual(SAMPLES);
          expect(result.mismatches.slice(0, 5), precision).toEqual([]);
          expect(result.lastReadCycle.rtl, precision).toBe(result.lastReadCycle.sim);
          // Adder graphs only: no '*' between operands anywhere in the design (comments and attributes aside).
          for (const [name, text] of result.design.files) expect(/\w\s*\*\s*\w/.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/\(\*[^)]*\*\)/g, '')), name).toBe(false);
          await lintVerilog([...result.design.files.keys()].map((file) => join(workDir, file)), result.design.top, { workDir });
        }
      });
    }
  }
});
