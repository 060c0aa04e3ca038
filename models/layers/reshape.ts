// Reinterpret the row-major data under a new static shape (Flatten, Reshape, Squeeze, Unsqueeze).
import { elementCount, formatShape } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

export const reshapeLayer = defineLayer({
  kind: 'reshape',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    if (elementCount(layer.shape) !== elementCount(x.shape)) {
      check.fail(`the new shape ${formatShape(layer.shape)} must hold the ${elementCount(x.shape)} elements of ${formatShape(x.shape)}, not ${elementCount(layer.shape)}`);
    }
    return { shape: layer.shape, type: x.type };
  },
  compute(_layer, inputs) {
    return inputData(inputs, 0).data.slice();
  },
});
