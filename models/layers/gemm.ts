// ONNX Gemm: Y = alpha * A' * B' + beta * C, A' [M, K], B' [K, N], C broadcast to [M, N].
import { formatShape } from '../ir/tensor.js';
import { broadcastShapes, forEachBroadcast } from '../exec/float-tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

export const gemmLayer = defineLayer({
  kind: 'gemm',
  infer(layer, inputs, check) {
    const a = inputAt(inputs, 0, 'A', check);
    const b = inputAt(inputs, 1, 'B', check);
    if (a.shape.length !== 2) check.fail(`input A must have rank 2, not shape ${formatShape(a.shape)}`);
    if (b.shape.length !== 2) check.fail(`input B must have rank 2, not shape ${formatShape(b.shape)}`);
    const [m, k] = layer.transA ? [a.shape[1] ?? 0, a.shape[0] ?? 0] : [a.shape[0] ?? 0, a.shape[1] ?? 0];
    const [kb, n] = layer.transB ? [b.shape[1] ?? 0, b.shape[0] ?? 0] : [b.shape[0] ?? 0, b.shape[1] ?? 0];
    if (k !== kb) check.fail(`inner dimensions must agree, not ${k} (A ${formatShape(a.shape)}) and ${kb} (B ${formatShape(b.shape)})`);
    const c = inputs[2];
    if (c) {
      const broadcast = broadcastShapes([m, n], c.shape);
      if (!broadcast || broadcast.length !== 2 || broadcast[0] !== m || broadcast[1] !== n) {
        check.fail(`input C must broadcast to [${m}, ${n}], not have shape ${formatShape(c.shape)}`);
      }
    }
    return { shape: [m, n], type: { kind: 'float', bits: 32 } };
  },
  compute(layer, inputs, outputShape) {
    const a = inputData(inputs, 0);
    const b = inputData(inputs, 1);
    const [m = 0, n = 0] = outputShape;
    const k = layer.transA ? (a.shape[0] ?? 0) : (a.shape[1] ?? 0);
    const out = new Float64Array(m * n);
    const c = inputs[2];
    if (c) forEachBroadcast(outputShape, [c.shape], (index, offsets) => (out[index] = layer.beta * (c.data[offsets[0] ?? 0] ?? 0)));
    // Strides make the four transpose cases one loop.
    const [aRow, aCol] = layer.transA ? [1, m] : [k, 1];
    const [bRow, bCol] = layer.transB ? [1, k] : [n, 1];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += (a.data[i * aRow + p * aCol] ?? 0) * (b.data[p * bRow + j * bCol] ?? 0);
        out[i * n + j] = (out[i * n + j] ?? 0) + layer.alpha * sum;
      }
    }
    return out;
  },
});
