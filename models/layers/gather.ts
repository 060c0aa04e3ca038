// ONNX Gather along one axis: out = data.shape[:axis] + indices.shape + data.shape[axis+1:].
// Negative indices count from the end. The importer requires constant indices, so they are checked here.
import { formatShape } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData, normalizeAxis } from './layer-definition.js';

export const gatherLayer = defineLayer({
  kind: 'gather',
  infer(layer, inputs, check) {
    const data = inputAt(inputs, 0, 'data', check);
    const indices = inputAt(inputs, 1, 'indices', check);
    const axis = normalizeAxis(layer.axis, data.shape.length, 'attribute axis', check);
    const size = data.shape[axis] ?? 0;
    for (const index of indices.value ?? []) {
      if (!Number.isInteger(index) || index < -size || index >= size) {
        check.fail(`indices must be integers in [${-size}, ${size - 1}] for axis ${axis} of ${formatShape(data.shape)}, not ${index}`);
      }
    }
    return { shape: [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)], type: data.type };
  },
  compute(layer, inputs, outputShape) {
    const data = inputData(inputs, 0);
    const indices = inputData(inputs, 1);
    const axis = layer.axis < 0 ? layer.axis + data.shape.length : layer.axis;
    const size = data.shape[axis] ?? 0;
    const inner = data.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outer = data.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const count = indices.data.length;
    const out = new Float64Array(outputShape.reduce((a, b) => a * b, 1));
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < count; i++) {
        const raw = indices.data[i] ?? 0;
        const index = raw < 0 ? raw + size : raw;
        out.set(data.data.subarray((o * size + index) * inner, (o * size + index + 1) * inner), (o * count + i) * inner);
      }
    }
    return out;
  },
});
