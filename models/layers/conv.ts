// Channels-last convolution of any spatial rank: X [1, ...spatial, C], W [...kernel, C/group, M],
// optional B [M]. group 1 is a plain convolution, group = C = M depthwise.
import { formatShape } from '../ir/tensor.js';
import { defineLayer, inputAt, inputData } from './layer-definition.js';
import { forEachTap, windowOutputSizes } from './sliding-window.js';

export const convLayer = defineLayer({
  kind: 'conv',
  infer(layer, inputs, check) {
    const x = inputAt(inputs, 0, 'X', check);
    const w = inputAt(inputs, 1, 'W', check);
    const rank = layer.kernelShape.length;
    if (x.shape.length !== rank + 2) check.fail(`input X must have rank ${rank + 2} for a ${rank}D kernel, not shape ${formatShape(x.shape)}`);
    if (w.shape.length !== rank + 2) check.fail(`weight W must have rank ${rank + 2}, not shape ${formatShape(w.shape)}`);
    const channels = x.shape[rank + 1] ?? 0;
    const groupChannels = w.shape[rank] ?? 0;
    const filters = w.shape[rank + 1] ?? 0;
    const group = layer.group;
    if (!(Number.isInteger(group) && group >= 1) || channels % group !== 0 || filters % group !== 0 || groupChannels * group !== channels) {
      check.fail(`group ${group} must divide ${channels} input channels and ${filters} filters with ${groupChannels} channels per group (weight ${formatShape(w.shape)})`);
    }
    for (let axis = 0; axis < rank; axis++) {
      if (w.shape[axis] !== layer.kernelShape[axis]) check.fail(`kernel_shape ${formatShape(layer.kernelShape)} must match the weight's ${formatShape(w.shape.slice(0, rank))}`);
    }
    const b = inputs[2];
    if (b && (b.shape.length !== 1 || b.shape[0] !== filters)) check.fail(`bias must have shape [${filters}], not ${formatShape(b.shape)}`);
    const outSpatial = windowOutputSizes(x.shape.slice(1, rank + 1), layer, check);
    return { shape: [x.shape[0] ?? 1, ...outSpatial, filters], type: { kind: 'float', bits: 32 } };
  },
  compute(layer, inputs, outputShape) {
    const x = inputData(inputs, 0);
    const w = inputData(inputs, 1);
    const b = inputs[2];
    const rank = layer.kernelShape.length;
    const channels = x.shape[rank + 1] ?? 0;
    const filters = outputShape[rank + 1] ?? 0;
    const groupChannels = channels / layer.group;
    const groupFilters = filters / layer.group;
    const outSpatial = outputShape.slice(1, rank + 1);
    const positions = outSpatial.reduce((a, c) => a * c, 1);
    const out = new Float64Array(positions * filters);
    if (b) for (let p = 0; p < positions; p++) out.set(b.data, p * filters);
    forEachTap(x.shape.slice(1, rank + 1), outSpatial, layer, (o, kp, ip) => {
      const outBase = o * filters;
      const inBase = ip * channels;
      const wBase = kp * groupChannels * filters;
      for (let m = 0; m < filters; m++) {
        const channelBase = inBase + Math.floor(m / groupFilters) * groupChannels;
        let sum = 0;
        for (let c = 0; c < groupChannels; c++) sum += (x.data[channelBase + c] ?? 0) * (w.data[wBase + c * filters + m] ?? 0);
        out[outBase + m] = (out[outBase + m] ?? 0) + sum;
      }
    });
    return out;
  },
});
