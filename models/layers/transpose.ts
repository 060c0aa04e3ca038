// Permute axes: output axis i is input axis perm[i].
import { elementCount, formatShape, stridesOf } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

export function isPermutation(perm: readonly number[], rank: number): boolean {
  return perm.length === rank && [...perm].sort((a, b) => a - b).every((axis, index) => axis === index);
}

export const transposeLayer = defineLayer({
  kind: 'transpose',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    if (!isPermutation(layer.perm, x.shape.length)) {
      check.fail(`perm must be a permutation of the ${x.shape.length} axes of ${formatShape(x.shape)}, not [${layer.perm.join(', ')}]`);
    }
    return { shape: layer.perm.map((axis) => x.shape[axis] ?? 0), type: x.type };
  },
  compute(layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    const inStrides = stridesOf(x.shape);
    const rank = outputShape.length;
    // Stride in the input of a step along each output axis.
    const steps = layer.perm.map((axis) => inStrides[axis] ?? 0);
    const out = new Float64Array(elementCount(outputShape));
    const counter = new Array<number>(rank).fill(0);
    let offset = 0;
    for (let index = 0; index < out.length; index++) {
      out[index] = x.data[offset] ?? 0;
      for (let axis = rank - 1; axis >= 0; axis--) {
        const next = (counter[axis] ?? 0) + 1;
        if (next < (outputShape[axis] ?? 1)) {
          counter[axis] = next;
          offset += steps[axis] ?? 0;
          break;
        }
        counter[axis] = 0;
        offset -= (next - 1) * (steps[axis] ?? 0);
      }
    }
    return out;
  },
});
