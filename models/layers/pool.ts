// Channels-last max and average pooling: X [1, ...spatial, C]. Max ignores padding; average divides
// by the taps inside the input unless countIncludePad (ONNX count_include_pad).
import { formatShape } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';
import { forEachTap, windowOutputSizes } from './sliding-window.js';

export const poolLayer = defineLayer({
  kind: 'pool',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    const rank = layer.kernelShape.length;
    if (x.shape.length !== rank + 2) check.fail(`input X must have rank ${rank + 2} for a ${rank}D kernel, not shape ${formatShape(x.shape)}`);
    const outSpatial = windowOutputSizes(x.shape.slice(1, rank + 1), layer, check);
    return { shape: [x.shape[0] ?? 1, ...outSpatial, x.shape[rank + 1] ?? 0], type: x.type };
  },
  compute(layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    const rank = layer.kernelShape.length;
    const channels = x.shape[rank + 1] ?? 0;
    const outSpatial = outputShape.slice(1, rank + 1);
    const positions = outSpatial.reduce((a, c) => a * c, 1);
    const isMax = layer.mode === 'max';
    const out = new Float64Array(positions * channels).fill(isMax ? -Infinity : 0);
    const counts = new Float64Array(positions);
    forEachTap(x.shape.slice(1, rank + 1), outSpatial, layer, (o, _kp, ip) => {
      counts[o] = (counts[o] ?? 0) + 1;
      for (let c = 0; c < channels; c++) {
        const value = x.data[ip * channels + c] ?? 0;
        const at = o * channels + c;
        out[at] = isMax ? Math.max(out[at] ?? -Infinity, value) : (out[at] ?? 0) + value;
      }
    });
    if (!isMax) {
      const full = layer.kernelShape.reduce((a, c) => a * c, 1);
      for (let o = 0; o < positions; o++) {
        const divisor = layer.countIncludePad ? full : (counts[o] ?? 1);
        for (let c = 0; c < channels; c++) out[o * channels + c] = (out[o * channels + c] ?? 0) / divisor;
      }
    }
    return out;
  },
});
