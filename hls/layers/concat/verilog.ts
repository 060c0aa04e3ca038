// Concatenate in Verilog (nnet_merge.h concatenate*): each output element is one input element cast to
// res_t, taken as the reference does (index.ts concatSources). io_parallel: the tensors' elements in
// concatenation order; io_stream along the channels: per pixel, the first input's channels then the
// second's. io_stream along a pixel axis is a repack (which input a token comes from depends on the
// token), which the process shell does not run yet.
import { invariant, type FixedType } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import type { Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements, type VerilogContext } from '../../rtl/values.js';
import type { HwLayerOf } from '../../ir/hardware.js';

export function concatVerilog(layer: HwLayerOf<'concat'>, context: VerilogContext, sources: (a: readonly number[], b: readonly number[], axis: number) => readonly (readonly [number, number])[]): Signal | { readonly unsupported: string } {
  const { m } = context;
  const [a = [], b = []] = layer.inShapes;
  const rank = a.length;
  const axis = layer.axis < 0 ? layer.axis + rank : layer.axis;
  let mapping: readonly (readonly [number, number])[];
  if (context.ioType === 'io_parallel') mapping = sources(a, b, axis);
  else if (axis === rank - 1) mapping = sources([a[rank - 1] ?? 1], [b[rank - 1] ?? 1], 0);
  else return { unsupported: `io_stream concatenation along axis ${axis} of ${rank} (a repack of whole pixels; only the channel axis is token-wise)` };
  const elements = context.inputs.map((bus, k) => elementsOf(m, bus, context.inputTypes[k] as FixedType, `cat${k}_x`));
  const out = mapping.map(([which, index], e) => {
    const x = elements[which]?.[index];
    invariant(x !== undefined, `concat '${layer.name}': output element ${e} reads element ${index} of input ${which}, which its token lacks`);
    return castSignal(m, x, context.inputTypes[which] as FixedType, context.outputType, `cat_y${e}`);
  });
  return packElements(m, out, 'cat_out');
}
