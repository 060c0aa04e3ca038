// Channels-last global pooling: [1, ...spatial, C] -> [1, 1, ..., 1, C].
import { formatShape } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

export const globalPoolLayer = defineLayer({
  kind: 'global_pool',
  infer(_layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    if (x.shape.length < 3) check.fail(`input X must have rank >= 3, not shape ${formatShape(x.shape)}`);
    return { shape: x.shape.map((dim, axis) => (axis === 0 || axis === x.shape.length - 1 ? dim : 1)), type: x.type };
  },
  compute(layer, inputs) {
    const x = inputData(inputs, 0);
    const channels = x.shape[x.shape.length - 1] ?? 0;
    const positions = x.data.length / channels;
    const out = new Float64Array(channels).fill(layer.mode === 'max' ? -Infinity : 0);
    for (let p = 0; p < positions; p++) {
      for (let c = 0; c < channels; c++) {
        const value = x.data[p * channels + c] ?? 0;
        out[c] = layer.mode === 'max' ? Math.max(out[c] ?? -Infinity, value) : (out[c] ?? 0) + value;
      }
    }
    if (layer.mode === 'average') for (let c = 0; c < channels; c++) out[c] = (out[c] ?? 0) / positions;
    return out;
  },
});
