// Elementwise Add, Sub, Mul, Div, Pow with numpy broadcasting. Integer tensors (shape arithmetic)
// divide with truncation toward zero, as onnxruntime does for integer Div.
import { elementCount, formatShape } from '../ir/tensor.js';
import type { BinaryOperator } from '../ir/layer.js';
import { broadcastShapes, forEachBroadcast } from '../exec/float-tensor.js';
import { arithmeticType, defineLayer, inputAt, inputData } from './layer-definition.js';

const OPERATIONS: Record<BinaryOperator, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
};

export const binaryLayer = defineLayer({
  kind: 'binary',
  infer(_layer, inputs, check) {
    const a = inputAt(inputs, 0, 'A', check);
    const b = inputAt(inputs, 1, 'B', check);
    const shape = broadcastShapes(a.shape, b.shape);
    if (!shape) return check.fail(`inputs must broadcast together, not have shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
    return { shape, type: arithmeticType([a, b]) };
  },
  compute(layer, inputs, outputShape) {
    const a = inputData(inputs, 0);
    const b = inputData(inputs, 1);
    const operation = OPERATIONS[layer.operator];
    const truncate = layer.integer && layer.operator === 'div';
    const out = new Float64Array(elementCount(outputShape));
    forEachBroadcast(outputShape, [a.shape, b.shape], (index, offsets) => {
      const value = operation(a.data[offsets[0] ?? 0] ?? 0, b.data[offsets[1] ?? 0] ?? 0);
      out[index] = truncate ? Math.trunc(value) : value;
    });
    return out;
  },
});
