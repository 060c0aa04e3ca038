// Two small convolutional examples for the Conv, pooling and BatchNormalization paths of the flow.
// The convolutions are seeded (random filters, or perturbed line detectors for the first 2D layer);
// only the Gemm read-out is trained (softmax regression on the flattened features), which is cheap
// and still gives outputs with meaning.
import { GraphBuilder, float32Tensor } from '../onnx-writer/index.js';
import { batchNormalization, channelStatistics, conv, pool, relu } from './conv-forward.js';
import type { ConvParameters, Tensor } from './conv-forward.js';
import type { Random } from './random.js';
import { argmaxRows, initMlp, mlpLogits, trainMlp } from './train-mlp.js';
import type { DenseLayer } from './train-mlp.js';

export const CONV1D_SEED = 1001;
export const CONV2D_SEED = 1002;

export interface LabelledSignals {
  x: Tensor;
  labels: Int32Array;
}

export interface ConvExample {
  onnx: Uint8Array;
  /** How many of the held-back test signals our Float64 forward pass classifies correctly. */
  testCorrect: number;
  test: LabelledSignals;
}

function randomConv(random: Random, inChannels: number, outChannels: number, kernel: [number, number], group: number, strides: [number, number], pads: [number, number]): ConvParameters {
  const fanIn = (inChannels / group) * kernel[0] * kernel[1];
  const weights = Float64Array.from({ length: outChannels * fanIn }, () => Math.sqrt(2 / fanIn) * random.normal());
  const bias = Float64Array.from({ length: outChannels }, () => 0.1 * random.normal());
  return { weights, bias, outChannels, kernel, strides, pads, group };
}

function correctCount(predicted: Int32Array, labels: Int32Array): number {
  return predicted.reduce((sum, label, i) => sum + (label === labels[i] ? 1 : 0), 0);
}

function flatten(x: Tensor): { data: Float64Array; width: number } {
  return { data: x.data, width: x.shape[1] * x.shape[2] * x.shape[3] };
}

function trainReadout(random: Random, features: Float64Array, labels: Int32Array, width: number, classes: number): DenseLayer {
  const readout = initMlp([width, classes], random);
  trainMlp(readout, features, labels, { epochs: 30, batchSize: 64, learningRate: 0.01, random });
  return readout.layers[0]!;
}

function convNode(g: GraphBuilder, value: string, p: ConvParameters, name: string, oneDimensional: boolean): string {
  const kernel = oneDimensional ? [p.kernel[1]] : p.kernel;
  const inPerGroup = p.weights.length / (p.outChannels * p.kernel[0] * p.kernel[1]);
  const w = g.initializer(`${name}_weight`, float32Tensor([p.outChannels, inPerGroup, ...kernel], p.weights));
  const b = g.initializer(`${name}_bias`, float32Tensor([p.outChannels], p.bias));
  const attributes = oneDimensional
    ? { kernel_shape: kernel, strides: [p.strides[1]], pads: [p.pads[1], p.pads[1]], group: p.group }
    : { kernel_shape: kernel, strides: p.strides, pads: [p.pads[0], p.pads[1], p.pads[0], p.pads[1]], group: p.group };
  return g.node('Conv', [value, w, b], attributes, { name });
}

function readoutNodes(g: GraphBuilder, value: string, readout: DenseLayer): void {
  const w = g.initializer('dense_weight', float32Tensor([readout.outputs, readout.inputs], readout.weights));
  const b = g.initializer('dense_bias', float32Tensor([readout.outputs], readout.bias));
  const flat = g.node('Flatten', [value], { axis: 1 }, { name: 'flatten' });
  const logits = g.node('Gemm', [flat, w, b], { transB: 1 }, { name: 'dense' });
  g.output(g.node('Softmax', [logits], { axis: -1 }, { name: 'softmax', outputs: ['y'] }), [null, readout.outputs]);
}

/** Pulse shapes in 3 channels of 32 samples: 0 narrow, 1 wide, 2 bipolar, 3 step; random position, gains and noise. */
export function pulseSignals(random: Random, count: number): LabelledSignals {
  const length = 32;
  const data = new Float64Array(count * 3 * length);
  const labels = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    const label = s % 4;
    labels[s] = label;
    const centre = 8 + 16 * random.uniform();
    const sigma = label === 1 ? 4 : 1.5;
    for (let channel = 0; channel < 3; channel++) {
      const gain = 0.5 + random.uniform();
      for (let t = 0; t < length; t++) {
        const u = (t - centre) / sigma;
        let shape: number;
        if (label === 2) shape = -1.6 * u * Math.exp(-0.5 * u * u);
        else if (label === 3) shape = 1 / (1 + Math.exp(-2 * u));
        else shape = Math.exp(-0.5 * u * u);
        data[(s * 3 + channel) * length + t] = gain * shape + 0.35 * random.normal();
      }
    }
  }
  return { x: { shape: [count, 3, 1, length], data }, labels };
}

/** 8x8 images of a line: 0 horizontal, 1 vertical, 2 diagonal (either direction); random place, brightness, noise. */
export function lineImages(random: Random, count: number): LabelledSignals {
  const data = new Float64Array(count * 64);
  const labels = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    const label = s % 3;
    labels[s] = label;
    const at = random.integer(8);
    const brightness = 0.6 + 0.8 * random.uniform();
    const flip = random.uniform() < 0.5;
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        let on: boolean;
        if (label === 0) on = y === at;
        else if (label === 1) on = x === at;
        else on = (flip ? 7 - x : x) === (y + at) % 8;
        data[s * 64 + y * 8 + x] = (on ? brightness : 0) + 0.45 * random.normal();
      }
    }
  }
  return { x: { shape: [count, 1, 8, 8], data }, labels };
}

export function makeConv1dExample(random: Random): ConvExample {
  const conv1 = randomConv(random, 3, 8, [1, 3], 1, [1, 1], [0, 1]);
  const conv2 = randomConv(random, 8, 8, [1, 3], 1, [1, 1], [0, 1]);
  const features = (x: Tensor): Tensor => pool(relu(conv(pool(relu(conv(x, conv1)), 'max', [1, 2]), conv2)), 'max', [1, 2]);
  const train = pulseSignals(random, 4000);
  const test = pulseSignals(random, 1000);
  const trainFeatures = flatten(features(train.x));
  const readout = trainReadout(random, trainFeatures.data, train.labels, trainFeatures.width, 4);
  const testFeatures = flatten(features(test.x));
  const predicted = argmaxRows(mlpLogits({ layers: [readout] }, testFeatures.data, test.labels.length), 4);

  const g = new GraphBuilder('conv1d_small', { docString: 'ngt example: pulse-shape classifier. Made by models/examples/make-examples.ts.' });
  let value = g.input('x', [null, 3, 32]);
  value = g.node('Relu', [convNode(g, value, conv1, 'conv1', true)], {}, { name: 'relu1' });
  value = g.node('MaxPool', [value], { kernel_shape: [2], strides: [2] }, { name: 'pool1' });
  value = g.node('Relu', [convNode(g, value, conv2, 'conv2', true)], {}, { name: 'relu2' });
  value = g.node('MaxPool', [value], { kernel_shape: [2], strides: [2] }, { name: 'pool2' });
  readoutNodes(g, value, readout);
  return { onnx: g.toBytes(), testCorrect: correctCount(predicted, test.labels), test };
}

const CHANNELS_2D = 8;

/** 3x3 line detectors: horizontal, vertical, and the two diagonals (zero sum, so flat noise cancels). */
const LINE_DETECTORS = [
  [-1, -1, -1, 2, 2, 2, -1, -1, -1],
  [-1, 2, -1, -1, 2, -1, -1, 2, -1],
  [2, -1, -1, -1, 2, -1, -1, -1, 2],
  [-1, -1, 2, -1, 2, -1, 2, -1, -1],
].map((row) => row.map((value) => value / 3));

export function makeConv2dExample(random: Random): ConvExample {
  // The first layer starts from oriented line detectors (as a trained one would end up), perturbed.
  const conv1 = randomConv(random, 1, CHANNELS_2D, [3, 3], 1, [1, 1], [1, 1]);
  LINE_DETECTORS.forEach((detector, m) => detector.forEach((value, i) => (conv1.weights[m * 9 + i] = value + 0.2 * conv1.weights[m * 9 + i]!)));
  const depthwise = randomConv(random, CHANNELS_2D, CHANNELS_2D, [3, 3], CHANNELS_2D, [2, 2], [1, 1]);
  // Depthwise filters near a 3x3 box blur keep each detector's response through the stride.
  depthwise.weights.forEach((value, i) => (depthwise.weights[i] = 1 / 3 + 0.3 * value));
  const train = lineImages(random, 3000);
  const test = lineImages(random, 900);
  // BatchNormalization's statistics are what training would have tracked: those of its input on the training set.
  const beforeNorm = (x: Tensor): Tensor => conv(relu(conv(x, conv1)), depthwise);
  const { mean, variance } = channelStatistics(beforeNorm(train.x));
  const norm = {
    scale: Float64Array.from({ length: CHANNELS_2D }, () => 0.8 + 0.4 * random.uniform()),
    bias: Float64Array.from({ length: CHANNELS_2D }, () => 0.2 * random.normal()),
    mean,
    variance,
    epsilon: 1e-3,
  };
  const features = (x: Tensor): Tensor => pool(relu(batchNormalization(beforeNorm(x), norm)), 'average', [2, 2]);
  const trainFeatures = flatten(features(train.x));
  const readout = trainReadout(random, trainFeatures.data, train.labels, trainFeatures.width, 3);
  const testFeatures = flatten(features(test.x));
  const predicted = argmaxRows(mlpLogits({ layers: [readout] }, testFeatures.data, test.labels.length), 3);

  const g = new GraphBuilder('conv2d_small', { docString: 'ngt example: line-orientation classifier. Made by models/examples/make-examples.ts.' });
  let value = g.input('x', [null, 1, 8, 8]);
  value = g.node('Relu', [convNode(g, value, conv1, 'conv1', false)], {}, { name: 'relu1' });
  value = convNode(g, value, depthwise, 'depthwise', false);
  const bn = (name: string, values: Float64Array): string => g.initializer(`norm_${name}`, float32Tensor([CHANNELS_2D], values));
  value = g.node('BatchNormalization', [value, bn('scale', norm.scale), bn('bias', norm.bias), bn('mean', norm.mean), bn('var', norm.variance)], { epsilon: norm.epsilon }, { name: 'norm' });
  value = g.node('Relu', [value], {}, { name: 'relu2' });
  value = g.node('AveragePool', [value], { kernel_shape: [2, 2], strides: [2, 2] }, { name: 'pool' });
  readoutNodes(g, value, readout);
  return { onnx: g.toBytes(), testCorrect: correctCount(predicted, test.labels), test };
}
