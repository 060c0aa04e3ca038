// Dense: the micro-architecture of mac-pipeline.ts, once per token.
//  io_parallel: one wide token in, one out; latency and II those of the MAC pipeline (II = ReuseFactor).
//  io_stream (nnet_dense_stream.h dense_wrapper): the 1-D input is one token of nIn values (hls4ml's
//    nnet::array<data_T, n_in>), so it is the same one iteration per sample; a Dense applied per pixel
//    (an input with more than one token) runs one iteration per token, II = ReuseFactor each.
import type { HwLayerOf } from '../ir/hardware.js';
import { macPipeline } from './mac-pipeline.js';
import { processSchedule, tokenCount, tokenwiseProgram } from './tokens.js';
import type { LayerSchedule, ScheduleContext } from './types.js';

export function denseSchedule(layer: HwLayerOf<'dense'>, context: ScheduleContext): LayerSchedule {
  const pipeline = macPipeline(layer.nIn, layer.strategy, layer.reuseFactor, context.treeLevelsPerStage);
  const tokens = tokenCount(context.inputShapes[0] ?? [layer.nIn], context.ioType);
  return processSchedule({
    kind: 'dense',
    ioType: context.ioType,
    iterationIi: pipeline.ii,
    stages: pipeline.stages,
    tokensIn: [tokens],
    tokensOut: tokens,
    program: tokenwiseProgram(tokens, 1),
    formula: pipeline.formula,
  });
}
