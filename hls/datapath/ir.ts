// The structural datapath of one hardware layer: the one description its schedule (latency, II), its
// resource estimate, the cycle simulator and (later) its Verilog are all read from (STYLE.md: a layer's
// pipeline as data). Normalised as Amaranth's lowest IR is: every operator carries its widths and
// signedness (casts their modes, multipliers their plan, memories their shape), so nothing downstream
// re-derives a type. Identical operators working side by side (the lanes of an elementwise layer, the
// products of a Dense) are one operator with a `count`.
//
// A datapath is a chain of steps from the layer's input registers to its output register:
//  - 'logic': operators that work in parallel on the values the previous step left, combinational.
//    Consecutive logic steps chain within a clock cycle while their delays fit; the scheduler puts a
//    register rank wherever the budget runs out (schedule.ts).
//  - 'register': a register rank the micro-architecture needs whatever the clock (the address register
//    of a block RAM read, a weight ROM's registered read).
//  - 'repeat': a sequential section that takes `cycles` cycles, each ending in a register (the reuse
//    factor's multiply phases, an accumulation loop, output pixels through one MAC array in turn).
// The output register always ends the chain; a layer with no step at all is wiring.
import type { FixedType } from '@ngt/fxp';
import type { MultiplierPlan } from './multiplier.js';

/** Operand or result bits of an operator. */
export interface Width {
  readonly width: number;
  readonly signed: boolean;
}

export type Operator =
  /** x * constant, built as its plan says (shift, shift-add, DSP). */
  | { readonly op: 'const_mul'; readonly count: number; readonly a: Width; readonly b: Width; readonly plan: MultiplierPlan }
  /** x * y of two variables (a ROM or multiplexed weight, a softmax exp * 1/sum). */
  | { readonly op: 'mul'; readonly count: number; readonly a: Width; readonly b: Width; readonly plan: MultiplierPlan }
  /** a + b (or a - b: the same carry chain). */
  | { readonly op: 'add'; readonly count: number; readonly width: number }
  /** An ap_fixed cast with its quantization and overflow modes (wiring for AP_TRN / AP_WRAP). */
  | { readonly op: 'cast'; readonly count: number; readonly from: FixedType; readonly to: FixedType }
  /** a < b (or a > constant): a carry chain without sum bits. */
  | { readonly op: 'compare'; readonly count: number; readonly width: number }
  /** An n:1 multiplexer of `width` bits. */
  | { readonly op: 'select'; readonly count: number; readonly inputs: number; readonly width: number }
  /** A table or weight memory read `reads` times per cycle: block RAM (a registered read) or LUTs. */
  | { readonly op: 'rom'; readonly count: number; readonly depth: number; readonly width: number; readonly reads: number; readonly memory: 'block' | 'lut' }
  /** State that is not a pipeline rank: accumulators, counters, collected outputs (its FFs), line buffers and FIFOs (memory.ts). */
  | { readonly op: 'register'; readonly count: number; readonly width: number }
  | { readonly op: 'fifo'; readonly count: number; readonly depth: number; readonly width: number };


export type Step =
  | { readonly kind: 'logic'; readonly name: string; readonly ops: readonly Operator[]; readonly bits: number }
  | { readonly kind: 'register'; readonly name: string; readonly bits: number }
  | { readonly kind: 'repeat'; readonly name: string; readonly cycles: number; readonly ops: readonly Operator[]; readonly bits: number };

export interface Datapath {
  /** Input register to output register, in order. Empty: the layer is wiring. */
  readonly steps: readonly Step[];
  /** Operators off the chain: weight memories, accumulators, line buffers, counters. */
  readonly storage: readonly Operator[];
  /** Bits of the output register. */
  readonly outputBits: number;
  /** Cycles between consecutive iterations (reuse factor, or 1). */
  readonly iterationIi: number;
  /** Why the figures are what they are, one line each (for reports). */
  readonly notes: readonly string[];
}

/** A datapath of no hardware: the output is the input's wires. */
export function wiringDatapath(note: string): Datapath {
  return { steps: [], storage: [], outputBits: 0, iterationIi: 1, notes: [note] };
}

export function logic(name: string, ops: readonly Operator[], bits: number): Step {
  return { kind: 'logic', name, ops: ops.filter((op) => op.count > 0), bits };
}

/** Whether a datapath is combinational only (no registers or sequential sections): it may fold into its producer's output stage. */
export function combinational(path: Datapath): boolean {
  return path.steps.length > 0 && path.steps.every((step) => step.kind === 'logic') && path.storage.length === 0 && path.iterationIi === 1;
}
