// Conv1D / Conv2D (and depthwise): every output pixel is one dense product of
// nIn = prod(kernel) * C / group terms through the MAC pipeline of mac-pipeline.ts (II = ReuseFactor).
//
// io_parallel (nnet_conv2d_latency.h with hls4ml's default ParallelizationFactor 1, so n_partitions =
// the output pixel count P): one wide token in; the P pixels enter the MAC pipeline one every RF cycles;
// the wide output token is valid when the last pixel leaves it.
//
//   x ─|─ pixel 0 ─ MAC ... ─|
//        pixel 1 (RF cycles later) ...          latency = (P - 1) * RF + L_mac,  II = P * RF
//        pixel P-1 ─ MAC ───────────────────|─ y
//
// io_stream (nnet_conv2d_stream.h, line buffers): the window scan of window-scan.ts, one iteration every
// RF cycles over the padded input raster; an iteration reads its pixel into the line buffers and window
// registers (1 cycle) and, when it completes an output pixel's window, feeds the MAC pipeline:
//
//   token ─ line buffer, window ─|─ MAC pipeline (L_mac) ─|─ output token      II per iteration = RF
//
//   latency = (last completing iteration) * RF + 1 + L_mac;  II = (padded input pixels) * RF.
import type { HwLayerOf } from '../ir/hardware.js';
import { macPipeline } from './mac-pipeline.js';
import { processSchedule, tokenCount, tokenwiseProgram } from './tokens.js';
import type { LayerSchedule, ScheduleContext } from './types.js';
import { windowScanProgram } from './window-scan.js';

export function convSchedule(layer: HwLayerOf<'conv'>, context: ScheduleContext): LayerSchedule {
  const channels = layer.inShape[layer.inShape.length - 1] ?? 1;
  const nIn = layer.kernel.reduce((a, b) => a * b, 1) * (channels / layer.group);
  const pipeline = macPipeline(nIn, layer.strategy, layer.reuseFactor, context.treeLevelsPerStage);
  const rf = pipeline.ii;
  if (context.ioType === 'io_parallel') {
    const pixels = layer.outShape.slice(0, -1).reduce((a, b) => a * b, 1);
    return processSchedule({
      kind: 'conv',
      ioType: 'io_parallel',
      iterationIi: pixels * rf,
      stages: [{ name: 'earlier output pixels (RF cycles each)', cycles: (pixels - 1) * rf }, ...pipeline.stages],
      tokensIn: [1],
      tokensOut: 1,
      program: tokenwiseProgram(1, 1),
      formula: `(P - 1) * RF + L_mac = ${pixels - 1} * ${rf} + (${pipeline.formula})`,
    });
  }
  const program = windowScanProgram({
    inSpatial: layer.inShape.slice(0, -1),
    outSpatial: layer.outShape.slice(0, -1),
    kernel: layer.kernel,
    strides: layer.strides,
    dilations: layer.dilations,
    pads: layer.pads,
  });
  return processSchedule({
    kind: 'conv',
    ioType: 'io_stream',
    iterationIi: rf,
    stages: [{ name: 'line buffer, window', cycles: 1 }, ...pipeline.stages],
    tokensIn: [tokenCount(layer.inShape, 'io_stream')],
    tokensOut: tokenCount(layer.outShape, 'io_stream'),
    program,
    formula: `1 + L_mac = 1 + (${pipeline.formula})`,
  });
}
