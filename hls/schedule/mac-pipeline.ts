// The multiply-accumulate pipeline of one dense product (a Dense token, or one Conv output pixel), per
// strategy. Shared by dense.ts and conv.ts. Drawings: `|` is a register, time runs left to right.
//
// Latency strategy (nnet_dense_latency.h; II = ReuseFactor):
//
//   x ─┬─ mult ─|─ ... RF phases ... ─|─ adder tree, a register every k levels ─|─ + bias, cast ─|─ y
//      multiply: RF cycles           tree: ceil(ceil(log2 nIn) / k) cycles        1 cycle (output register)
//
//   The ceil(nIn * nOut / RF) multipliers compute the products in RF phases, one per cycle, each phase's
//   products registered; the tree then sums all nIn products of each output; the bias is added and the
//   sum cast to result_t into the output register. latency = RF + ceil(ceil(log2 nIn) / k) + 1.
//   The tree's values are hls4ml's sequential (accum_t) sums (mac.ts): identical for AP_WRAP
//   accumulators (modular addition); for a saturating accum_t the Verilog must keep hls4ml's order
//   (a chain folded into the same register stages), which is why the bias joins last only in timing.
//
// Resource strategy (nnet_dense_resource.h; II = ReuseFactor):
//
//   x ─ ROM[ir] ─|─ mult ─|─ partial tree ─|─ acc += ─|  (ir = 0 .. RF-1, one per cycle) ─ cast ─|─ y
//       1 cycle    1 cycle   ceil(ceil(log2 ceil(nIn/RF)) / k)   RF cycles                 1 cycle
//
//   block_factor = ceil(nIn * nOut / RF) multiply-accumulate lanes; in reuse cycle ir each lane reads its
//   weight from a ROM (registered read), multiplies, the ceil(nIn / RF) products of an output in that
//   cycle are summed by a pipelined partial tree and added to the output's accumulator (initialised to
//   the bias). The RF accumulations land one per cycle; the last one is cast into the output register.
//   latency = 1 + 1 + ceil(ceil(log2 ceil(nIn / RF)) / k) + RF + 1.
//
// Both take the reuse factor as the layer has it (already moved to a valid one by the lowering).
import type { Strategy } from '../config/types.js';
import { treeStages } from './tokens.js';
import type { Stage } from './types.js';

export interface MacPipeline {
  readonly stages: readonly Stage[];
  readonly ii: number;
  /** The latency formula with the numbers filled in. */
  readonly formula: string;
}

export function macPipeline(nIn: number, strategy: Strategy, reuseFactor: number, levelsPerStage: number): MacPipeline {
  const rf = reuseFactor;
  const k = levelsPerStage;
  if (strategy === 'latency') {
    const tree = treeStages(nIn, k);
    return {
      stages: [
        { name: 'multiply', cycles: rf },
        { name: 'adder tree', cycles: tree },
        { name: 'bias, cast, output register', cycles: 1 },
      ],
      ii: rf,
      formula: `RF + ceil(ceil(log2 nIn) / k) + 1 = ${rf} + ceil(ceil(log2 ${nIn}) / ${k}) + 1`,
    };
  }
  const perCycle = Math.ceil(nIn / rf);
  const tree = treeStages(perCycle, k);
  return {
    stages: [
      { name: 'weight ROM read', cycles: 1 },
      { name: 'multiply', cycles: 1 },
      { name: 'partial adder tree', cycles: tree },
      { name: 'accumulate', cycles: rf },
      { name: 'cast, output register', cycles: 1 },
    ],
    ii: rf,
    formula: `1 + 1 + ceil(ceil(log2 ceil(nIn / RF)) / k) + RF + 1 = 2 + ceil(ceil(log2 ${perCycle}) / ${k}) + ${rf} + 1`,
  };
}
