// How long each operator of a datapath takes, per FPGA family: the numbers the delay-driven schedule
// chains operators with. Every figure comes from the family's FamilyTiming (parts/families.ts, where
// each one is sourced: yosys techlibs' specify blocks from prjxray / icestorm timing databases, our
// scaling for UltraScale+, and our DSP/BRAM/routing assumptions until Yosys and nextpnr check them):
//  - adders, subtractors, comparators: one carry chain, route + carry entry + per-bit carry (logic.ts)
//  - multipliers: a DSP (route + combinational DSP multiply), a shift-add chain (its adders in
//    sequence), a shift (wiring, 0)
//  - casts: an incrementer for rounding, an overflow detect and mux for saturation (logic.ts)
//  - an n:1 select: one LUT level per 4:1 (LUT6) or 2:1 (LUT4) stage
//  - a block RAM read: its clock-to-out after the registered read; a LUT ROM: its LUT level plus the
//    multiplexer levels that join its pieces
// The clock budget a stage must fit: the period less hls4ml's clock uncertainty (Vivado backend
// default 12.5%, vivado_backend.py create_initial_config) less the register's clock-to-out and setup.
import type { Family } from '../parts/families.js';
import type { Operator, Step } from './ir.js';
import { carryDelayNs, castDelayNs, lutLevelNs } from './logic.js';
import type { MultiplierPlan } from './multiplier.js';

/** hls4ml's default ClockUncertainty for the Vivado backend, as a fraction of the period. */
export const DEFAULT_CLOCK_UNCERTAINTY = 0.125;

/** Logic delay one stage may hold: period * (1 - uncertainty) - register overhead. */
export function stageBudgetNs(periodNs: number, family: Family, uncertainty = DEFAULT_CLOCK_UNCERTAINTY): number {
  return periodNs * (1 - uncertainty) - family.timing.registerNs;
}

/** Levels of an n:1 multiplexer tree of LUTs. */
export function selectLevels(inputs: number, family: Family): number {
  if (inputs <= 1) return 0;
  const perLevel = family.lutInputs === 6 ? 4 : 2;
  return Math.ceil(Math.log(inputs) / Math.log(perLevel) - 1e-9);
}

export function multiplierDelayNs(plan: MultiplierPlan, family: Family): number {
  switch (plan.kind) {
    case 'none':
    case 'shift':
      return 0;
    case 'shift_add':
    case 'lut_array':
      return plan.adders * carryDelayNs(plan.width, family);
    case 'dsp':
      return family.timing.routeNs + family.timing.dspNs;
  }
}

export function operatorDelayNs(op: Operator, family: Family): number {
  switch (op.op) {
    case 'const_mul':
    case 'mul':
      return multiplierDelayNs(op.plan, family);
    case 'add':
    case 'compare':
      return carryDelayNs(op.width, family);
    case 'cast':
      return castDelayNs(op.from, op.to, family);
    case 'select':
      return selectLevels(op.inputs, family) * lutLevelNs(family);
    case 'rom': {
      if (op.memory === 'block') return family.timing.bramNs;
      const pieces = Math.ceil(op.depth / 2 ** family.lutInputs);
      return (1 + selectLevels(pieces, family)) * lutLevelNs(family);
    }
    case 'register':
    case 'fifo':
      return 0;
  }
}

/** A step's combinational delay: its slowest operator (they work side by side). */
export function stepDelayNs(step: Step, family: Family): number {
  if (step.kind === 'register') return 0;
  return step.ops.reduce((slowest, op) => Math.max(slowest, operatorDelayNs(op, family)), 0);
}
