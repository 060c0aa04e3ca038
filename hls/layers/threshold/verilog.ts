// MultiThreshold in Verilog, per value as the reference counts (index.ts): one x >= t comparator per
// threshold of the value's row (thresholds are raws of x's type; one past its range never holds, its
// minimum always does, so those fold to constants), the count as an adder of the compare bits, and a
// select of the count's level (raws of the output type). The row of element e is e % rows: a token
// holds whole rows (io_parallel: the tensor; io_stream: a pixel), so a token that does not is refused.
import { maxRaw, minRaw, type FixedType } from '@ngt/fxp';
import { literal, resize, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements, type VerilogContext } from '../../rtl/values.js';
import type { HwLayerOf } from '../../ir/hardware.js';

/** x >= t on x's raw, as a 1-bit expression. */
function atLeast(x: Signal, type: FixedType, t: bigint): string {
  if (t <= minRaw(type)) return "1'b1";
  if (t > maxRaw(type)) return "1'b0";
  return type.signed ? `($signed(${x.name}) >= $signed(${literal(type.width, t)}))` : `(${x.name} >= ${literal(type.width, t)})`;
}

export function thresholdVerilog(layer: HwLayerOf<'threshold'>, context: VerilogContext): Signal | { readonly unsupported: string } {
  const { m } = context;
  const input = context.inputTypes[0] as FixedType;
  const output = context.outputType;
  const bus = context.inputs[0] as Signal;
  const count = bus.width / input.width;
  if (layer.rows > 1 && count % layer.rows !== 0) return { unsupported: `a ${context.ioType} token of ${count} values that is not whole rows of the ${layer.rows} threshold rows (the row would depend on the token's position)` };
  const countBits = Math.max(1, Math.ceil(Math.log2(layer.steps + 1)));
  const out = elementsOf(m, bus, input, 'mt_x').map((x, e) => {
    const row = layer.rows === 1 ? 0 : e % layer.rows;
    const compares = Array.from({ length: layer.steps }, (_, t) => atLeast(x, input, layer.thresholds[row * layer.steps + t] ?? 0n));
    // Thresholds all outside x's range decide the count alone: Verilator's *unused* name says x is read by none (-Wall UNUSEDSIGNAL).
    if (compares.every((compare) => compare === "1'b0" || compare === "1'b1")) m.wire(`mt_unused${e}`, 1, false, `&{1'b0, ${x.name}}`);
    const hits = compares.map((compare, t) => m.wire(`mt_h${e}_${t}`, 1, false, compare));
    const reached = m.wire(`mt_n${e}`, countBits, false, hits.length === 0 ? literal(countBits, 0n) : hits.map((hit) => resize(hit, countBits)).join(' + '));
    // count == 1 ? level 1 : count == 2 ? level 2 : ... : level 0.
    const arms = Array.from({ length: layer.steps }, (_, t) => `${reached.name} == ${literal(countBits, BigInt(t + 1))} ? ${literal(output.width, layer.levels[t + 1] ?? 0n)} : `);
    return m.wire(`mt_y${e}`, output.width, output.signed, `${arms.join('')}${literal(output.width, layer.levels[0] ?? 0n)}`);
  });
  return packElements(m, out, 'mt_out');
}
