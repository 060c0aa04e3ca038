// Softmax over the last axis of length N (nnet_activation.h), one slice per token (io_stream) or all
// slices in parallel (io_parallel); II = 1. Trees register every k levels: T = ceil(ceil(log2 N) / k).
//
// stable (default):
//   x ─ max tree (T) ─|─ x - max, index ─|─ exp ROM ─|─ sum tree (T) ─|─ 1/sum ROM ─|─ exp * inv, cast ─|─ y
//   latency = 2T + 4
// latency (no max):
//   x ─ exp ROM ─|─ sum tree (T) ─|─ 1/sum ROM ─|─ exp * inv, cast ─|─ y        latency = T + 3
// legacy (res[i] = inv(sum_j exp(x_j - x_i)), N*N differences):
//   x ─ x_j - x_i, index ─|─ exp ROM ─|─ sum tree (T) ─|─ 1/sum ROM = output ─|─ y   latency = T + 3
// argmax:
//   x ─ comparator tree (T) ─|─ one-hot ─|─ y                                   latency = T + 1
// The ROM reads are registered (their address comes combinationally from the previous register).
import type { HwLayerOf } from '../ir/hardware.js';
import { tokenwiseSchedule } from './elementwise.js';
import { treeStages } from './tokens.js';
import type { LayerSchedule, ScheduleContext, Stage } from './types.js';

export function softmaxSchedule(layer: HwLayerOf<'softmax'>, context: ScheduleContext): LayerSchedule {
  const k = context.treeLevelsPerStage;
  const tree = treeStages(layer.length, k);
  const t = `ceil(ceil(log2 ${layer.length}) / ${k})`;
  let stages: Stage[];
  let formula: string;
  switch (layer.implementation) {
    case 'stable':
      stages = [
        { name: 'max tree', cycles: tree },
        { name: 'subtract max, table index', cycles: 1 },
        { name: 'exp table ROM', cycles: 1 },
        { name: 'sum tree', cycles: tree },
        { name: 'inverse table ROM', cycles: 1 },
        { name: 'multiply, cast, output register', cycles: 1 },
      ];
      formula = `2T + 4 = 2 * ${t} + 4`;
      break;
    case 'latency':
      stages = [
        { name: 'exp table ROM', cycles: 1 },
        { name: 'sum tree', cycles: tree },
        { name: 'inverse table ROM', cycles: 1 },
        { name: 'multiply, cast, output register', cycles: 1 },
      ];
      formula = `T + 3 = ${t} + 3`;
      break;
    case 'legacy':
      stages = [
        { name: 'pairwise differences, table index', cycles: 1 },
        { name: 'exp table ROM', cycles: 1 },
        { name: 'sum tree', cycles: tree },
        { name: 'inverse table ROM, output register', cycles: 1 },
      ];
      formula = `T + 3 = ${t} + 3`;
      break;
    case 'argmax':
      stages = [
        { name: 'comparator tree', cycles: tree },
        { name: 'one-hot, output register', cycles: 1 },
      ];
      formula = `T + 1 = ${t} + 1`;
      break;
  }
  return tokenwiseSchedule('softmax', context, stages, formula);
}
