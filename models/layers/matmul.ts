// ONNX MatMul: numpy matmul, broadcasting over the leading (stack) dimensions; a rank-1 operand is a
// row (A) or column (B) vector whose axis is removed from the result.
import { invariant } from '@ngt/fxp';
import { elementCount, formatShape } from '../ir/tensor.js';
import { broadcastShapes, forEachBroadcast } from '../exec/float-tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

interface MatmulPlan {
  readonly aShape: readonly number[];
  readonly bShape: readonly number[];
  readonly stack: readonly number[];
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

function plan(a: readonly number[], b: readonly number[]): MatmulPlan | string {
  if (a.length === 0 || b.length === 0) return 'operands must have rank >= 1, not rank 0';
  const aShape = a.length === 1 ? [1, a[0] ?? 0] : a;
  const bShape = b.length === 1 ? [b[0] ?? 0, 1] : b;
  const m = aShape[aShape.length - 2] ?? 0;
  const k = aShape[aShape.length - 1] ?? 0;
  const kb = bShape[bShape.length - 2] ?? 0;
  const n = bShape[bShape.length - 1] ?? 0;
  if (k !== kb) return `inner dimensions must agree, not ${k} (A ${formatShape(a)}) and ${kb} (B ${formatShape(b)})`;
  const stack = broadcastShapes(aShape.slice(0, -2), bShape.slice(0, -2));
  if (!stack) return `leading dimensions must broadcast, not ${formatShape(a)} and ${formatShape(b)}`;
  return { aShape, bShape, stack, m, k, n };
}

export const matmulLayer = defineLayer({
  kind: 'matmul',
  infer(_layer, inputs, check) {
    const a = inputAt(inputs, 0, 'A', check);
    const b = inputAt(inputs, 1, 'B', check);
    const p = plan(a.shape, b.shape);
    if (typeof p === 'string') return check.fail(p);
    const shape = [...p.stack];
    if (a.shape.length > 1) shape.push(p.m);
    if (b.shape.length > 1) shape.push(p.n);
    const allInt = a.type.kind === 'int' && b.type.kind === 'int';
    return { shape, type: allInt ? a.type : { kind: 'float', bits: 32 } };
  },
  compute(_layer, inputs, outputShape) {
    const a = inputData(inputs, 0);
    const b = inputData(inputs, 1);
    const p = plan(a.shape, b.shape);
    invariant(typeof p !== 'string', 'matmul shapes were checked at import');
    const { m, k, n } = p;
    const out = new Float64Array(elementCount(outputShape));
    forEachBroadcast(p.stack, [p.aShape.slice(0, -2), p.bShape.slice(0, -2)], (stackIndex, offsets) => {
      const aBase = (offsets[0] ?? 0) * m * k;
      const bBase = (offsets[1] ?? 0) * k * n;
      const outBase = stackIndex * m * n;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let q = 0; q < k; q++) sum += (a.data[aBase + i * k + q] ?? 0) * (b.data[bBase + q * n + j] ?? 0);
          out[outBase + i * n + j] = sum;
        }
      }
    });
    return out;
  },
});
