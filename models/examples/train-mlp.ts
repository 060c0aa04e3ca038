// A small, exact-to-reproduce trainer for the example MLPs: dense layers with ReLU between them and
// softmax cross-entropy at the end, Float64 forward/backward, mini-batch Adam (Kingma and Ba 2015)
// with a cosine learning-rate decay. Deterministic: the same seed gives the same bits.
import type { Random } from './random.js';

/** y = W x + b with W stored [outputs, inputs] row-major: ONNX Gemm's B with transB = 1. */
export interface DenseLayer {
  inputs: number;
  outputs: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** Dense layers with ReLU between them; the last layer's outputs are logits (softmax applied outside). */
export interface Mlp {
  layers: DenseLayer[];
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on weights (not biases). */
  weightDecay?: number;
  random: Random;
  /** Called after each epoch with the mean training loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** He-normal weights (right for ReLU), zero biases. */
export function initMlp(sizes: number[], random: Random): Mlp {
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]!;
    const outputs = sizes[l + 1]!;
    const scale = Math.sqrt(2 / inputs);
    const weights = new Float64Array(inputs * outputs);
    for (let i = 0; i < weights.length; i++) weights[i] = scale * random.normal();
    layers.push({ inputs, outputs, weights, bias: new Float64Array(outputs) });
  }
  return { layers };
}

/** One layer over a batch: out[b, o] = bias[o] + sum_i W[o, i] in[b, i], then ReLU unless last. */
function denseForward(layer: DenseLayer, input: Float64Array, count: number, relu: boolean, out: Float64Array): void {
  const { inputs, outputs, weights, bias } = layer;
  for (let b = 0; b < count; b++) {
    const inBase = b * inputs;
    for (let o = 0; o < outputs; o++) {
      let sum = bias[o]!;
      const wBase = o * inputs;
      for (let i = 0; i < inputs; i++) sum += weights[wBase + i]! * input[inBase + i]!;
      out[b * outputs + o] = relu && sum < 0 ? 0 : sum;
    }
  }
}

/** Every layer's output for `count` rows of x ([count, inputs] row-major): ReLU outputs, then logits. */
export function mlpActivations(mlp: Mlp, x: Float64Array, count: number): Float64Array[] {
  const outputs: Float64Array[] = [];
  let current = x;
  mlp.layers.forEach((layer, l) => {
    const out = new Float64Array(count * layer.outputs);
    denseForward(layer, current, count, l + 1 < mlp.layers.length, out);
    outputs.push(out);
    current = out;
  });
  return outputs;
}

export function mlpLogits(mlp: Mlp, x: Float64Array, count: number): Float64Array {
  return mlpActivations(mlp, x, count).at(-1) ?? x;
}

/** Index of the largest of each row of `width` values. */
export function argmaxRows(values: ArrayLike<number>, width: number): Int32Array {
  const count = values.length / width;
  const out = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (values[r * width + c]! > values[r * width + best]!) best = c;
    out[r] = best;
  }
  return out;
}

export function accuracy(predicted: Int32Array, labels: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct / labels.length;
}

/** Trains in place on x [count, inputs] with integer labels. */
export function trainMlp(mlp: Mlp, x: Float64Array, labels: Int32Array, options: TrainOptions): void {
  const { layers } = mlp;
  const count = labels.length;
  const inputs = layers[0]!.inputs;
  const classes = layers[layers.length - 1]!.outputs;
  const { batchSize, epochs, random } = options;
  const decay = options.weightDecay ?? 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-8;

  // Per-layer buffers, allocated once: activations (a[0] is the batch input), gradients, Adam moments.
  const activations = [new Float64Array(batchSize * inputs), ...layers.map((layer) => new Float64Array(batchSize * layer.outputs))];
  const deltas = layers.map((layer) => new Float64Array(batchSize * layer.outputs));
  const gradW = layers.map((layer) => new Float64Array(layer.weights.length));
  const gradB = layers.map((layer) => new Float64Array(layer.outputs));
  const moments = layers.map((layer) => ({
    mW: new Float64Array(layer.weights.length),
    vW: new Float64Array(layer.weights.length),
    mB: new Float64Array(layer.outputs),
    vB: new Float64Array(layer.outputs),
  }));
  const adam = (param: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array, rate: number, c1: number, c2: number): void => {
    for (let i = 0; i < param.length; i++) {
      const g = grad[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      param[i] = param[i]! - (rate * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + epsilon);
    }
  };

  let step = 0;
  const batchesPerEpoch = Math.ceil(count / batchSize);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = random.permutation(count);
    let lossSum = 0;
    for (let batch = 0; batch < batchesPerEpoch; batch++) {
      const start = batch * batchSize;
      const size = Math.min(batchSize, count - start);
      const input = activations[0]!;
      for (let b = 0; b < size; b++) input.set(x.subarray(order[start + b]! * inputs, (order[start + b]! + 1) * inputs), b * inputs);
      layers.forEach((layer, l) => denseForward(layer, activations[l]!, size, l + 1 < layers.length, activations[l + 1]!));

      // Softmax cross-entropy: dLoss/dlogits = (p - onehot) / size.
      const logits = activations[layers.length]!;
      const top = deltas[layers.length - 1]!;
      for (let b = 0; b < size; b++) {
        let max = -Infinity;
        for (let c = 0; c < classes; c++) max = Math.max(max, logits[b * classes + c]!);
        let sum = 0;
        for (let c = 0; c < classes; c++) sum += Math.exp(logits[b * classes + c]! - max);
        const label = labels[order[start + b]!]!;
        for (let c = 0; c < classes; c++) {
          const p = Math.exp(logits[b * classes + c]! - max) / sum;
          top[b * classes + c] = (p - (c === label ? 1 : 0)) / size;
        }
        lossSum += Math.log(sum) + max - logits[b * classes + label]!;
      }

      for (let l = layers.length - 1; l >= 0; l--) {
        const layer = layers[l]!;
        const delta = deltas[l]!;
        const below = activations[l]!;
        const gW = gradW[l]!;
        const gB = gradB[l]!;
        for (let o = 0; o < layer.outputs; o++) {
          let sumB = 0;
          for (let b = 0; b < size; b++) sumB += delta[b * layer.outputs + o]!;
          gB[o] = sumB;
          for (let i = 0; i < layer.inputs; i++) {
            let sumW = 0;
            for (let b = 0; b < size; b++) sumW += delta[b * layer.outputs + o]! * below[b * layer.inputs + i]!;
            gW[o * layer.inputs + i] = sumW + decay * layer.weights[o * layer.inputs + i]!;
          }
        }
        if (l > 0) {
          // Back through W, then through the ReLU that produced `below` (zero where it clipped).
          const next = deltas[l - 1]!;
          for (let b = 0; b < size; b++) {
            for (let i = 0; i < layer.inputs; i++) {
              if (below[b * layer.inputs + i]! <= 0) {
                next[b * layer.inputs + i] = 0;
                continue;
              }
              let sum = 0;
              for (let o = 0; o < layer.outputs; o++) sum += delta[b * layer.outputs + o]! * layer.weights[o * layer.inputs + i]!;
              next[b * layer.inputs + i] = sum;
            }
          }
        }
      }

      step++;
      const rate = options.learningRate * 0.5 * (1 + Math.cos((Math.PI * (step - 1)) / (epochs * batchesPerEpoch)));
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      layers.forEach((layer, l) => {
        const m = moments[l]!;
        adam(layer.weights, gradW[l]!, m.mW, m.vW, rate, c1, c2);
        adam(layer.bias, gradB[l]!, m.mB, m.vB, rate, c1, c2);
      });
    }
    options.onEpoch?.(epoch, lossSum / count);
  }
}
