// Every hardware layer kind's schedule: its one micro-architecture (DESIGN.md contract 2), declared in
// the kind's file here with its formula and pipeline drawing. A literal map from kind to declaration.
// These live beside hls/layers/ for now because the layer files were being written concurrently; a
// later clean-up may move each schedule into its layer declaration (hls/layers/<kind>.ts).
import type { IoType } from '../config/types.js';
import type { HwLayer, HwLayerKind, HwLayerOf, HwModel } from '../ir/hardware.js';
import { activationSchedule } from './activation.js';
import { addSchedule } from './add.js';
import { batchNormSchedule } from './batch-norm.js';
import { convSchedule } from './conv.js';
import { concatSchedule, reshapeSchedule, transposeSchedule } from './data-movement.js';
import { denseSchedule } from './dense.js';
import { poolSchedule } from './pool.js';
import { softmaxSchedule } from './softmax.js';
import { tableActivationSchedule } from './table-activation.js';
import { treeLevelsFor } from './tokens.js';
import type { LayerSchedule, ScheduleContext } from './types.js';

type ScheduleOf<K extends HwLayerKind> = (layer: HwLayerOf<K>, context: ScheduleContext) => LayerSchedule;

const SCHEDULES: { readonly [K in HwLayerKind]: ScheduleOf<K> } = {
  dense: denseSchedule,
  conv: convSchedule,
  batch_norm: batchNormSchedule,
  activation: activationSchedule,
  table_activation: tableActivationSchedule,
  softmax: softmaxSchedule,
  pool: poolSchedule,
  reshape: reshapeSchedule,
  transpose: transposeSchedule,
  add: addSchedule,
  concat: concatSchedule,
};

export function schedule(layer: HwLayer, context: ScheduleContext): LayerSchedule {
  return (SCHEDULES[layer.kind] as ScheduleOf<HwLayerKind>)(layer as never, context);
}

export interface ScheduleOptions {
  readonly ioType: IoType;
  /** Tree levels between registers; default from the clock period (treeLevelsFor), 5 ns by default. */
  readonly treeLevelsPerStage?: number;
  readonly clockPeriod?: number;
}

/** Every layer's schedule, in the model's layer order. */
export function scheduleModel(model: HwModel, options: ScheduleOptions): LayerSchedule[] {
  const treeLevelsPerStage = options.treeLevelsPerStage ?? treeLevelsFor(options.clockPeriod ?? 5);
  const shapeOf = (name: string): readonly number[] => model.tensors.get(name)?.shape ?? [];
  return model.layers.map((layer) =>
    schedule(layer, {
      ioType: options.ioType,
      inputShapes: layer.inputs.map(shapeOf),
      outputShape: shapeOf(layer.output),
      treeLevelsPerStage,
    }),
  );
}

export type { LayerSchedule, ScheduleContext, Stage, TokenProgram } from './types.js';
export { tokenCount, tokenSize, treeLevels, treeStages, treeLevelsFor } from './tokens.js';
export { modelTiming, type LayerTokenTimes, type ModelTiming, type ModelTimingOptions } from './model-timing.js';
