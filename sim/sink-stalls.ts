// Random output back-pressure: a sink that is not ready in a seeded pseudo-random `percent` of the
// cycles, on top of its `sinkInterval`. Readiness is a stateless hash of (seed, sink, cycle), so the
// cycle simulator can jump across quiet cycles and still agree with the testbench, which evaluates
// the same hash in Verilog (sinkStallsVerilog) from its cycle counter; both compute modulo 2^32.
import { SimulationOptionsError } from './errors.js';

export interface SinkStalls {
  /** 0..99: the share of cycles in which a sink is not ready. */
  readonly percent: number;
  readonly seed: number;
}

const GOLDEN = 0x9e3779b1;
const MIX = 0x85ebca6b;
const SINK = 0x632be5ab;

/** A 32-bit avalanche of x (murmur3's finalizer, halved). */
function mix(x: number): number {
  let h = Math.imul(x >>> 0, GOLDEN) >>> 0;
  h = (h ^ (h >>> 15)) >>> 0;
  h = Math.imul(h, MIX) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/** Whether sink `sink` is held not ready in cycle `cycle` (>= 0). */
export function sinkStalled(stalls: SinkStalls, sink: number, cycle: number): boolean {
  return mix((cycle ^ (stalls.seed + Math.imul(sink, SINK))) >>> 0) % 100 < stalls.percent;
}

/** The same test as a Verilog-2005 function `ngt_stalled(sink, cycle)` for a testbench. */
export function sinkStallsVerilog(stalls: SinkStalls): string[] {
  const hex = (value: number): string => `32'h${(value >>> 0).toString(16)}`;
  return [
    '  function ngt_stalled;',
    '    input [31:0] sink;',
    '    input [31:0] at;',
    '    reg [31:0] h;',
    '    begin',
    `      h = (at ^ (${hex(stalls.seed)} + sink * ${hex(SINK)})) * ${hex(GOLDEN)};`,
    '      h = h ^ (h >> 15);',
    `      h = h * ${hex(MIX)};`,
    '      h = h ^ (h >> 13);',
    `      ngt_stalled = (h % 32'd100) < ${stalls.percent};`,
    '    end',
    '  endfunction',
  ];
}

/** Throws SimulationOptionsError (`what`: which simulation) unless the stalls are usable. */
export function checkSinkStalls(stalls: SinkStalls, what: string): void {
  if (!Number.isInteger(stalls.percent) || stalls.percent < 0 || stalls.percent > 99) throw new SimulationOptionsError(`${what}: sinkStalls.percent must be an integer 0..99, not ${stalls.percent}`);
  if (!Number.isInteger(stalls.seed) || stalls.seed < 0 || stalls.seed > 0xffffffff) throw new SimulationOptionsError(`${what}: sinkStalls.seed must be an integer 0..2^32-1, not ${stalls.seed}`);
}
