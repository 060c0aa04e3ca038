// Memories: weight ROMs, activation tables and stream FIFOs, in block RAM or in LUTs.
//
// Rules (ours; the Verilog emitter places memories the same way):
// - Weight ROMs of the Resource strategy (reuse factor > 1) are block RAM, as hls4ml's Resource
//   strategy intends (weights reshaped into RF-deep words of block_factor weights).
// - Tables (sigmoid, tanh, softmax exp and 1/x) are block RAM when they hold >= 1024 bits, else LUT
//   ROM. A block serves `readPorts` reads per cycle, a LUT ROM one, so parallel reads replicate them.
// - FIFOs are block RAM when they hold >= 1024 bits, else shift registers in LUTs (SRL32, Xilinx) or
//   flip-flops with a read multiplexer (Lattice, which has no SRLs in its LUTs).
import type { Family } from '../parts/families.js';
import { adderLuts, muxLuts } from './logic.js';

export const BLOCK_RAM_MIN_BITS = 1024;

export interface MemoryCost {
  readonly lut: number;
  readonly ff: number;
  readonly bram: number;
}

/** Block RAM primitives for one depth x width memory: the best of the primitive's aspect ratios. */
export function blockRamCount(depth: number, width: number, family: Family): number {
  let best = Infinity;
  for (const [shapeDepth, shapeWidth] of family.blockRam.shapes) {
    best = Math.min(best, Math.ceil(depth / shapeDepth) * Math.ceil(width / shapeWidth));
  }
  return best;
}

/**
 * A LUT ROM of depth x width: each LUT holds 2^k entries of one bit (k LUT inputs), and the
 * ceil(depth / 2^k) pieces of a bit meet in a multiplexer.
 */
export function lutRomLuts(depth: number, width: number, family: Family): number {
  const pieces = Math.ceil(depth / 2 ** family.lutInputs);
  return width * pieces + muxLuts(pieces, width, family);
}

/** Where a ROM goes (the rules above); `forceBlock` for the Resource strategy's weight memories. */
export function romMemory(depth: number, width: number, forceBlock = false): 'block' | 'lut' {
  return forceBlock || depth * width >= BLOCK_RAM_MIN_BITS ? 'block' : 'lut';
}

/** A ROM read `reads` times per cycle, in the memory romMemory chose. */
export function romCost(depth: number, width: number, reads: number, family: Family, memory: 'block' | 'lut'): MemoryCost {
  if (depth <= 0 || width <= 0 || reads <= 0) return { lut: 0, ff: 0, bram: 0 };
  if (memory === 'block') {
    const copies = Math.ceil(reads / family.blockRam.readPorts);
    return { lut: 0, ff: 0, bram: copies * blockRamCount(depth, width, family) };
  }
  return { lut: reads * lutRomLuts(depth, width, family), ff: 0, bram: 0 };
}

/**
 * A FIFO of depth x width with read and write pointers. Pointer logic: two counters of
 * ceil(log2(depth + 1)) bits and a full/empty compare, counted as three adders of that width.
 */
export function fifoCost(depth: number, width: number, family: Family): MemoryCost {
  const pointerBits = Math.max(1, Math.ceil(Math.log2(depth + 1)));
  const control = { lut: 3 * adderLuts(pointerBits), ff: 2 * pointerBits };
  // Shallow FIFOs stay in logic however wide (Vivado HLS maps them to shift registers; a depth-1 or -2
  // FIFO is a register slice): block RAM only for FIFOs deeper than the shift register (or than 2).
  const shallow = depth <= Math.max(family.shiftRegisterDepth, 2);
  if (!shallow && depth * width >= BLOCK_RAM_MIN_BITS) {
    return { lut: control.lut, ff: control.ff, bram: blockRamCount(depth, width, family) };
  }
  if (family.shiftRegisterDepth > 0) {
    // SRL-based FIFO: the shift register is addressed by the occupancy count, no read pointer needed.
    return { lut: width * Math.ceil(depth / family.shiftRegisterDepth) + control.lut, ff: width + control.ff, bram: 0 };
  }
  return { lut: muxLuts(depth, width, family) + control.lut, ff: depth * width + control.ff, bram: 0 };
}
