// Plain activations (linear, ReLU, leaky ReLU, clip; nnet_activation.h): per value a compare and a
// select (leaky ReLU: a constant multiply on the negative side), then the cast to result_t, all in one
// cycle into the output register.
//
//   x ─ compare, select, cast ─|─ y        latency = 1, II = 1 (per sample io_parallel, per token io_stream)
import type { HwLayerOf } from '../ir/hardware.js';
import { tokenwiseSchedule } from './elementwise.js';
import type { LayerSchedule, ScheduleContext } from './types.js';

export function activationSchedule(_layer: HwLayerOf<'activation'>, context: ScheduleContext): LayerSchedule {
  return tokenwiseSchedule('activation', context, [{ name: 'compare, select, cast, output register', cycles: 1 }], '1');
}
