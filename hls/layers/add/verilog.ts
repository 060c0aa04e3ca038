// Add in Verilog, per element as the reference computes it (index.ts, nnet_merge.h add): both operands
// aligned on the sum's fraction bits and extended to its width, one exact addition, the cast to res_t.
import { addType, fractionBits, invariant, type FixedType } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements, type VerilogContext } from '../../rtl/values.js';

/** The signal times 2^shift, as a `width`-bit expression (extended by its sign, zeros appended). */
function aligned(signal: Signal, shift: number, width: number): string {
  if (shift === 0) return resize(signal, width);
  return `{${resize(signal, width - shift)}, ${literal(shift, 0n)}}`;
}

export function addVerilog(context: VerilogContext): Signal {
  const { m } = context;
  const [a, b] = context.inputTypes as [FixedType, FixedType];
  const [busA, busB] = context.inputs as [Signal, Signal];
  invariant(busA.width / a.width === busB.width / b.width, `add: tokens of ${busA.width / a.width} and ${busB.width / b.width} values`);
  const sum = addType(a, b);
  const shiftA = fractionBits(sum) - fractionBits(a);
  const shiftB = fractionBits(sum) - fractionBits(b);
  const right = elementsOf(m, busB, b, 'add_b');
  const out = elementsOf(m, busA, a, 'add_a').map((x, e) => {
    const s = m.wire(`add_s${e}`, sum.width, sum.signed, `${aligned(x, shiftA, sum.width)} + ${aligned(right[e] as Signal, shiftB, sum.width)}`);
    return castSignal(m, s, sum, context.outputType, `add_y${e}`);
  });
  return packElements(m, out, 'add_out');
}
