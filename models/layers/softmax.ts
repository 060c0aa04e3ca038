// Softmax along one axis, max-subtracted so exp never overflows.
import { stridesOf } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData, normalizeAxis } from './layer-definition.js';

export const softmaxLayer = defineLayer({
  kind: 'softmax',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    normalizeAxis(layer.axis, x.shape.length, 'attribute axis', check);
    return { shape: x.shape, type: { kind: 'float', bits: 32 } };
  },
  compute(layer, inputs) {
    const x = inputData(inputs, 0);
    const axis = layer.axis < 0 ? layer.axis + x.shape.length : layer.axis;
    const size = x.shape[axis] ?? 1;
    const stride = stridesOf(x.shape)[axis] ?? 1;
    const out = new Float64Array(x.data.length);
    const outer = x.data.length / (size * stride);
    for (let o = 0; o < outer; o++) {
      for (let inner = 0; inner < stride; inner++) {
        const base = o * size * stride + inner;
        let max = -Infinity;
        for (let i = 0; i < size; i++) max = Math.max(max, x.data[base + i * stride] ?? 0);
        let sum = 0;
        for (let i = 0; i < size; i++) {
          const e = Math.exp((x.data[base + i * stride] ?? 0) - max);
          out[base + i * stride] = e;
          sum += e;
        }
        for (let i = 0; i < size; i++) out[base + i * stride] = (out[base + i * stride] ?? 0) / sum;
      }
    }
    return out;
  },
});
