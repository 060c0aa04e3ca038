import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { defaultModelPath, defaultTestInputsPath, defaultTestLabelsPath, examplesFolder } from '../../models/default-model.js';
import { CONV1D_SEED, CONV2D_SEED, makeConv1dExample, makeConv2dExample } from '../../models/examples/conv-examples.js';
import { JET_SEED, makeJetSplits, testSplitFiles } from '../../models/examples/jet-dataset.js';
import { QONNX_DOMAIN } from '../../models/examples/jet-tagger-export.js';
import { powerOfTwoScale, quantize } from '../../models/examples/quant.js';
import { Random } from '../../models/examples/random.js';
import { argmaxRows, initMlp, mlpLogits, trainMlp } from '../../models/examples/train-mlp.js';
import { readNpy } from '../../models/npy.js';
import { decodeModel, encodeModel, float32Tensor, onnx } from '../../models/onnx-writer/index.js';

const folder = examplesFolder();
const committed = (name: string): Uint8Array => readFileSync(join(folder, name));
const readme = readFileSync(join(folder, 'README.md'), 'utf8');

/** Regenerated once: the model bytes and the test data the generator held back. */
function memo<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
const conv1d = memo(() => makeConv1dExample(new Random(CONV1D_SEED)));
const conv2d = memo(() => makeConv2dExample(new Random(CONV2D_SEED)));

/** A figure the generator wrote into README.md: '**<label>: 76.51%** (7651 / 10000)'. */
function readmeCount(label: string): { correct: number; total: number } {
  const match = new RegExp(`\\*\\*${label}: [0-9.]+%\\*\\* \\((\\d+) / (\\d+)\\)`).exec(readme);
  if (!match) throw new Error(`README.md has no '${label}' figure`);
  return { correct: Number(match[1]), total: Number(match[2]) };
}

/** A conv model's figure: '`conv1d-small.onnx` (test accuracy 89.60%, 896 / 1000)'. */
function readmeConvCount(file: string): { correct: number; total: number } {
  const match = new RegExp(`\`${file}\` \\(test accuracy [0-9.]+%, (\\d+) / (\\d+)\\)`).exec(readme);
  if (!match) throw new Error(`README.md has no accuracy for ${file}`);
  return { correct: Number(match[1]), total: Number(match[2]) };
}

async function classify(model: Uint8Array, x: Float32Array, dims: number[]): Promise<{ predicted: Int32Array; probabilities: Float32Array }> {
  const session = await ort.InferenceSession.create(model);
  const { y } = await session.run({ x: new ort.Tensor('float32', x, dims) });
  const probabilities = y!.data as Float32Array;
  const classes = y!.dims[1]!;
  const predicted = new Int32Array(dims[0]!);
  for (let r = 0; r < predicted.length; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[r * classes + c]! > probabilities[r * classes + best]!) best = c;
    predicted[r] = best;
  }
  return { predicted, probabilities };
}

function correctCount(predicted: Int32Array, labels: ArrayLike<number | bigint>): number {
  let correct = 0;
  predicted.forEach((p, i) => (correct += Number(labels[i]) === p ? 1 : 0));
  return correct;
}

/**
 * QONNX Quant rewritten into standard ONNX so onnxruntime can run it: with zero point z and integer
 * range [min, max] from bitwidth/signed/narrow, y = (Clip(Round(x / scale + z), min, max) - z) * scale.
 * ONNX Round is half-to-even, as QONNX's ROUND (numpy.round).
 */
function quantToStandardOnnx(bytes: Uint8Array): Uint8Array {
  const model = decodeModel(bytes);
  const graph = model.graph as onnx.GraphProto;
  const scalar = (name: string): number => {
    const tensor = graph.initializer.find((t) => t.name === name);
    return new Float32Array(Uint8Array.from(tensor?.rawData ?? []).buffer)[0]!;
  };
  const nodes: onnx.INodeProto[] = [];
  for (const node of graph.node) {
    if (node.opType !== 'Quant') {
      nodes.push(node);
      continue;
    }
    const [x, scale, zeroPoint, bitwidth] = node.input as [string, string, string, string];
    const attribute = (name: string): number => Number(node.attribute?.find((a) => a.name === name)?.i ?? 0);
    const bits = scalar(bitwidth);
    const narrow = attribute('narrow');
    const [min, max] = attribute('signed') ? [-(2 ** (bits - 1)) + narrow, 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1 - narrow];
    const name = node.name ?? '';
    const out = node.output?.[0] ?? '';
    graph.initializer.push(
      onnx.TensorProto.create({ ...float32TensorProto(`${name}_min`, min) }),
      onnx.TensorProto.create({ ...float32TensorProto(`${name}_max`, max) }),
    );
    nodes.push(
      { opType: 'Div', input: [x, scale], output: [`${name}_scaled`] },
      { opType: 'Add', input: [`${name}_scaled`, zeroPoint], output: [`${name}_shifted`] },
      { opType: 'Round', input: [`${name}_shifted`], output: [`${name}_rounded`] },
      { opType: 'Clip', input: [`${name}_rounded`, `${name}_min`, `${name}_max`], output: [`${name}_clipped`] },
      { opType: 'Sub', input: [`${name}_clipped`, zeroPoint], output: [`${name}_integer`] },
      { opType: 'Mul', input: [`${name}_integer`, scale], output: [out] },
    );
  }
  graph.node = nodes.map((node) => onnx.NodeProto.create(node));
  model.opsetImport = model.opsetImport.filter((opset) => opset.domain !== QONNX_DOMAIN);
  return encodeModel(model);
}

function float32TensorProto(name: string, value: number): onnx.ITensorProto {
  const data = float32Tensor([], [value]).data as Float32Array;
  return { name, dims: [], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer) };
}

describe('example files', () => {
  it('the default paths point at the committed jet tagger and its test split', () => {
    expect(defaultModelPath()).toBe(join(folder, 'jet-tagger.onnx'));
    for (const path of [defaultModelPath(), defaultTestInputsPath(), defaultTestLabelsPath()]) expect(existsSync(path)).toBe(true);
    const x = readNpy(defaultTestInputsPath());
    const y = readNpy(defaultTestLabelsPath());
    expect([x.dtype, x.shape]).toEqual(['float32', [10000, 16]]);
    expect([y.dtype, y.shape]).toEqual(['int64', [10000]]);
    const counts = [0, 0, 0, 0, 0];
    for (const label of y.data as BigInt64Array) counts[Number(label)]!++;
    expect(counts).toEqual([2000, 2000, 2000, 2000, 2000]);
    // Standardised with the training split's statistics: test means near 0 and spreads near 1.
    const data = x.data as Float32Array;
    for (let f = 0; f < 16; f++) {
      let sum = 0;
      let squares = 0;
      for (let r = 0; r < 10000; r++) {
        sum += data[r * 16 + f]!;
        squares += data[r * 16 + f]! ** 2;
      }
      expect(Math.abs(sum / 10000)).toBeLessThan(0.05);
      expect(Math.sqrt(squares / 10000)).toBeGreaterThan(0.95);
      expect(Math.sqrt(squares / 10000)).toBeLessThan(1.05);
    }
  });

  it('regenerating the data set and the conv models gives the committed bytes', () => {
    const { test } = makeJetSplits(new Random(JET_SEED));
    const files = testSplitFiles(test);
    expect(Buffer.from(files.x).equals(committed('jet-tagger-test-x.npy'))).toBe(true);
    expect(Buffer.from(files.y).equals(committed('jet-tagger-test-y.npy'))).toBe(true);
    expect(Buffer.from(conv1d().onnx).equals(committed('conv1d-small.onnx'))).toBe(true);
    expect(Buffer.from(conv2d().onnx).equals(committed('conv2d-small.onnx'))).toBe(true);
  });
});

describe('jet tagger under onnxruntime', () => {
  const x = readNpy(defaultTestInputsPath());
  const labels = readNpy(defaultTestLabelsPath()).data as BigInt64Array;

  it('has input x [N, 16] and output y [N, 5] probabilities, and reaches the accuracy README.md records', async () => {
    const model = decodeModel(committed('jet-tagger.onnx'));
    const graph = model.graph as onnx.GraphProto;
    expect(graph.node.map((node) => node.opType)).toEqual(['Gemm', 'Relu', 'Gemm', 'Relu', 'Gemm', 'Relu', 'Gemm', 'Softmax']);
    const inputDims = graph.input[0]?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue));
    expect([graph.input[0]?.name, inputDims]).toEqual(['x', ['N', 16]]);
    const { predicted, probabilities } = await classify(committed('jet-tagger.onnx'), x.data as Float32Array, [10000, 16]);
    for (let r = 0; r < 100; r++) expect(probabilities.subarray(r * 5, r * 5 + 5).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const recorded = readmeCount('Test accuracy \\(onnxruntime\\)');
    expect(recorded.total).toBe(10000);
    expect(correctCount(predicted, labels)).toBe(recorded.correct);
    expect(recorded.correct / recorded.total).toBeGreaterThanOrEqual(0.7);
  });

  it('QONNX model: Quant nodes in qonnx.custom_op.general; its accuracy matches README.md and is within 2 points of float', async () => {
    const bytes = committed('jet-tagger-qonnx.onnx');
    const model = decodeModel(bytes);
    const graph = model.graph as onnx.GraphProto;
    const quants = graph.node.filter((node) => node.opType === 'Quant');
    expect(quants.length).toBe(1 + 4 * 2 + 3);
    expect(quants.every((node) => node.domain === QONNX_DOMAIN)).toBe(true);
    expect(model.opsetImport.map((opset) => opset.domain)).toContain(QONNX_DOMAIN);
    const rounding = quants.map((node) => new TextDecoder().decode(node.attribute?.find((a) => a.name === 'rounding_mode')?.s ?? new Uint8Array()));
    expect(new Set(rounding)).toEqual(new Set(['ROUND']));

    const { predicted } = await classify(quantToStandardOnnx(bytes), x.data as Float32Array, [10000, 16]);
    const correct = correctCount(predicted, labels);
    const recorded = readmeCount('Test accuracy');
    // Every quantized value is a short power-of-two-scaled integer and each dot product needs < 24 bits,
    // so onnxruntime's float32 sums are exact and agree with the script's float64 forward pass.
    expect(correct).toBe(recorded.correct);
    const float = readmeCount('Test accuracy \\(onnxruntime\\)');
    expect(Math.abs(correct - float.correct) / 10000).toBeLessThan(0.02);
  });
});

describe('conv examples under onnxruntime', () => {
  it('conv1d-small classifies regenerated pulse shapes as well as README.md says', async () => {
    const { test } = conv1d();
    const { predicted } = await classify(committed('conv1d-small.onnx'), Float32Array.from(test.x.data), [test.labels.length, 3, 32]);
    const recorded = readmeConvCount('conv1d-small.onnx');
    expect(recorded.total).toBe(test.labels.length);
    expect(correctCount(predicted, test.labels)).toBe(recorded.correct);
    expect(recorded.correct / recorded.total).toBeGreaterThan(0.8);
  });

  it('conv2d-small classifies regenerated line images as well as README.md says', async () => {
    const { test } = conv2d();
    const { predicted } = await classify(committed('conv2d-small.onnx'), Float32Array.from(test.x.data), [test.labels.length, 1, 8, 8]);
    const recorded = readmeConvCount('conv2d-small.onnx');
    expect(recorded.total).toBe(test.labels.length);
    expect(correctCount(predicted, test.labels)).toBe(recorded.correct);
    expect(recorded.correct / recorded.total).toBeGreaterThan(0.8);
  });
});

describe('the generators behind the examples', () => {
  it('xoshiro128** gives the reference implementation outputs from state {1, 2, 3, 4}', () => {
    const random = Random.fromState([1, 2, 3, 4]);
    // By hand from xoshiro128starstar.c: rotl(s1 * 5, 7) * 9, then the state update.
    expect([random.nextUint32(), random.nextUint32(), random.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('normal() has mean 0, variance 1 and a Gaussian tail', () => {
    const random = new Random(5);
    let sum = 0;
    let squares = 0;
    let beyondTwo = 0;
    const count = 200_000;
    for (let i = 0; i < count; i++) {
      const value = random.normal();
      sum += value;
      squares += value * value;
      if (Math.abs(value) > 2) beyondTwo++;
    }
    expect(Math.abs(sum / count)).toBeLessThan(0.01);
    expect(Math.abs(squares / count - 1)).toBeLessThan(0.015);
    expect(beyondTwo / count).toBeCloseTo(0.0455, 2); // P(|Z| > 2)
  });

  it('powerOfTwoScale picks the smallest power of two whose range covers the value', () => {
    expect(powerOfTwoScale(1, 6, true)).toBe(2 ** -4); // 31 * 2^-5 = 0.96875 < 1
    expect(powerOfTwoScale(0.96875, 6, true)).toBe(2 ** -5);
    expect(powerOfTwoScale(255 / 8, 8, false)).toBe(2 ** -3);
    expect(powerOfTwoScale(32, 8, false)).toBe(2 ** -2);
  });

  it('quantize follows QONNX Quant: ties to even, clipping at the integer range, narrow ranges', () => {
    const spec = { scale: 0.25, zeroPoint: 0, bits: 4, signed: true, narrow: false };
    expect([0.125, 0.375, -0.125, 0.3, 10, -10].map((value) => quantize(value, spec))).toEqual([0, 0.5, 0, 0.25, 1.75, -2]);
    expect(quantize(-10, { ...spec, narrow: true })).toBe(-1.75);
    expect(quantize(100, { ...spec, signed: false })).toBe(3.75);
  });

  it('trainMlp learns XOR with a hidden ReLU layer', () => {
    const random = new Random(3);
    const x = Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1].map((bit) => 2 * bit - 1));
    const labels = Int32Array.from([0, 1, 1, 0]);
    const mlp = initMlp([2, 8, 2], random);
    const losses: number[] = [];
    trainMlp(mlp, x, labels, { epochs: 300, batchSize: 4, learningRate: 0.05, random, onEpoch: (_, loss) => losses.push(loss) });
    expect(Array.from(argmaxRows(mlpLogits(mlp, x, 4), 2))).toEqual([0, 1, 1, 0]);
    expect(losses.at(-1)).toBeLessThan(0.05);
    expect(losses[0]).toBeGreaterThan(0.3);
  });
});
