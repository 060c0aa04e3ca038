// Pooling (max, average), nnet_pooling.h / nnet_pooling_stream.h. One output value is a reduction tree
// over the window's w = prod(pool) values of its channel (comparators for max, adders for average), a
// register every k levels, then the cast (average: times 1/n into result_t) into the output register.
//
// io_parallel: all output pixels in parallel from the one wide token:
//   x ─ compare/add tree ─|─ cast ─|─ y        latency = ceil(ceil(log2 w) / k) + 1,  II = 1
//
// io_stream: the window scan of window-scan.ts (line buffers), one iteration per padded input pixel
// every cycle:
//   token ─ line buffer, window ─|─ tree ─|─ cast ─|─ output token
//   latency = (last completing iteration) + 1 + ceil(ceil(log2 w) / k) + 1,  II = padded input pixels.
import type { HwLayerOf } from '../ir/hardware.js';
import { processSchedule, tokenCount, tokenwiseProgram, treeStages } from './tokens.js';
import type { LayerSchedule, ScheduleContext } from './types.js';
import { windowScanProgram } from './window-scan.js';

export function poolSchedule(layer: HwLayerOf<'pool'>, context: ScheduleContext): LayerSchedule {
  const window = layer.pool.reduce((a, b) => a * b, 1);
  const k = context.treeLevelsPerStage;
  const tree = treeStages(window, k);
  const core = [
    { name: layer.mode === 'max' ? 'comparator tree' : 'adder tree', cycles: tree },
    { name: 'cast, output register', cycles: 1 },
  ];
  const coreFormula = `ceil(ceil(log2 w) / k) + 1 = ceil(ceil(log2 ${window}) / ${k}) + 1`;
  if (context.ioType === 'io_parallel') {
    return processSchedule({
      kind: 'pool',
      ioType: 'io_parallel',
      iterationIi: 1,
      stages: core,
      tokensIn: [1],
      tokensOut: 1,
      program: tokenwiseProgram(1, 1),
      formula: coreFormula,
    });
  }
  const program = windowScanProgram({
    inSpatial: layer.inShape.slice(0, -1),
    outSpatial: layer.outShape.slice(0, -1),
    kernel: layer.pool,
    strides: layer.pool,
    dilations: layer.pool.map(() => 1),
    pads: layer.pads,
  });
  return processSchedule({
    kind: 'pool',
    ioType: 'io_stream',
    iterationIi: 1,
    stages: [{ name: 'line buffer, window', cycles: 1 }, ...core],
    tokensIn: [tokenCount(layer.inShape, 'io_stream')],
    tokensOut: tokenCount(layer.outShape, 'io_stream'),
    program,
    formula: `1 + ${coreFormula}`,
  });
}
