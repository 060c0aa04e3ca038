// Batch normalisation (nnet_batchnorm.h normalize): per value x * scale (registered product), then
// + bias and the cast to result_t into the output register.
//
//   x ─ mult ─|─ + bias, cast ─|─ y        latency = 2, II = 1 (per sample io_parallel, per token io_stream)
import type { HwLayerOf } from '../ir/hardware.js';
import { tokenwiseSchedule } from './elementwise.js';
import type { LayerSchedule, ScheduleContext } from './types.js';

export function batchNormSchedule(_layer: HwLayerOf<'batch_norm'>, context: ScheduleContext): LayerSchedule {
  return tokenwiseSchedule(
    'batch_norm',
    context,
    [
      { name: 'multiply', cycles: 1 },
      { name: 'bias, cast, output register', cycles: 1 },
    ],
    '1 + 1',
  );
}
