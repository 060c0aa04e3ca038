// The Verilog aspects of batch normalization / ApplyAlpha, Add, Concatenate, the table activations,
// MultiThreshold and FloatQuant (hls/layers/<kind>/verilog.ts), each in a tiny model made with the
// project's ONNX writer, in io_parallel and io_stream, under configurations with narrow rounding and
// saturating types: co-simulated in Icarus against the cycle simulator on random samples, half of them
// large enough to overflow the types. Every run must give 0 bit and 0 cycle differences; each design is
// also linted once with verilator --lint-only -Wall. Fails in CI without the tools; skips elsewhere with
// the reason printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertModel, parseHlsConfig, type HwLayerKind, type HwModel, type IoType } from '../../hls/index.js';
import { findSimulator, lintVerilog } from '../../hls/rtl/tools.js';
import { importOnnx } from '../../models/index.js';
import { attribute, float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { cosimulate } from '../../sim/index.js';
import { random } from '../models/helpers.js';

function found(kind: 'verilator' | 'icarus'): boolean {
  try {
    findSimulator(kind);
    return true;
  } catch {
    return false;
  }
}

const icarus = found('icarus');
const verilator = found('verilator');
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
if (!icarus && !inCi) console.log('rtl-layers: skipped, iverilog/vvp is missing from PATH (apt-get install iverilog; CI installs it)');
if (icarus && !verilator && !inCi) console.log('rtl-layers: the Verilator lint is skipped, verilator is missing from PATH (apt-get install verilator; CI installs it)');

const SAMPLES = 128;
const QONNX = 'qonnx.custom_op.general';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** One sample's shape (channels last) per io type: io_stream gets several pixels, so tokens are pixels. */
const shapeFor = (ioType: IoType, channels: number): number[] => (ioType === 'io_stream' ? [3, channels] : [channels]);

interface Case {
  readonly name: string;
  readonly kind: HwLayerKind;
  readonly ioTypes: readonly IoType[];
  /** The model for an io type. */
  readonly build: (ioType: IoType) => GraphBuilder;
  /** HLSConfig bodies (without IOType), each a run. */
  readonly configs: readonly string[];
  /** Input values: half within `range`, half `overflow` times larger. */
  readonly range: number;
  readonly overflow: number;
}

function unary(name: string, ioType: IoType, channels: number, node: (b: GraphBuilder, x: string) => string, domains?: Record<string, number>): GraphBuilder {
  const b = new GraphBuilder(name, domains ? { opset: 13, domains } : { opset: 13 });
  b.output(node(b, b.input('x', [null, ...shapeFor(ioType, channels)])), undefined);
  return b;
}

function binary(name: string, ioType: IoType, channels: [number, number], node: (b: GraphBuilder, a: string, c: string) => string): GraphBuilder {
  const b = new GraphBuilder(name, { opset: 13 });
  const a = b.input('a', [null, ...shapeFor(ioType, channels[0])]);
  const c = b.input('b', [null, ...shapeFor(ioType, channels[1])]);
  b.output(node(b, a, c), undefined);
  return b;
}

const tensor = (values: readonly number[]) => float32Tensor([values.length], Array.from(values));

/** Model default and the inputs' types, then LayerName entries for the layer named 'layer'. */
function config(model: string, inputs: Record<string, string>, layer: string): string {
  const entries = Object.entries(inputs).map(([name, type]) => `    ${name}:\n      Precision:\n        result: ${type}\n`);
  return `HLSConfig:\n  Model:\n    Precision: ${model}\n  LayerName:\n${entries.join('')}    layer:\n${layer}`;
}

const both = ['io_parallel', 'io_stream'] as const;

const CASES: readonly Case[] = [
  {
    name: 'BatchNormalization',
    kind: 'batch_norm',
    ioTypes: ['io_parallel'],
    build: (ioType) =>
      unary('bn', ioType, 4, (b, x) =>
        b.node('BatchNormalization', [x, b.initializer('s', tensor([0.75, -1.5, 2, 0.3])), b.initializer('o', tensor([0.5, -0.25, 1.125, -3])), b.initializer('mu', tensor([0.1, -0.2, 0, 1])), b.initializer('var', tensor([1, 0.25, 4, 2]))], { epsilon: attribute.float(1e-3) }, { name: 'layer' }),
      ),
    configs: [
      config('fixed<16,6>', { x: 'fixed<8,3>' }, '      Precision:\n        scale: fixed<8,2,AP_RND,AP_SAT>\n        bias: fixed<6,3>\n        result: fixed<7,3,AP_RND,AP_SAT>\n'),
      config('fixed<16,6>', { x: 'ufixed<6,2>' }, '      Precision:\n        scale: fixed<10,3>\n        bias: ufixed<4,2>\n        result: fixed<6,1,AP_RND_CONV,AP_WRAP>\n'),
      config('fixed<12,4>', { x: 'fixed<9,4>' }, '      Precision:\n        result: auto\n'),
    ],
    range: 4,
    overflow: 8,
  },
  {
    name: 'ApplyAlpha (Mul and Add by per-channel constants)',
    kind: 'batch_norm',
    ioTypes: both,
    build: (ioType) => unary('alpha', ioType, 4, (b, x) => b.node('Add', [b.node('Mul', [x, b.initializer('k', tensor([0.5, -1.25, 3, 0.0625]))]), b.initializer('c', tensor([1, -2.5, 0, 0.375]))], {}, { name: 'layer' })),
    configs: [
      config('fixed<16,6>', { x: 'fixed<8,3,AP_RND,AP_SAT>' }, '      Precision:\n        scale: fixed<8,3>\n        bias: fixed<8,3>\n        result: fixed<6,2,AP_RND,AP_SAT>\n'),
      config('fixed<16,6>', { x: 'fixed<10,4>' }, '      Precision:\n        scale: ufixed<6,3>\n        bias: fixed<5,3>\n        result: ufixed<5,2,AP_RND_INF,AP_SAT>\n'),
    ],
    range: 4,
    overflow: 8,
  },
  {
    name: 'Add',
    kind: 'add',
    ioTypes: both,
    build: (ioType) => binary('add', ioType, [4, 4], (b, a, c) => b.node('Add', [a, c], {}, { name: 'layer' })),
    configs: [
      config('fixed<16,6>', { a: 'fixed<8,3>', b: 'ufixed<7,2>' }, '      Precision:\n        result: fixed<6,2,AP_RND,AP_SAT>\n'),
      config('fixed<16,6>', { a: 'fixed<9,5,AP_RND,AP_SAT>', b: 'fixed<6,1>' }, '      Precision:\n        result: auto\n'),
      config('fixed<16,6>', { a: 'ufixed<6,3>', b: 'ufixed<8,2>' }, '      Precision:\n        result: ufixed<5,2,AP_RND_CONV,AP_SAT>\n'),
    ],
    range: 4,
    overflow: 8,
  },
  {
    name: 'Concatenate along the channels',
    kind: 'concat',
    ioTypes: both,
    build: (ioType) => binary('concat', ioType, [4, 3], (b, a, c) => b.node('Concat', [a, c], { axis: -1 }, { name: 'layer' })),
    configs: [
      config('fixed<16,6>', { a: 'fixed<8,3>', b: 'ufixed<7,2>' }, '      Precision:\n        result: fixed<6,2,AP_RND,AP_SAT>\n'),
      config('fixed<16,6>', { a: 'fixed<9,5>', b: 'fixed<6,1,AP_RND,AP_SAT>' }, '      Precision:\n        result: auto\n'),
    ],
    range: 4,
    overflow: 8,
  },
  {
    name: 'Concatenate along a pixel axis',
    kind: 'concat',
    // io_stream: a repack process, which keeps the sample's tokens (sim/rtl/top.ts).
    ioTypes: both,
    build: () => {
      const b = new GraphBuilder('concat-rows', { opset: 13 });
      b.output(b.node('Concat', [b.input('a', [null, 2, 3]), b.input('b', [null, 1, 3])], { axis: 1 }, { name: 'layer' }), undefined);
      return b;
    },
    configs: [config('fixed<16,6>', { a: 'fixed<8,3>', b: 'fixed<10,6>' }, '      Precision:\n        result: fixed<7,3,AP_RND_ZERO,AP_SAT_SYM>\n')],
    range: 4,
    overflow: 8,
  },
  ...(['Sigmoid', 'Tanh', 'Softsign', 'Softplus'] as const).map(
    (op): Case => ({
      name: op,
      kind: 'table_activation',
      ioTypes: both,
      build: (ioType) => unary(op.toLowerCase(), ioType, 4, (b, x) => b.node(op, [x], {}, { name: 'layer' })),
      configs: [
        config('fixed<16,6>', { x: 'fixed<10,4>' }, '      TableSize: 64\n      Precision:\n        table: fixed<10,1,AP_RND,AP_SAT>\n        result: fixed<6,1,AP_RND,AP_SAT>\n'),
        // A table size that is no power of two; an input with more integer bits than bits (F < 0).
        config('fixed<16,6>', { x: 'fixed<6,8>' }, '      TableSize: 100\n      Precision:\n        table: fixed<12,4>\n        result: ufixed<5,1,AP_RND_CONV,AP_SAT>\n'),
        config('fixed<16,6>', { x: 'ufixed<9,3,AP_RND,AP_SAT>' }, '      TableSize: 256\n      Precision:\n        result: fixed<8,2>\n'),
        // hls4ml's defaults: 1024 entries of fixed<18,8>.
        config('fixed<16,6>', { x: 'fixed<16,6>' }, '      Precision:\n        result: fixed<16,6>\n'),
      ],
      range: 6,
      overflow: 8,
    }),
  ),
  {
    name: 'Elu',
    kind: 'table_activation',
    ioTypes: both,
    build: (ioType) => unary('elu', ioType, 4, (b, x) => b.node('Elu', [x], { alpha: attribute.float(0.7) }, { name: 'layer' })),
    configs: [
      config('fixed<16,6>', { x: 'fixed<10,4>' }, '      TableSize: 64\n      Precision:\n        table: fixed<10,1,AP_RND,AP_SAT>\n        param: fixed<6,1>\n        result: fixed<7,2,AP_RND,AP_SAT>\n'),
      config('fixed<16,6>', { x: 'ufixed<8,3>' }, '      TableSize: 32\n      Precision:\n        result: fixed<6,2,AP_RND,AP_SAT>\n'),
    ],
    range: 6,
    overflow: 4,
  },
  {
    name: 'Selu',
    kind: 'table_activation',
    ioTypes: both,
    build: (ioType) => unary('selu', ioType, 4, (b, x) => b.node('Selu', [x], {}, { name: 'layer' })),
    configs: [
      config('fixed<16,6>', { x: 'fixed<10,4>' }, '      TableSize: 100\n      Precision:\n        table: fixed<10,2,AP_RND,AP_SAT>\n        result: fixed<7,3,AP_RND,AP_SAT>\n'),
      config('fixed<16,6>', { x: 'fixed<7,5,AP_RND,AP_SAT>' }, '      TableSize: 64\n      Precision:\n        result: fixed<8,3>\n'),
    ],
    range: 6,
    overflow: 4,
  },
  {
    name: 'MultiThreshold, per-channel rows',
    kind: 'threshold',
    ioTypes: both,
    build: (ioType) =>
      unary(
        'mt',
        ioType,
        3,
        // Row 0 unsorted with a tie, row 1 with one threshold above the input's range and one below it.
        (b, x) => b.node('MultiThreshold', [x, b.initializer('t', float32Tensor([3, 3], [1, -0.5, 1, -40, 0, 40, 0.25, 0.375, 2.5]))], { out_dtype: 'UINT2', out_scale: attribute.float(1), out_bias: attribute.float(0), data_layout: 'NHWC' }, { domain: QONNX, name: 'layer' }),
        { [QONNX]: 1 },
      ),
    configs: [config('fixed<16,6>', { x: 'fixed<8,3>' }, '      Precision:\n        result: auto\n'), config('fixed<16,6>', { x: 'ufixed<6,2>' }, '      Precision:\n        result: auto\n')],
    range: 3,
    overflow: 4,
  },
  {
    name: 'MultiThreshold, one shared row, scaled and biased levels',
    kind: 'threshold',
    ioTypes: both,
    build: (ioType) =>
      unary(
        'mt-shared',
        ioType,
        4,
        (b, x) => b.node('MultiThreshold', [x, b.initializer('t', float32Tensor([1, 3], [-1, 0.5, 1.5]))], { out_dtype: 'INT2', out_scale: attribute.float(2), out_bias: attribute.float(-3), data_layout: 'NHWC' }, { domain: QONNX, name: 'layer' }),
        { [QONNX]: 1 },
      ),
    configs: [config('fixed<16,6>', { x: 'fixed<7,3,AP_RND,AP_SAT>' }, '      Precision:\n        result: auto\n')],
    range: 3,
    overflow: 4,
  },
  {
    name: 'a chain with folded layers (ApplyAlpha after ApplyAlpha, MultiThreshold after Sigmoid) applied by their consumers: Mul, Add, Tanh, Sigmoid, MultiThreshold',
    kind: 'table_activation',
    ioTypes: both,
    build: (ioType) =>
      unary(
        'chain',
        ioType,
        4,
        (b, x) => {
          const scaled = b.node('Add', [b.node('Mul', [x, b.initializer('k', tensor([0.5, -1.25, 3, 1]))]), b.initializer('c', tensor([1, -2.5, 0, 0.375]))], {}, { name: 'layer' });
          const squashed = b.node('Sigmoid', [b.node('Tanh', [scaled], {}, { name: 'tanh' })], {}, { name: 'sigmoid' });
          return b.node('MultiThreshold', [squashed, b.initializer('t', float32Tensor([1, 3], [0.3, 0.5, 0.7]))], { out_dtype: 'UINT2', out_scale: attribute.float(1), out_bias: attribute.float(0), data_layout: 'NHWC' }, { domain: QONNX, name: 'threshold' });
        },
        { [QONNX]: 1 },
      ),
    configs: [
      `${config('fixed<16,6>', { x: 'fixed<8,3>' }, '      Precision:\n        result: fixed<8,3,AP_RND,AP_SAT>\n')}    tanh:\n      TableSize: 128\n      Precision:\n        result: fixed<8,1,AP_RND,AP_SAT>\n    sigmoid:\n      TableSize: 64\n      Precision:\n        result: ufixed<6,0,AP_RND,AP_SAT>\n`,
    ],
    range: 4,
    overflow: 4,
  },
  ...(
    [
      { rounding: 'ROUND', e: 4, m: 3, bias: 7, max: 448, scale: 0.5, input: 'fixed<12,6>' },
      { rounding: 'FLOOR', e: 3, m: 2, bias: 3, max: 28, scale: 1, input: 'fixed<9,4>' },
      { rounding: 'CEIL', e: 2, m: 3, bias: 1, max: 7.5, scale: 0.25, input: 'fixed<10,3>' },
      { rounding: 'ROUND', e: 5, m: 2, bias: 15, max: 57344, scale: 2, input: 'ufixed<10,8>' },
    ] as const
  ).map(
    (format): Case => ({
      name: `FloatQuant E${format.e}M${format.m} bias ${format.bias}, ${format.rounding}, scale ${format.scale}, on ${format.input}`,
      kind: 'minifloat',
      ioTypes: both,
      build: (ioType) =>
        unary(
          'fq',
          ioType,
          3,
          (b, x) => {
            const scalar = (name: string, value: number) => b.initializer(name, float32Tensor([], [value]));
            return b.node('FloatQuant', [x, scalar('scale', format.scale), scalar('e', format.e), scalar('m', format.m), scalar('bias', format.bias), scalar('max', format.max)], { rounding_mode: format.rounding, saturation: 1 }, { domain: QONNX, name: 'layer' });
          },
          { [QONNX]: 1 },
        ),
      configs: [config('fixed<16,6>', { x: format.input }, '      Precision:\n        result: auto\n')],
      range: 4,
      overflow: 16,
    }),
  ),
];

function inputs(model: HwModel, seed: number, range: number, overflow: number): Float64Array[] {
  const next = random(seed);
  return model.inputs.map((name) => {
    const size = (model.tensors.get(name)?.shape ?? []).reduce((a, b) => a * b, 1);
    return Float64Array.from({ length: SAMPLES * size }, (_, i) => (2 * next() - 1) * range * (i < (SAMPLES / 2) * size ? 1 : overflow));
  });
}

describe('layer Verilog against the cycle simulator (Icarus), linted by Verilator', () => {
  it.runIf(!icarus && inCi)('finds Icarus Verilog and Verilator in CI', () => {
    expect.fail('iverilog/vvp or verilator is missing: .ci/run must install the iverilog and verilator packages');
  });
  let seed = 1;
  for (const entry of CASES) {
    for (const ioType of entry.ioTypes) {
      const runs = entry.configs.map((body, index) => ({ body, index, seed: seed++ }));
      it.runIf(icarus)(`${entry.name}, ${ioType}: 0 bit and 0 cycle differences on ${SAMPLES} samples in each of ${runs.length} configuration(s)`, async () => {
        const graph = importOnnx(entry.build(ioType).toBytes(), `${entry.name}.onnx`);
        for (const run of runs) {
          const { model } = convertModel(graph, parseHlsConfig(`IOType: ${ioType}\n${run.body}`, `config-${run.index}.yaml`));
          expect(model.layers.map((layer) => layer.kind), `config ${run.index}`).toContain(entry.kind);
          const workDir = mkdtempSync(join(tmpdir(), 'ngt-rtl-layers-'));
          made.push(workDir);
          // Every other run spaces the inputs and slows the sink, so the processes stall and wait.
          const timing = run.index % 2 === 0 ? { interval: 0, sinkInterval: 1 } : { interval: 2, sinkInterval: 3 };
          const result = await cosimulate(model, inputs(model, run.seed, entry.range, entry.overflow), SAMPLES, { ioType, workDir, simulator: 'icarus', ...timing });
          const perSample = result.design.outputs.reduce((sum, port) => sum + port.tokensPerSample, 0);
          expect(result.tokens, `config ${run.index}`).toBe(SAMPLES * perSample);
          expect(result.mismatches.slice(0, 5), `config ${run.index}`).toEqual([]);
          expect(result.lastReadCycle.rtl, `config ${run.index}`).toBe(result.lastReadCycle.sim);
          if (verilator) await lintVerilog([...result.design.files.keys()].map((file) => join(workDir, file)), result.design.top, { workDir });
        }
      });
    }
  }
});
