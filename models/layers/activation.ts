// Elementwise unary functions, with ONNX's definitions (onnx/docs/Operators.md).
import type { ActivationFunction } from '../ir/layer.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

function functionOf(activation: ActivationFunction): (x: number) => number {
  switch (activation.kind) {
    case 'relu':
      return (x) => (x > 0 ? x : 0);
    case 'leaky_relu': {
      const alpha = activation.alpha;
      return (x) => (x >= 0 ? x : alpha * x);
    }
    case 'sigmoid':
      // Split by sign so exp never overflows.
      return (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
    case 'tanh':
      return Math.tanh;
    case 'clip': {
      const { min, max } = activation;
      return (x) => Math.min(Math.max(x, min), max);
    }
    case 'hard_sigmoid': {
      const { alpha, beta } = activation;
      return (x) => Math.max(0, Math.min(1, alpha * x + beta));
    }
    case 'elu': {
      const alpha = activation.alpha;
      return (x) => (x >= 0 ? x : alpha * (Math.exp(x) - 1));
    }
    case 'softplus':
      return (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
    case 'softsign':
      return (x) => x / (1 + Math.abs(x));
    case 'selu': {
      const { alpha, gamma } = activation;
      return (x) => (x > 0 ? gamma * x : gamma * alpha * Math.expm1(x));
    }
    case 'exp':
      return Math.exp;
    case 'sqrt':
      return Math.sqrt;
    case 'neg':
      return (x) => -x;
    case 'abs':
      return Math.abs;
  }
}

export const activationLayer = defineLayer({
  kind: 'activation',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    const keepsInt = x.type.kind === 'int' && (layer.activation.kind === 'neg' || layer.activation.kind === 'abs' || layer.activation.kind === 'relu');
    return { shape: x.shape, type: keepsInt ? x.type : { kind: 'float', bits: 32 } };
  },
  compute(layer, inputs) {
    const x = inputData(inputs, 0);
    const f = functionOf(layer.activation);
    const out = new Float64Array(x.data.length);
    for (let i = 0; i < out.length; i++) out[i] = f(x.data[i] ?? 0);
    return out;
  },
});
