// A model small enough for an iCE40UP5K (ngt build, issue 13): an MLP 10-8-4 with a ReLU between the
// two Gemm layers and logits out (no softmax: its tables would not fit beside the MACs). Trained on a
// seeded 4-class task in 10 dimensions: each class a Gaussian blob around its own centre.
import { GraphBuilder, float32Tensor } from '../onnx-writer/index.js';
import type { Random } from './random.js';
import { argmaxRows, initMlp, mlpLogits, trainMlp } from './train-mlp.js';

export const TINY_SEED = 1313;
export const TINY_INPUTS = 10;
export const TINY_HIDDEN = 8;
export const TINY_CLASSES = 4;

export interface TinyExample {
  readonly onnx: Uint8Array;
  readonly testCorrect: number;
  readonly testTotal: number;
}

function blobs(random: Random, centres: Float64Array, count: number): { x: Float64Array; labels: Int32Array } {
  const x = new Float64Array(count * TINY_INPUTS);
  const labels = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    const label = s % TINY_CLASSES;
    labels[s] = label;
    for (let i = 0; i < TINY_INPUTS; i++) x[s * TINY_INPUTS + i] = (centres[label * TINY_INPUTS + i] ?? 0) + random.normal();
  }
  return { x, labels };
}

export function makeTinyDenseExample(random: Random): TinyExample {
  const centres = Float64Array.from({ length: TINY_CLASSES * TINY_INPUTS }, () => 0.8 * random.normal());
  const train = blobs(random, centres, 4000);
  const test = blobs(random, centres, 1000);
  const mlp = initMlp([TINY_INPUTS, TINY_HIDDEN, TINY_CLASSES], random);
  trainMlp(mlp, train.x, train.labels, { epochs: 8, batchSize: 64, learningRate: 5e-3, random });
  const predicted = argmaxRows(mlpLogits(mlp, test.x, test.labels.length), TINY_CLASSES);
  const testCorrect = predicted.reduce((sum, p, i) => sum + (p === test.labels[i] ? 1 : 0), 0);
  const g = new GraphBuilder('tiny_dense', { docString: 'ngt example: 10-8-4 MLP for an iCE40UP5K (ngt build). Made by models/examples/make-examples.ts.' });
  let value = g.input('x', [null, TINY_INPUTS]);
  mlp.layers.forEach((layer, l) => {
    const w = g.initializer(`dense_${l + 1}_weight`, float32Tensor([layer.outputs, layer.inputs], layer.weights));
    const b = g.initializer(`dense_${l + 1}_bias`, float32Tensor([layer.outputs], layer.bias));
    const last = l + 1 === mlp.layers.length;
    value = g.node('Gemm', [value, w, b], { transB: 1 }, { name: `dense_${l + 1}`, ...(last ? { outputs: ['y'] } : {}) });
    if (!last) value = g.node('Relu', [value], {}, { name: `relu_${l + 1}` });
  });
  g.output(value, [null, TINY_CLASSES]);
  return { onnx: g.toBytes(), testCorrect, testTotal: test.labels.length };
}
