// From a layer's datapath (its resources and its chain of combinational levels) to a pipelined layer:
// where the registers go, what they cost in flip-flops, and the longest register-to-register path.
//
// Model: a layer of latency S >= 1 cycles has S register ranks. The last rank is the output register
// (outputBits FFs); the other S - 1 ranks cut the chain of levels into S groups (a register may go
// between any two levels): the slowest group is kept within the clock budget (or as small as it can be
// when the budget cannot be met), and among such cuts the one registering the fewest bits is taken.
// Each rank costs the bits alive at its cut.
// A layer of latency 0 is wiring or combinational logic folded into its consumer: no registers, and
// its delay is reported on its own (the clock estimate treats it as one stage).
// Stage delay = slowest group + register clock-to-out and setup.
// Without a schedule, S is the smallest latency whose stage delay meets the target clock period.
import type { Family } from '../parts/families.js';

export interface Level {
  /** Combinational delay of this level, routing into it included. */
  readonly delayNs: number;
  /** Bits a register placed after this level holds. */
  readonly bits: number;
}

export interface Datapath {
  readonly dsp: number;
  readonly lut: number;
  /** Flip-flops outside the pipeline ranks (accumulators, counters, FIFO storage). */
  readonly ff: number;
  readonly bram: number;
  readonly levels: readonly Level[];
  readonly outputBits: number;
  /** Cycles between samples this layer accepts (reuse factor, or 1). */
  readonly ii: number;
  /** Why the figures are what they are, one line each (for reports). */
  readonly notes: readonly string[];
}

export interface Pipelined {
  readonly latency: number;
  /** Pipeline-rank flip-flops (output register included). */
  readonly ff: number;
  /** Longest register-to-register path, register overhead included. */
  readonly stageDelayNs: number;
}

/** Cut positions into `groups` contiguous groups: minimise the slowest group, then the registered bits. */
function bestCuts(levels: readonly Level[], groups: number, budgetNs: number): { cuts: number[]; slowest: number } {
  // Levels are few (tens), so plain dynamic programs over (groups, levels) are cheap.
  const n = levels.length;
  const prefix = [0];
  for (const level of levels) prefix.push((prefix[prefix.length - 1] ?? 0) + level.delayNs);
  const span = (from: number, to: number): number => (prefix[to] ?? 0) - (prefix[from] ?? 0);
  const table = (): number[][] => Array.from({ length: groups + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  // Pass 1: the smallest achievable slowest group.
  const slow = table();
  (slow[0] as number[])[0] = 0;
  for (let g = 1; g <= groups; g++) {
    for (let end = 0; end <= n; end++) {
      for (let start = 0; start <= end; start++) {
        const value = Math.max(slow[g - 1]?.[start] ?? Infinity, span(start, end));
        if (value < (slow[g]?.[end] ?? Infinity)) (slow[g] as number[])[end] = value;
      }
    }
  }
  // Pass 2: fewest registered bits with every group within max(budget, that minimum): registers go
  // where the datapath is narrow (late in an adder tree) whenever the clock allows it.
  const limit = Math.max(budgetNs, slow[groups]?.[n] ?? 0) + 1e-9;
  const bitsAt = (cut: number): number => (cut === 0 ? (levels[0]?.bits ?? 0) : (levels[cut - 1]?.bits ?? 0));
  const cost = table();
  const choice: number[][] = Array.from({ length: groups + 1 }, () => new Array<number>(n + 1).fill(0));
  (cost[0] as number[])[0] = 0;
  for (let g = 1; g <= groups; g++) {
    for (let end = 0; end <= n; end++) {
      for (let start = 0; start <= end; start++) {
        if (span(start, end) > limit) continue;
        const value = (cost[g - 1]?.[start] ?? Infinity) + (g > 1 ? bitsAt(start) : 0);
        if (value < (cost[g]?.[end] ?? Infinity)) {
          (cost[g] as number[])[end] = value;
          (choice[g] as number[])[end] = start;
        }
      }
    }
  }
  const cuts: number[] = [];
  let end = n;
  let slowest = 0;
  for (let g = groups; g >= 1; g--) {
    const start = choice[g]?.[end] ?? 0;
    slowest = Math.max(slowest, span(start, end));
    if (g > 1) cuts.unshift(start);
    end = start;
  }
  return { cuts, slowest };
}

/** FFs and stage delay of the datapath at a given latency. */
export function pipelineAt(path: Datapath, latency: number, family: Family, periodNs = 0): Pipelined {
  if (latency <= 0) {
    const total = path.levels.reduce((sum, level) => sum + level.delayNs, 0);
    return { latency: 0, ff: 0, stageDelayNs: total };
  }
  const { cuts, slowest } = bestCuts(path.levels, latency, periodNs - family.timing.registerNs);
  // A cut at index i registers the bits after level i - 1 (cut 0, an input register: counted as wide as the first level).
  const rankBits = cuts.map((cut) => (cut === 0 ? (path.levels[0]?.bits ?? path.outputBits) : (path.levels[cut - 1]?.bits ?? 0)));
  const ff = path.outputBits + rankBits.reduce((sum, bits) => sum + bits, 0);
  return { latency, ff, stageDelayNs: slowest + family.timing.registerNs };
}

/** The smallest latency (1..levels + 1) whose stage delay fits `periodNs`; the deepest if none does. */
export function latencyForPeriod(path: Datapath, periodNs: number, family: Family): number {
  const most = Math.max(1, path.levels.length);
  for (let latency = 1; latency <= most; latency++) {
    if (pipelineAt(path, latency, family, periodNs).stageDelayNs <= periodNs) return latency;
  }
  return most;
}
