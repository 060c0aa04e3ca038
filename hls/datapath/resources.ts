// What a datapath's operators cost in DSPs, LUTs, FFs and block RAMs (the rules of logic.ts,
// multiplier.ts and memory.ts). Pipeline registers are not here: the schedule places them
// (schedule.ts), and their FFs come from where it puts them.
import type { Family } from '../parts/families.js';
import type { Datapath, Operator } from './ir.js';
import { adderLuts, castLuts, comparatorLuts, muxLuts } from './logic.js';
import { fifoCost, romCost } from './memory.js';
import { multiplierCost } from './multiplier.js';

export interface Resources {
  readonly dsp: number;
  readonly lut: number;
  readonly ff: number;
  /** Block RAM primitives (RAMB18 halves on Xilinx). */
  readonly bram: number;
}

export const NO_RESOURCES: Resources = { dsp: 0, lut: 0, ff: 0, bram: 0 };

export function addResources(a: Resources, b: Resources): Resources {
  return { dsp: a.dsp + b.dsp, lut: a.lut + b.lut, ff: a.ff + b.ff, bram: a.bram + b.bram };
}

export function operatorResources(op: Operator, family: Family): Resources {
  const n = op.count;
  switch (op.op) {
    case 'const_mul':
    case 'mul': {
      const cost = multiplierCost(op.plan);
      return { dsp: n * cost.dsp, lut: n * cost.lut, ff: 0, bram: 0 };
    }
    case 'add':
      return { ...NO_RESOURCES, lut: n * adderLuts(op.width) };
    case 'cast':
      return { ...NO_RESOURCES, lut: n * castLuts(op.from, op.to, family) };
    case 'compare':
      return { ...NO_RESOURCES, lut: n * comparatorLuts(op.width, family) };
    case 'select':
      return { ...NO_RESOURCES, lut: n * muxLuts(op.inputs, op.width, family) };
    case 'rom': {
      const cost = romCost(op.depth, op.width, op.reads, family, op.memory);
      return { dsp: 0, lut: n * cost.lut, ff: n * cost.ff, bram: n * cost.bram };
    }
    case 'register':
      return { ...NO_RESOURCES, ff: n * op.width };
    case 'fifo': {
      const cost = fifoCost(op.depth, op.width, family);
      return { dsp: 0, lut: n * cost.lut, ff: n * cost.ff, bram: n * cost.bram };
    }
  }
}

/** Every operator of the datapath, on the chain and off it (no pipeline ranks). */
export function datapathResources(path: Datapath, family: Family): Resources {
  let total = NO_RESOURCES;
  for (const step of path.steps) if (step.kind !== 'register') for (const op of step.ops) total = addResources(total, operatorResources(op, family));
  for (const op of path.storage) total = addResources(total, operatorResources(op, family));
  return total;
}
