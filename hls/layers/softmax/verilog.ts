// Softmax stable / latency / argmax in Verilog, as reference.ts computes each row: the exp and 1/x
// tables as case ROMs (the same tables the simulators read), the max and the sum as hls4ml's
// reduce trees (nnet_common.h: the association decides a saturating sum), every cast as logic.
// Legacy has no RTL yet.
import { addType, mulType, subType, type FixedType } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, slice, type ModuleBuilder, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements } from '../../rtl/values.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { hlsCeilLog2 } from '../shared/fixed-math.js';
import { quantizeDouble } from '../shared/precision.js';
import { reduceTree } from './reference.js';

/** A ROM as a Verilog function: `name(index)` is `table[index]`'s pattern (0 past its end). */
function romFunction(m: ModuleBuilder, name: string, table: readonly bigint[], type: FixedType, indexBits: number): string {
  const lines = [`function [${type.width - 1}:0] ${name};`, `  input [${indexBits - 1}:0] index;`, '  begin', '    case (index)'];
  table.forEach((value, index) => lines.push(`      ${literal(indexBits, BigInt(index))}: ${name} = ${literal(type.width, value)};`));
  lines.push(`      default: ${name} = ${literal(type.width, 0n)};`, '    endcase', '  end', 'endfunction');
  m.lines(lines);
  return name;
}

/** topBitsIndex: the top `bits` bits of the raw's pattern (zeros below when the type is narrower). */
function topBits(x: Signal, bits: number): string {
  return bits <= x.width ? slice(x, x.width - 1, x.width - bits) : `{${x.name}, ${literal(bits - x.width, 0n)}}`;
}

/** a >= b on raws of one type. */
function atLeast(a: Signal, b: Signal): string {
  return a.signed ? `$signed(${a.name}) >= $signed(${b.name})` : `${a.name} >= ${b.name}`;
}

function row(m: ModuleBuilder, layer: HwLayerOf<'softmax'>, x: readonly Signal[], input: FixedType, output: FixedType, tag: string, roms: { exp: string; inv: string; expBits: number; invBits: number }): Signal[] {
  if (layer.implementation === 'argmax') {
    // The first maximum wins (x[i] > x[index] moves it), as reference.ts.
    let index = m.wire(`${tag}_i0`, 32, false, literal(32, 0n));
    let best = x[0] as Signal;
    x.slice(1).forEach((xi, i) => {
      const greater = m.wire(`${tag}_g${i + 1}`, 1, false, xi.signed ? `$signed(${xi.name}) > $signed(${best.name})` : `${xi.name} > ${best.name}`);
      index = m.wire(`${tag}_i${i + 1}`, 32, false, `${greater.name} ? ${literal(32, BigInt(i + 1))} : ${index.name}`);
      best = m.wire(`${tag}_b${i + 1}`, input.width, input.signed, `${greater.name} ? ${xi.name} : ${best.name}`);
    });
    const one = quantizeDouble(1, output);
    return x.map((_, i) => m.wire(`${tag}_y${i}`, output.width, output.signed, `(${index.name} == ${literal(32, BigInt(i))}) ? ${literal(output.width, one)} : ${literal(output.width, 0n)}`));
  }
  const A = layer.accumType;
  let indices: string[];
  if (layer.implementation === 'stable') {
    const norm = layer.normType as FixedType;
    const max = reduceTree([...x], (a, b) => m.wire(`${tag}_max`, input.width, input.signed, `(${atLeast(a, b)}) ? ${a.name} : ${b.name}`));
    const diff = subType(input, input);
    indices = x.map((xi, i) => {
      const d = m.wire(`${tag}_d${i}`, diff.width, diff.signed, `${resize(max, diff.width)} - ${resize(xi, diff.width)}`);
      return topBits(castSignal(m, d, diff, norm, `${tag}_n${i}`), roms.expBits);
    });
  } else indices = x.map((xi) => topBits(xi, roms.expBits));
  const exps = indices.map((index, i) => {
    const entry = m.wire(`${tag}_t${i}`, layer.expTableType.width, layer.expTableType.signed, `${roms.exp}(${index})`);
    return castSignal(m, entry, layer.expTableType, A, `${tag}_e${i}`);
  });
  const sumType = addType(A, A);
  const total = reduceTree(exps, (a, b) => {
    const sum = m.wire(`${tag}_s`, sumType.width, sumType.signed, `${resize(a, sumType.width)} + ${resize(b, sumType.width)}`);
    return castSignal(m, sum, sumType, A, `${tag}_sum`);
  });
  const totalInv = castSignal(m, total, A, layer.invInputType, `${tag}_total`);
  const inverse = m.wire(`${tag}_inv`, layer.invTableType.width, layer.invTableType.signed, `${roms.inv}(${topBits(totalInv, roms.invBits)})`);
  const product = mulType(A, layer.invTableType);
  return exps.map((e, i) => {
    const p = m.wire(`${tag}_p${i}`, product.width, product.signed, `${resize(e, product.width)} * ${resize(inverse, product.width)}`);
    return castSignal(m, p, product, output, `${tag}_y${i}`);
  });
}

export function softmaxVerilog(m: ModuleBuilder, layer: HwLayerOf<'softmax'>, bus: Signal, input: FixedType, output: FixedType): Signal | { readonly unsupported: string } {
  if (layer.implementation === 'legacy') return { unsupported: "softmax 'legacy' (use stable, latency or argmax)" };
  const expBits = hlsCeilLog2(layer.tables.exp.length);
  const invBits = hlsCeilLog2(layer.tables.invert.length);
  const roms =
    layer.implementation === 'argmax'
      ? { exp: '', inv: '', expBits, invBits }
      : { exp: romFunction(m, 'exp_rom', layer.tables.exp, layer.expTableType, expBits), inv: romFunction(m, 'inv_rom', layer.tables.invert, layer.invTableType, invBits), expBits, invBits };
  const x = elementsOf(m, bus, input, 'sm_x');
  const out: Signal[] = [];
  for (let start = 0, r = 0; start < x.length; start += layer.length, r++) out.push(...row(m, layer, x.slice(start, start + layer.length), input, output, `sm${r}`, roms));
  return packElements(m, out, 'sm_out');
}

