// Pooling in Verilog, io_parallel, each output value as the reference (index.ts) computes it from its
// window: max is a tree of compare-and-selects over the window's raws (padded cells the constant
// pad_val; the maximum's bits do not depend on the association), cast to accum_t; average adds the
// window into accum_t in hls4ml's order, one cast per add (a saturating accum_t makes the order
// matter), then divides by the patch size truncating toward zero (Verilog's signed '/', as ap_fixed's
// operator/ and BigInt's). Padded cells of an average add 0 and are left out: acc is an accum_t value,
// addType(accum_t, in_t) holds it exactly and the cast back returns it. The result is cast to res_t.
// io_stream pooling reads its window through line buffers on some iterations only: no token-wise form
// (a process that gathers the whole sample calls the io_parallel one).
import { addType, fractionBits, invariant, type FixedType } from '@ngt/fxp';
import type { HwLayerOf } from '../../ir/hardware.js';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, type ModuleBuilder, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements, type VerilogContext } from '../../rtl/values.js';

/** One output value's window: input indices, -1 for a padded cell, and the divisor of an average. */
export interface PoolWindow {
  readonly cells: readonly number[];
  readonly patch: number;
}

/** `signal` (a raw of fraction bits F) as a `width`-bit raw of F + shift fraction bits. */
function aligned(signal: Signal, width: number, shift: number): string {
  return shift === 0 ? resize(signal, width) : `{${resize(signal, width - shift)}, ${literal(shift, 0n)}}`;
}

/** Pairwise compare-and-select levels down to one value. */
function maxTree(m: ModuleBuilder, values: readonly Signal[], tag: string): Signal {
  let level = [...values];
  while (level.length > 1) {
    const next: Signal[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      const [a, b] = [level[i] as Signal, level[i + 1] as Signal];
      const greater = a.signed ? `$signed(${b.name}) > $signed(${a.name})` : `${b.name} > ${a.name}`;
      next.push(m.wire(`${tag}_max`, a.width, a.signed, `(${greater}) ? ${b.name} : ${a.name}`));
    }
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Signal);
    level = next;
  }
  return level[0] as Signal;
}

/** trunc(acc / patch) on accum_t raws: both operands one bit wider than either needs, signed when accum_t is. */
function divide(m: ModuleBuilder, acc: Signal, accum: FixedType, patch: number, tag: string): Signal {
  if (patch === 1) return acc;
  const width = Math.max(accum.width, patch.toString(2).length) + 1;
  const dividend = m.wire(`${tag}_num`, width, accum.signed, resize(acc, width));
  const divisor = m.wire(`${tag}_den`, width, accum.signed, literal(width, BigInt(patch)));
  const quotient = m.wire(`${tag}_quo`, width, accum.signed, `${dividend.name} / ${divisor.name}`);
  // |quotient| <= |acc|: it fits accum_t's width.
  return m.wire(`${tag}_avg`, accum.width, accum.signed, resize(quotient, accum.width));
}

export function poolVerilog(layer: HwLayerOf<'pool'>, windows: readonly PoolWindow[], pad: bigint, context: VerilogContext): Signal | { readonly unsupported: string } {
  if (context.ioType !== 'io_parallel') return { unsupported: 'io_stream pooling (line buffers)' };
  const m = context.m;
  const input = context.inputTypes[0];
  const bus = context.inputs[0];
  invariant(input !== undefined && bus !== undefined, `pool '${layer.name}' has no input`);
  const accum = layer.accumType;
  const x = elementsOf(m, bus, input, 'pool_x');
  let padSignal: Signal | null = null;
  const padValue = (): Signal => (padSignal ??= m.wire('pool_pad', input.width, input.signed, literal(input.width, pad)));
  const sum = addType(accum, input);
  const shiftAcc = fractionBits(sum) - fractionBits(accum);
  const shiftX = fractionBits(sum) - fractionBits(input);
  const outputs = windows.map(({ cells, patch }, e) => {
    const tag = `pool${e}`;
    let acc: Signal;
    if (layer.mode === 'max') {
      const values = cells.map((cell) => {
        const value = cell < 0 ? padValue() : x[cell];
        invariant(value !== undefined, `pool '${layer.name}': cell ${cell} is outside its ${x.length}-value input`);
        return value;
      });
      acc = castSignal(m, maxTree(m, values, tag), input, accum, `${tag}_acc`);
    } else {
      // The reference starts from acc = 0: (accum_t)(0 + x) is the first value's cast alone.
      let total: Signal | null = null;
      for (const [k, cell] of cells.entries()) {
        if (cell < 0) continue;
        const value = x[cell];
        invariant(value !== undefined, `pool '${layer.name}': cell ${cell} is outside its ${x.length}-value input`);
        const terms = total === null ? [aligned(value, sum.width, shiftX)] : [aligned(total, sum.width, shiftAcc), aligned(value, sum.width, shiftX)];
        const exact = m.wire(`${tag}_s${k}`, sum.width, sum.signed, terms.join(' + '));
        total = castSignal(m, exact, sum, accum, `${tag}_acc${k}`);
      }
      invariant(patch > 0, `pool '${layer.name}': output ${e} averages an empty window`);
      acc = divide(m, total ?? m.wire(`${tag}_zero`, accum.width, accum.signed, literal(accum.width, 0n)), accum, patch, tag);
    }
    return castSignal(m, acc, accum, context.outputType, `${tag}_y`);
  });
  return packElements(m, outputs, 'pool_out');
}
