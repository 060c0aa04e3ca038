// Convolution, pooling and resize in RTL (io_parallel), in Icarus: the example CNNs (models/examples
// conv1d-small, conv2d-small) with the default fixed<16,6> and a narrow rounding, saturating
// fixed<10,4,AP_RND,AP_SAT>, and a small model of padded max and average pools (count_include_pad 0
// and 1, an unsigned input, a saturating accum_t) and a nearest Resize, co-simulated against the cycle
// simulator on seeded inputs, half of them large enough to overflow: 0 bit and 0 cycle differences.
// The repeated MAC plan (a large convolution's one pixel over a zero-padded image, shared/mac.ts) is
// too big to co-simulate as a whole layer, so a small one goes through shared/mac-verilog.ts against
// macReference directly. Fails in CI without Icarus; skips elsewhere with the reason printed.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { castRaw, fixedType, maxRaw, minRaw, type FixedType } from '@ngt/fxp';
import { afterAll, describe, expect, it } from 'vitest';
import { convertModel, defaultHlsConfig, parseHlsConfig, verilogOf, type HlsConfig, type HwModel } from '../../hls/index.js';
import { MacPlanBuilder, macReference, type MacPlan, type MacTypes } from '../../hls/layers/shared/mac.js';
import { macVerilog } from '../../hls/layers/shared/mac-verilog.js';
import { runIcarus } from '../../hls/rtl/icarus-run.js';
import { ModuleBuilder } from '../../hls/rtl/netlist.js';
import { importOnnx, loadOnnxModel, type Graph } from '../../models/index.js';
import { float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { cosimulate } from '../../sim/index.js';
import { random } from '../models/helpers.js';

const available = existsSync('/usr/bin/iverilog');
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
if (!available && !inCi) console.log('rtl-conv: skipped, /usr/bin/iverilog is missing (apt-get install iverilog; CI installs it)');

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

function workDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ngt-rtl-conv-${tag}-`));
  made.push(dir);
  return dir;
}

const NARROW = "IOType: io_parallel\nHLSConfig:\n  Model:\n    Precision: 'fixed<10,4,AP_RND,AP_SAT>'\n";
const defaultParallel = (): HlsConfig => ({ ...defaultHlsConfig(), ioType: 'io_parallel' });

/** `samples` samples of `size` values in [-2, 2), the second half `scale` times larger. */
function inputs(samples: number, size: number, seed: number, scale: number): Float64Array {
  const next = random(seed);
  const half = (samples >> 1) * size;
  return Float64Array.from({ length: samples * size }, (_, i) => (4 * next() - 2) * (i < half ? 1 : scale));
}

function sampleSize(graph: Graph): number {
  const shape = graph.tensors.get(graph.inputs[0] ?? '')?.shape ?? [];
  return shape.slice(1).reduce<number>((product, size) => product * (size ?? 1), 1);
}

/** Lines of Verilog per file of the design, and in all. */
function designLines(files: ReadonlyMap<string, string>): { total: number; files: string } {
  const counts = [...files].map(([name, text]) => [name, text.split('\n').length - 1] as const);
  return { total: counts.reduce((sum, [, lines]) => sum + lines, 0), files: counts.map(([name, lines]) => `${name} ${lines}`).join(', ') };
}

/** The bus each kind's Verilog aspect ends in (conv/verilog.ts, pool/verilog.ts, resize/index.ts). */
const outputWire = { conv: 'conv_out', pool: 'pool_out', resize: 'rs_out' } as const;

async function expectCosim(name: string, model: HwModel, data: Float64Array, samples: number): Promise<void> {
  const started = Date.now();
  const result = await cosimulate(model, [data], samples, { ioType: 'io_parallel', workDir: workDir(name), simulator: 'icarus' });
  const lines = designLines(result.design.files);
  console.log(`rtl-conv: ${name}: ${samples} samples, ${lines.total} lines of Verilog (${lines.files}); icarus build ${(result.buildMs / 1000).toFixed(1)} s, run ${(result.runMs / 1000).toFixed(1)} s, ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  // Every layer of these kinds is in the design once (a process of its own, or folded into its consumer's).
  const verilog = [...result.design.files.values()].join('\n');
  for (const [kind, wire] of Object.entries(outputWire)) {
    const assigned = verilog.match(new RegExp(`^  assign ${wire}(_[0-9]+)? = `, 'gm'))?.length ?? 0;
    expect(assigned, `${kind} layers`).toBe(model.layers.filter((layer) => layer.kind === kind).length);
  }
  expect(result.tokens).toBe(samples);
  expect(result.mismatches.slice(0, 5)).toEqual([]);
  expect(result.lastReadCycle.rtl).toBe(result.lastReadCycle.sim);
}

describe('convolution and pooling RTL against the cycle simulator, io_parallel', () => {
  it.runIf(!available && inCi)('finds Icarus Verilog in CI', () => {
    expect.fail('/usr/bin/iverilog is missing: .ci/run must install the iverilog package');
  });

  // The narrow designs round and saturate after every product and every add: 5 to 6 times the Verilog
  // (about 140k lines for conv1d-small), and Icarus needs about 0.6 s a sample for them, so 20 samples.
  const runs = [
    { file: 'conv1d-small', config: 'default', samples: 50, scale: 32 },
    { file: 'conv1d-small', config: 'narrow', samples: 20, scale: 8 },
    { file: 'conv2d-small', config: 'default', samples: 50, scale: 32 },
    { file: 'conv2d-small', config: 'narrow', samples: 20, scale: 8 },
  ];
  runs.forEach((run, index) => {
    it.runIf(available).concurrent(`${run.file}, ${run.config === 'default' ? 'default fixed<16,6>' : 'fixed<10,4,AP_RND,AP_SAT>'}: 0 bit and 0 cycle differences on ${run.samples} samples, half overflowing`, async () => {
      const graph = loadOnnxModel(`models/examples/${run.file}.onnx`);
      const { model } = convertModel(graph, run.config === 'default' ? defaultParallel() : parseHlsConfig(NARROW, 'narrow.yaml'));
      expect(model.layers.filter((layer) => layer.kind === 'conv').length).toBe(2);
      await expectCosim(`${run.file}-${run.config}`, model, inputs(run.samples, sampleSize(graph), 100 + index, run.scale), run.samples);
    });
  });

  /**
   * Conv (pad 1) -> MaxPool 2x2 (padded) -> 1x1 Conv (both signs out) -> AveragePool 2x2 (padded) ->
   * Resize x(2, 3) -> 1x1 Conv, channels first.
   */
  function poolModel(countIncludePad: number): Graph {
    const next = random(7 + countIncludePad);
    const weights = (shape: number[]) => float32Tensor(shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * next() - 1));
    const b = new GraphBuilder('pools', { opset: 13 });
    const x = b.input('x', [null, 2, 5, 5]);
    const c1 = b.node('Conv', [x, b.initializer('w1', weights([3, 2, 3, 3])), b.initializer('b1', weights([3]))], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name: 'conv1' });
    const max = b.node('MaxPool', [c1], { kernel_shape: [2, 2], strides: [2, 2], pads: [1, 0, 0, 1] }, { name: 'maxpool' });
    const mixWeights = b.initializer('w_mix', float32Tensor([3, 3, 1, 1], [1, -1, 0.5, -1, 0.25, -0.5, 0.5, 0.5, -1]));
    const mix = b.node('Conv', [max, mixWeights, b.initializer('b_mix', float32Tensor([3], [0, 0.5, -0.5]))], { kernel_shape: [1, 1] }, { name: 'mix' });
    const average = b.node('AveragePool', [mix], { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 1, 1, 0], count_include_pad: countIncludePad }, { name: 'avgpool' });
    const scales = b.initializer('scales', float32Tensor([4], [1, 1, 2, 3]));
    const up = b.node('Resize', [average, '', scales], { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }, { name: 'up' });
    b.output(b.node('Conv', [up, b.initializer('w2', weights([2, 3, 1, 1]))], { kernel_shape: [1, 1] }, { name: 'conv2' }), undefined);
    return importOnnx(b.toBytes(), 'pools.onnx');
  }

  // The max pool's input is unsigned (pads with 2^(W-1), nnet_pooling.h pad_val, not the minimum) or
  // signed; the average's windows hold 1, 2 or 4 cells of both signs (the division truncates toward
  // zero), its accum_t truncates and saturates, its result rounds.
  const poolConfig = (maxInput: 'ufixed' | 'fixed') => `IOType: io_parallel
HLSConfig:
  Model:
    Precision: fixed<12,5,AP_RND,AP_SAT>
  LayerName:
    conv1:
      Precision:
        result: ${maxInput}<9,3,AP_RND_CONV,AP_SAT>
    avgpool:
      Precision:
        accum: fixed<10,5,AP_TRN,AP_SAT>
        result: fixed<9,4,AP_RND,AP_WRAP>
`;
  const poolRuns = [
    { countIncludePad: 0, maxInput: 'ufixed' },
    { countIncludePad: 1, maxInput: 'fixed' },
  ] as const;
  poolRuns.forEach(({ countIncludePad, maxInput }) => {
    it.runIf(available).concurrent(`a padded max pool of ${maxInput === 'ufixed' ? 'unsigned' : 'signed'} values, a padded average pool (count_include_pad ${countIncludePad}) and a nearest Resize: 0 bit and 0 cycle differences on 50 samples`, async () => {
      const graph = poolModel(countIncludePad);
      const { model } = convertModel(graph, parseHlsConfig(poolConfig(maxInput), 'pools.yaml'));
      expect(model.layers.map((layer) => layer.hlsClass)).toEqual(['Transpose', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'AveragePooling2D', 'Resize', 'Conv2D', 'Transpose']);
      const average = model.layers.find((layer) => layer.name === 'avgpool');
      expect(average?.kind === 'pool' && average.countIncludePad).toBe(countIncludePad === 1);
      expect(model.tensors.get(model.layers.find((layer) => layer.name === 'conv1')?.output ?? '')?.type.signed).toBe(maxInput === 'fixed');
      await expectCosim(`pools-${countIncludePad}`, model, inputs(50, sampleSize(graph), 200 + countIncludePad, 16), 50);
    });
  });
});

describe('io_stream convolution and pooling (line buffers) have no token-wise Verilog', () => {
  it('the aspects say why', () => {
    const { model } = convertModel(loadOnnxModel('models/examples/conv1d-small.onnx'), { ...defaultHlsConfig(), ioType: 'io_stream' });
    const reasons = model.layers
      .filter((layer) => layer.kind === 'conv' || layer.kind === 'pool')
      .map((layer) => {
        const type = model.tensors.get(layer.inputs[0] ?? '')?.type as FixedType;
        const m = new ModuleBuilder('probe');
        const result = verilogOf(layer, { m, inputs: [m.input('x', type.width * 8)], inputTypes: [type], outputType: type, ioType: 'io_stream' });
        return [layer.name, 'unsupported' in result ? result.unsupported : 'verilog'];
      });
    expect(reasons).toEqual([
      ['conv1', 'io_stream convolution (line buffers)'],
      ['pool1', 'io_stream pooling (line buffers)'],
      ['conv2', 'io_stream convolution (line buffers)'],
      ['pool2', 'io_stream pooling (line buffers)'],
    ]);
  });
});

/**
 * A 2-D convolution's repeated plan, built as conv/index.ts repeatedPlan builds it: input [4, 5, 2],
 * kernel 3x3, strides [2, 1], pads begin [1, 0] end [1, 2], 3 filters (weight k of filter m zero when
 * (k + m) % 7 == 0, left out as MacPlanBuilder does).
 */
function repeatedConvPlan(weight: FixedType, accum: FixedType, seed: number): MacPlan {
  const next = random(seed);
  const [height, width, channels, filters] = [4, 5, 2, 3];
  const [padTop, padLeft, padBottom, padRight] = [1, 0, 1, 2];
  const [strideH, strideW] = [2, 1];
  const paddedWidth = width + padLeft + padRight;
  const paddedHeight = height + padTop + padBottom;
  const builder = new MacPlanBuilder();
  for (let m = 0; m < filters; m++) {
    builder.output(castRaw(BigInt(Math.floor((next() - 0.5) * 2 ** accum.width * 0.5)), accum, accum));
    for (let k = 0; k < 9; k++) {
      const offset = (Math.floor(k / 3) * paddedWidth + (k % 3)) * channels;
      for (let c = 0; c < channels; c++) {
        const raw = (k + m + c) % 7 === 0 ? 0n : BigInt(Math.floor(next() * 2 ** weight.width)) + minRaw(weight);
        builder.term(offset + c, raw);
      }
    }
  }
  const scatter: number[] = [];
  for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) for (let c = 0; c < channels; c++) scatter.push(((i + padTop) * paddedWidth + j + padLeft) * channels + c);
  const bases: number[] = [];
  const outHeight = Math.floor((paddedHeight - 3) / strideH) + 1;
  const outWidth = Math.floor((paddedWidth - 3) / strideW) + 1;
  for (let i = 0; i < outHeight; i++) for (let j = 0; j < outWidth; j++) bases.push((i * strideH * paddedWidth + j * strideW) * channels);
  return builder.build({ bases, scatter, paddedSize: paddedHeight * paddedWidth * channels });
}

/** Raw patterns of `count` inputs of `type`: extremes first, then uniform over the whole range. */
function rawInputs(type: FixedType, count: number, samples: number, seed: number): bigint[][] {
  const next = random(seed);
  const span = maxRaw(type) - minRaw(type) + 1n;
  const uniform = () => minRaw(type) + (BigInt(Math.floor(next() * 2 ** 26)) * span) / 2n ** 26n;
  return Array.from({ length: samples }, (_, s) => Array.from({ length: count }, () => (s === 0 ? maxRaw(type) : s === 1 ? minRaw(type) : uniform())));
}

describe.runIf(available)('a repeated MAC plan (shared/mac-verilog.ts) against macReference', () => {
  const cases: { name: string; types: MacTypes }[] = [
    {
      name: 'wrapping accum_t',
      types: { input: fixedType(8, 3), weight: fixedType(6, 2), accum: fixedType(14, 6), result: fixedType(8, 3, { quantization: 'AP_RND', overflow: 'AP_SAT' }) },
    },
    {
      name: 'rounding, saturating accum_t',
      types: {
        input: fixedType(8, 3),
        weight: fixedType(6, 1),
        accum: fixedType(10, 4, { quantization: 'AP_RND', overflow: 'AP_SAT' }),
        result: fixedType(7, 2, { quantization: 'AP_RND_CONV', overflow: 'AP_SAT' }),
      },
    },
    {
      name: 'unsigned input, symmetric saturation',
      types: {
        input: fixedType(7, 3, { signed: false }),
        weight: fixedType(5, 1),
        accum: fixedType(11, 5, { quantization: 'AP_RND_ZERO', overflow: 'AP_SAT_SYM' }),
        result: fixedType(9, 4, { quantization: 'AP_TRN_ZERO', overflow: 'AP_WRAP', saturationBits: 1 }),
      },
    },
  ];
  cases.forEach(({ name, types }, index) => {
    it(`${name}: every output of 100 inputs bit-exact, padded cells left out`, async () => {
      const plan = repeatedConvPlan(types.weight, types.accum, 30 + index);
      const count = plan.repeat?.scatter.length ?? 0;
      const outputs = (plan.repeat?.bases.length ?? 0) * plan.biasAccum.length;
      const m = new ModuleBuilder('mac_check');
      const x = m.input('x', count * types.input.width);
      const y = macVerilog(m, plan, x, types, 'mac');
      m.output('y', y.width, y.name);
      const samples = rawInputs(types.input, count, 100, 40 + index);
      const dir = workDir(`mac-${index}`);
      const bus = (raws: readonly bigint[], width: number) => raws.reduceRight((word, raw) => (word << BigInt(width)) | BigInt.asUintN(width, raw), 0n);
      writeFileSync(join(dir, 'mac_check.v'), m.toVerilog());
      writeFileSync(join(dir, 'x.hex'), samples.map((raws) => bus(raws, types.input.width).toString(16)).join('\n') + '\n');
      const testbench = [
        'module mac_tb;',
        '  integer i;',
        `  reg [${x.width - 1}:0] x;`,
        `  wire [${y.width - 1}:0] y;`,
        `  reg [${x.width - 1}:0] patterns [0:${samples.length - 1}];`,
        '  mac_check dut (.x(x), .y(y));',
        '  initial begin',
        '    $readmemh("x.hex", patterns);',
        `    for (i = 0; i < ${samples.length}; i = i + 1) begin`,
        '      x = patterns[i];',
        '      #1 $display("y %h", y);',
        '    end',
        '    $finish;',
        '  end',
        'endmodule',
        '',
      ].join('\n');
      writeFileSync(join(dir, 'mac_tb.v'), testbench);
      const stdout = await runIcarus({ sources: ['mac_check.v', 'mac_tb.v'], top: 'mac_tb', folder: dir });
      const got = stdout.split('\n').filter((line) => line.startsWith('y ')).map((line) => BigInt(`0x${line.slice(2)}`));
      const expected = samples.map((raws) => bus(macReference(plan, raws, types), types.result.width));
      expect(outputs).toBe(2 * 5 * 3); // 2 x 5 output pixels, 3 filters
      expect(got.length).toBe(samples.length);
      const differing = got.map((word, s) => (word === expected[s] ? -1 : s)).filter((s) => s >= 0);
      expect(differing.slice(0, 5)).toEqual([]);
      // The padded cells are constants: no product reads them (and some terms fall on them).
      expect(termsOverImage(plan)).toBeLessThan(plan.inputs.length * (plan.repeat?.bases.length ?? 1));
      expect(m.toVerilog().match(/\* /g)?.length).toBe(termsOverImage(plan));
    });
  });
});

/** Terms of a repeated plan that read a cell of the input (not the padding), over every base. */
function termsOverImage(plan: MacPlan): number {
  const repeat = plan.repeat;
  if (!repeat) return plan.inputs.length;
  const inside = new Set(repeat.scatter);
  return repeat.bases.reduce((sum, base) => sum + plan.inputs.filter((input) => inside.has(base + input)).length, 0);
}
