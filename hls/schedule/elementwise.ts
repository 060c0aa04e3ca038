// The schedule of a layer that works token by token (activations, batch norm, softmax, add, concat
// along the channel axis): io_parallel one iteration per sample, io_stream one per token, II = 1
// (hls4ml pipelines these loops at II = 1 and fully unrolls across a token's values).
import type { HwLayerKind } from '../ir/hardware.js';
import { processSchedule, tokenCount, tokenwiseProgram } from './tokens.js';
import type { LayerSchedule, ScheduleContext, Stage } from './types.js';

export function tokenwiseSchedule(kind: HwLayerKind, context: ScheduleContext, stages: readonly Stage[], formula: string): LayerSchedule {
  const tokens = tokenCount(context.outputShape, context.ioType);
  const inputs = Math.max(1, context.inputShapes.length);
  return processSchedule({
    kind,
    ioType: context.ioType,
    iterationIi: 1,
    stages,
    tokensIn: new Array<number>(inputs).fill(tokens),
    tokensOut: tokens,
    program: tokenwiseProgram(tokens, inputs),
    formula,
  });
}
