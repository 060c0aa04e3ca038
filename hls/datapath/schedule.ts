// Delay-driven register placement over one datapath (ir.ts): operators chain within a clock cycle while
// their summed delay fits the stage budget (delays.ts), and a register rank goes where the budget runs
// out. Walking the chain and cutting as late as the budget allows gives the fewest ranks a chain of
// given delays can have. Forced registers and sequential sections close the stage they meet; the
// output register closes the last one. A step slower than the budget on its own takes a stage by
// itself and sets the achievable clock (the estimate reports it; nothing fails here).
import type { Family } from '../parts/families.js';
import { stepDelayNs } from './delays.js';
import type { Datapath } from './ir.js';

/** One pipeline stage (a group of cycles ending in a register). */
export interface PlacedStage {
  readonly name: string;
  /** 1, or a sequential section's cycle count. */
  readonly cycles: number;
  /** Combinational delay in each of its cycles, ns. */
  readonly delayNs: number;
  /** Bits of the register that ends it. */
  readonly bits: number;
}

export interface Pipeline {
  readonly stages: readonly PlacedStage[];
  /** Cycles from an iteration's input register to its output register: the sum of the stages' cycles. */
  readonly latency: number;
  /** Flip-flops of the pipeline ranks, output register included. */
  readonly ff: number;
  /** Slowest stage, register overhead included, ns. */
  readonly stageDelayNs: number;
  /** Logic delay in front of the output register (what a folded consumer adds to). */
  readonly lastStageDelayNs: number;
}

export interface PlacementOptions {
  readonly family: Family;
  /** Logic a stage may hold, ns (delays.ts stageBudgetNs). */
  readonly budgetNs: number;
}

export function placeRegisters(path: Datapath, options: PlacementOptions): Pipeline {
  const stages: PlacedStage[] = [];
  let names: string[] = [];
  let delay = 0;
  let open = false;
  let lastBits = 0;
  const close = (bits: number): void => {
    stages.push({ name: names.join(', '), cycles: 1, delayNs: delay, bits });
    names = [];
    delay = 0;
    open = false;
  };
  for (const step of path.steps) {
    if (step.kind === 'logic') {
      const d = stepDelayNs(step, options.family);
      if (open && delay > 0 && delay + d > options.budgetNs + 1e-9) close(lastBits);
      delay += d;
      names.push(step.name);
      open = true;
      lastBits = step.bits;
    } else if (step.kind === 'register') {
      names.push(step.name);
      close(step.bits);
    } else {
      if (open) close(lastBits);
      stages.push({ name: step.name, cycles: step.cycles, delayNs: stepDelayNs(step, options.family), bits: step.bits });
    }
  }
  names.push('output register');
  close(path.outputBits);
  const latency = stages.reduce((total, stage) => total + stage.cycles, 0);
  const ff = stages.reduce((total, stage) => total + stage.bits, 0);
  const slowest = stages.reduce((most, stage) => Math.max(most, stage.delayNs), 0);
  const last = stages[stages.length - 1];
  return { stages, latency, ff, stageDelayNs: slowest + options.family.timing.registerNs, lastStageDelayNs: last?.delayNs ?? 0 };
}
