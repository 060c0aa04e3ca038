// Conv in Verilog, io_parallel: the whole image is one token, and the layer's MAC plan (index.ts, flat
// or one pixel repeated over a zero-padded image) is shared/mac-verilog.ts's constant multiplications
// and accum_t casts, every output pixel side by side, elements in the reference's order (pixels
// row-major, filters innermost). The process shell gives the iteration the schedule's latency and II
// (P * RF), so the timing is the cycle simulator's; the logic itself is not yet the one MAC array the
// datapath shares over the pixels, but P copies of it. io_stream convolution reads its window through
// line buffers on some iterations only: no token-wise form (a process that gathers the whole sample
// calls the io_parallel one).
import { invariant } from '@ngt/fxp';
import type { HwLayerOf } from '../../ir/hardware.js';
import type { Signal } from '../../rtl/netlist.js';
import type { VerilogContext } from '../../rtl/values.js';
import type { DaPlan } from '../shared/da.js';
import { daVerilog } from '../shared/da-verilog.js';
import type { MacPlan } from '../shared/mac.js';
import { macVerilog } from '../shared/mac-verilog.js';

export function convVerilog(layer: HwLayerOf<'conv'>, plan: MacPlan, context: VerilogContext): Signal | { readonly unsupported: string } {
  if (context.ioType !== 'io_parallel') return { unsupported: 'io_stream convolution (line buffers)' };
  const input = context.inputTypes[0];
  const bus = context.inputs[0];
  invariant(input !== undefined && bus !== undefined, `conv '${layer.name}' has no input`);
  return macVerilog(context.m, plan, bus, { input, weight: layer.weightType, accum: layer.accumType, result: context.outputType }, 'conv');
}

/**
 * The distributed-arithmetic kernel (shared/da-verilog.ts), one adder graph per output pixel. In
 * io_stream a pointwise convolution (kernel 1, no padding) reads every token and emits one per token:
 * its token is the one pixel's window, the graph applied once.
 */
export function convDaVerilog(layer: HwLayerOf<'conv'>, plan: DaPlan, context: VerilogContext): Signal | { readonly unsupported: string } {
  const bus = context.inputs[0];
  invariant(bus !== undefined, `conv '${layer.name}' has no input`);
  if (context.ioType === 'io_parallel') return daVerilog(context.m, plan, bus, 'conv');
  const pointwise = layer.kernel.every((size) => size === 1) && layer.pads.every((pad) => pad === 0) && layer.strides.every((stride) => stride === 1);
  if (!pointwise) return { unsupported: 'io_stream convolution (line buffers)' };
  return daVerilog(context.m, plan, bus, 'conv', true);
}
