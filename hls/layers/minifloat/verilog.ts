// FloatQuant in Verilog, per value as minifloatRaw computes it (index.ts). With k the position of the
// leading one of |raw|, the reference's rounding shift is max(k - M, L) (L = F_in + s + 1 - B - M, the
// subnormal floor) and the output shift that shift + F_out - F_in: one constant each per k. So each
// distinct shift is a candidate (x shifted by it with FLOOR / CEIL / ROUND-half-even logic, then moved
// onto the output grid), a priority chain on |raw|'s bits picks the candidate (raw 0 gives 0), and the
// result is clamped to +-maxRaw.
import { fractionBits, invariant, type FixedType } from '@ngt/fxp';
import { literal, resize, slice, type ModuleBuilder, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements, type VerilogContext } from '../../rtl/values.js';
import type { HwLayerOf } from '../../ir/hardware.js';

/** roundShift(x, shift) of index.ts for shift > 0 (floor, plus the rounding's carry), times 2^outShift. */
function roundedCandidate(m: ModuleBuilder, x: Signal, shift: number, outShift: number, rounding: HwLayerOf<'minifloat'>['rounding'], prefix: string): Signal {
  const top = x.width - 1;
  const bit = (j: number): string => slice(x, Math.min(j, top), Math.min(j, top));
  const floorWidth = Math.max(x.width - shift, 1);
  const floor = m.wire(`${prefix}_floor`, floorWidth, true, shift <= top ? slice(x, top, shift) : bit(top));
  let up: string | null = null;
  if (rounding === 'CEIL') up = `|${slice(x, Math.min(shift - 1, top), 0)}`;
  else if (rounding === 'ROUND') {
    const sticky = shift >= 2 ? `|${slice(x, Math.min(shift - 2, top), 0)}` : null;
    up = `${bit(shift - 1)} & (${sticky === null ? bit(shift) : `${sticky} | ${bit(shift)}`})`;
  }
  const stepsWidth = floorWidth + 1;
  const upBit = up === null ? null : m.wire(`${prefix}_up`, 1, false, up);
  const steps = m.wire(`${prefix}_steps`, stepsWidth, true, upBit === null ? resize(floor, stepsWidth) : `${resize(floor, stepsWidth)} + ${resize(upBit, stepsWidth)}`);
  return outShift === 0 ? steps : m.wire(`${prefix}_y`, stepsWidth + outShift, true, `{${steps.name}, ${literal(outShift, 0n)}}`);
}

export function minifloatVerilog(layer: HwLayerOf<'minifloat'>, context: VerilogContext): Signal {
  const { m } = context;
  const input = context.inputTypes[0] as FixedType;
  const output = context.outputType;
  const W = input.width;
  const inF = fractionBits(input);
  const outF = fractionBits(output);
  const subnormal = inF + layer.scaleExponent + 1 - layer.exponentBias - layer.mantissaBits;
  const out = elementsOf(m, context.inputs[0] as Signal, input, 'mf_x').map((x, e) => {
    const wide = m.wire(`mf_w${e}`, W + 1, true, resize(x, W + 1));
    // |raw| in W bits (the signed minimum's magnitude 2^(W-1) is its own pattern).
    const magnitude = input.signed ? m.wire(`mf_a${e}`, W, false, `${slice(x, W - 1, W - 1)} ? ${m.wire(`mf_neg${e}`, W, false, `-${x.name}`).name} : ${x.name}`) : x;
    // One candidate per distinct shift (every shift <= 0 is the exact x times 2^(F_out - F_in)).
    const candidates = new Map<number, Signal>();
    const candidateOf = (k: number): Signal => {
      const shift = Math.max(k - layer.mantissaBits, subnormal, 0);
      let candidate = candidates.get(shift);
      if (!candidate) {
        const outShift = shift + outF - inF;
        invariant(outShift >= 0, `FloatQuant '${layer.name}': the output type holds every step`);
        candidate = shift === 0 ? (outShift === 0 ? wide : m.wire(`mf_e${e}`, W + 1 + outShift, true, `{${wide.name}, ${literal(outShift, 0n)}}`)) : roundedCandidate(m, wide, shift, outShift, layer.rounding, `mf_r${e}_${shift}`);
        candidates.set(shift, candidate);
      }
      return candidate;
    };
    // The highest set bit of |raw| picks; raw 0 gives 0.
    const picks = Array.from({ length: W }, (_, i) => W - 1 - i).map((k) => [k, candidateOf(k)] as const);
    // Wide enough for every candidate and for +-maxRaw.
    const width = Math.max(output.width + 1, ...[...candidates.values()].map((candidate) => candidate.width));
    const arms = picks.map(([k, candidate]) => `${slice(magnitude, k, k)} ? ${resize(candidate, width)} : `);
    const y = m.wire(`mf_v${e}`, width, true, `${arms.join('')}${literal(width, 0n)}`);
    const max = literal(width, layer.maxRaw);
    const min = literal(width, -layer.maxRaw);
    return m.wire(`mf_y${e}`, output.width, output.signed, `($signed(${y.name}) > $signed(${max})) ? ${literal(output.width, layer.maxRaw)} : (($signed(${y.name}) < $signed(${min})) ? ${literal(output.width, -layer.maxRaw)} : ${slice(y, output.width - 1, 0)})`);
  });
  return packElements(m, out, 'mf_out');
}
