// Sigmoid and tanh by table (nnet_activation.h): the table index from the input's bits (scale, clamp
// to [0, N - 1]) into an address register, then the ROM read (a registered LUTRAM/BRAM read) is the
// output register.
//
//   x ─ index, clamp ─|─ ROM ─|─ y         latency = 2, II = 1 (per sample io_parallel, per token io_stream)
import type { HwLayerOf } from '../ir/hardware.js';
import { tokenwiseSchedule } from './elementwise.js';
import type { LayerSchedule, ScheduleContext } from './types.js';

export function tableActivationSchedule(_layer: HwLayerOf<'table_activation'>, context: ScheduleContext): LayerSchedule {
  return tokenwiseSchedule(
    'table_activation',
    context,
    [
      { name: 'table index, clamp, address register', cycles: 1 },
      { name: 'table ROM read, output register', cycles: 1 },
    ],
    '1 + 1',
  );
}
