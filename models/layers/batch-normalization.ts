// Inference batch normalization over the last (channel) axis:
// y = (x - mean) / sqrt(variance + epsilon) * scale + bias.
import { formatShape } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

const PARAMETERS = ['scale', 'bias', 'mean', 'variance'] as const;

export const batchNormalizationLayer = defineLayer({
  kind: 'batch_normalization',
  infer(_layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    if (x.shape.length < 2) check.fail(`input X must have rank >= 2, not shape ${formatShape(x.shape)}`);
    const channels = x.shape[x.shape.length - 1] ?? 0;
    PARAMETERS.forEach((what, index) => {
      const parameter = inputAt(inputs, index + 1, what, check);
      if (parameter.shape.length !== 1 || parameter.shape[0] !== channels) {
        check.fail(`input ${what} must have shape [${channels}], not ${formatShape(parameter.shape)}`);
      }
    });
    return { shape: x.shape, type: { kind: 'float', bits: 32 } };
  },
  compute(layer, inputs) {
    const x = inputData(inputs, 0);
    const [scale, bias, mean, variance] = [1, 2, 3, 4].map((index) => inputData(inputs, index).data);
    const channels = x.shape[x.shape.length - 1] ?? 0;
    const multiplier = new Float64Array(channels);
    const offset = new Float64Array(channels);
    for (let c = 0; c < channels; c++) {
      multiplier[c] = (scale?.[c] ?? 0) / Math.sqrt((variance?.[c] ?? 0) + layer.epsilon);
      offset[c] = (bias?.[c] ?? 0) - (mean?.[c] ?? 0) * (multiplier[c] ?? 0);
    }
    const out = new Float64Array(x.data.length);
    for (let i = 0; i < out.length; i++) {
      const c = i % channels;
      out[i] = (x.data[i] ?? 0) * (multiplier[c] ?? 0) + (offset[c] ?? 0);
    }
    return out;
  },
});
