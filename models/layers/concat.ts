// Concatenate along one axis; all other dimensions must agree.
import { formatShape } from '../ir/tensor.js';
import { arithmeticType, defineLayer, inputData, normalizeAxis } from './layer-definition.js';

export const concatLayer = defineLayer({
  kind: 'concat',
  infer(layer, inputs, check) {
    const first = inputs[0];
    if (!first) return check.fail('inputs must be at least one tensor, not none');
    const axis = normalizeAxis(layer.axis, first.shape.length, 'attribute axis', check);
    let total = 0;
    for (const input of inputs) {
      const compatible = input.shape.length === first.shape.length && input.shape.every((dim, i) => i === axis || dim === first.shape[i]);
      if (!compatible) check.fail(`inputs must agree on every axis but ${axis}, not have shapes ${formatShape(first.shape)} and ${formatShape(input.shape)}`);
      total += input.shape[axis] ?? 0;
    }
    return { shape: first.shape.map((dim, i) => (i === axis ? total : dim)), type: arithmeticType(inputs) };
  },
  compute(layer, inputs, outputShape) {
    const axis = layer.axis < 0 ? layer.axis + outputShape.length : layer.axis;
    const inner = outputShape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outer = outputShape.slice(0, axis).reduce((a, b) => a * b, 1);
    const outRow = (outputShape[axis] ?? 0) * inner;
    const out = new Float64Array(outer * outRow);
    let start = 0;
    inputs.forEach((_, index) => {
      const input = inputData(inputs, index);
      const row = (input.shape[axis] ?? 0) * inner;
      for (let o = 0; o < outer; o++) out.set(input.data.subarray(o * row, (o + 1) * row), o * outRow + start);
      start += row;
    });
    return out;
  },
});
