// FINN / QONNX MultiThreshold (qonnx src/qonnx/custom_op/general/multithreshold.py): each value becomes
// the number of its channel's thresholds it is greater than or equal to, times out_scale plus out_bias.
// Thresholds [C, T] (or [1, T] for all channels); the channel axis is last in the IR (the importer
// wraps an NCHW node in transposes, as it does Conv).
import { elementCount, formatShape } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';

export const multiThresholdLayer = defineLayer({
  kind: 'multithreshold',
  infer(_layer, inputs, check) {
    const x = inputAt(inputs, 0, 'v', check);
    const thresholds = inputAt(inputs, 1, 'thresholds', check);
    const channels = x.shape[x.shape.length - 1] ?? 1;
    if (thresholds.shape.length !== 2 || (thresholds.shape[0] !== channels && thresholds.shape[0] !== 1)) {
      check.fail(`thresholds must have shape [${channels}, T] or [1, T] for input ${formatShape(x.shape)} (channels ${channels}), not ${formatShape(thresholds.shape)}`);
    }
    if (!thresholds.value) check.unsupported(`thresholds must be a constant, not the computed tensor '${thresholds.name}'`);
    return { shape: x.shape, type: { kind: 'float', bits: 32 } };
  },
  compute(layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    const thresholds = inputData(inputs, 1);
    const channels = outputShape[outputShape.length - 1] ?? 1;
    const [rows = 1, steps = 0] = thresholds.shape;
    const out = new Float64Array(elementCount(outputShape));
    for (let i = 0; i < out.length; i++) {
      const value = x.data[i] ?? 0;
      const row = rows === 1 ? 0 : i % channels;
      let count = 0;
      for (let t = 0; t < steps; t++) if (value >= (thresholds.data[row * steps + t] ?? 0)) count += 1;
      out[i] = Math.fround(layer.outScale * count + layer.outBias);
    }
    return out;
  },
});
