// Add (nnet_merge.h add): a join of two streams; one token of each is read in the same cycle, added and
// cast to result_t into the output register.
//
//   a ─┐
//      ├─ add, cast ─|─ y                  latency = 1, II = 1 (per sample io_parallel, per token io_stream)
//   b ─┘
import type { HwLayerOf } from '../ir/hardware.js';
import { tokenwiseSchedule } from './elementwise.js';
import type { LayerSchedule, ScheduleContext } from './types.js';

export function addSchedule(_layer: HwLayerOf<'add'>, context: ScheduleContext): LayerSchedule {
  return tokenwiseSchedule('add', context, [{ name: 'add, cast, output register', cycles: 1 }], '1');
}
