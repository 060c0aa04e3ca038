// Table activations in Verilog, per element as the reference computes it (index.ts, tables.ts): the
// index `x * table_size / D` as shared/fixed-math.ts tableIndexBase has it (an exact constant
// multiplication, then C++'s truncations toward zero, which for |D| = 2^d and the 2^F of x's fraction
// bits are one truncating shift by d + F), the offset added, the clamp to [0, size - 1], and the table
// as a case ROM. Each ROM entry is already the layer's output for that entry (cast to result_t, elu's
// alpha * entry first), as the compiled simulator's table holds it: that cast reads the entry alone.
// elu and selu: x >= 0 passes through the cast (selu: lambda * x first), x < 0 reads the table.
import { castRaw, fractionBits, invariant, mulType, type FixedType } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, slice, verilogName, type ModuleBuilder, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements, type VerilogContext } from '../../rtl/values.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { INDEXING, SELU_LAMBDA, SELU_LAMBDA_TYPE } from './tables.js';

function bitLength(value: bigint): number {
  return value === 0n ? 0 : (value < 0n ? -value : value).toString(2).length;
}

/** The ROM as a Verilog function `name(index)`: entry `index`'s pattern (0 past the end). */
function romFunction(m: ModuleBuilder, name: string, entries: readonly bigint[], width: number, indexBits: number): void {
  const lines = [`function [${width - 1}:0] ${name};`, `  input [${indexBits - 1}:0] index;`, '  begin', '    case (index)'];
  entries.forEach((value, index) => lines.push(`      ${literal(indexBits, BigInt(index))}: ${name} = ${literal(width, value)};`));
  lines.push(`      default: ${name} = ${literal(width, 0n)};`, '    endcase', '  end', 'endfunction');
  m.lines(lines);
}

/** trunc(a / 2^shift) (C++ division toward zero) of a signed `a`: floor by the shift, plus one when a is negative and bits were dropped. */
function truncatingShift(m: ModuleBuilder, a: Signal, shift: number, prefix: string): Signal {
  if (shift === 0) return a;
  const top = a.width - 1;
  const sign = slice(a, top, top);
  const floor = shift <= top ? slice(a, top, shift) : sign;
  const width = Math.max(a.width - shift, 1);
  const dropped = m.wire(`${prefix}_inexact`, 1, false, `|${slice(a, Math.min(shift, a.width) - 1, 0)}`);
  const up = width === 1 ? `(${sign} & ${dropped.name})` : `{${literal(width - 1, 0n)}, ${sign} & ${dropped.name}}`;
  return m.wire(prefix, width, true, `${floor} + ${up}`);
}

/** The clamped table index of x (tables.ts tableIndex), `indexBits` wide. */
function tableIndexSignal(m: ModuleBuilder, x: Signal, input: FixedType, size: number, divisor: number, offset: number, indexBits: number, prefix: string): Signal {
  const d = Math.log2(Math.abs(divisor));
  invariant(Number.isInteger(d), `table index divisor ${divisor} is not a power of two`);
  const f = fractionBits(input);
  // x as a signed value, times the table size (exact).
  const wide = input.width + 1 + bitLength(BigInt(size));
  const product = m.wire(`${prefix}_n`, wide, true, `${resize(x, wide)} * ${literal(wide, BigInt(size))}`);
  let base = truncatingShift(m, product, d + Math.max(f, 0), `${prefix}_q`);
  if (divisor < 0) base = m.wire(`${prefix}_neg`, base.width + 1, true, `-${resize(base, base.width + 1)}`);
  const width = Math.max(base.width - Math.min(f, 0), bitLength(BigInt(offset)) + 1, bitLength(BigInt(size)) + 1) + 1;
  const shifted = f < 0 ? `{${resize(base, width + f)}, ${literal(-f, 0n)}}` : resize(base, width);
  const index = m.wire(`${prefix}_i`, width, true, offset === 0 ? shifted : `${shifted} + ${literal(width, BigInt(offset))}`);
  const negative = slice(index, width - 1, width - 1);
  const over = `($signed(${index.name}) > $signed(${literal(width, BigInt(size - 1))}))`;
  return m.wire(`${prefix}_c`, indexBits, false, `${negative} ? ${literal(indexBits, 0n)} : (${over} ? ${literal(indexBits, BigInt(size - 1))} : ${slice(index, indexBits - 1, 0)})`);
}

export function tableActivationVerilog(layer: HwLayerOf<'table_activation'>, context: VerilogContext): Signal {
  const { m } = context;
  const input = context.inputTypes[0] as FixedType;
  const output = context.outputType;
  const size = layer.table.length;
  const indexing = INDEXING[layer.function];
  const indexBits = Math.max(1, Math.ceil(Math.log2(size)));
  const entries = layer.table.map((raw) => (layer.alpha ? castRaw(layer.alpha.raw * raw, mulType(layer.alpha.type, layer.tableType), output) : castRaw(raw, layer.tableType, output)));
  const rom = verilogName(`rom_${layer.name}`);
  // An unsigned input never reads elu's or selu's table (x >= 0).
  const readsTable = indexing.kind === 'symmetric' || input.signed;
  if (readsTable) romFunction(m, rom, entries, output.width, indexBits);
  const out = elementsOf(m, context.inputs[0] as Signal, input, 'ta_x').map((x, e) => {
    if (indexing.kind === 'symmetric') {
      const offset = Math.floor((indexing.offset * size) / indexing.divisor);
      const index = tableIndexSignal(m, x, input, size, indexing.divisor, offset, indexBits, `ta_idx${e}`);
      return m.wire(`ta_y${e}`, output.width, output.signed, `${rom}(${index.name})`);
    }
    let positive: Signal;
    if (layer.function === 'selu') {
      const type = mulType(SELU_LAMBDA_TYPE, input);
      const product = m.wire(`ta_p${e}`, type.width, type.signed, `${resize(x, type.width)} * ${literal(type.width, SELU_LAMBDA)}`);
      positive = castSignal(m, product, type, output, `ta_c${e}`);
    } else positive = castSignal(m, x, input, output, `ta_c${e}`);
    if (!readsTable) return positive;
    const index = tableIndexSignal(m, x, input, size, -8, 0, indexBits, `ta_idx${e}`);
    return m.wire(`ta_y${e}`, output.width, output.signed, `${slice(x, x.width - 1, x.width - 1)} ? ${rom}(${index.name}) : ${positive.name}`);
  });
  return packElements(m, out, 'ta_out');
}
