// Tokens as Verilog buses: element e of a token of `type` is bits [e*W + W - 1 : e*W] (W = type.width),
// holding its raw value's pattern; what a layer's Verilog aspect reads and writes (hls/layers/*).
import type { FixedType } from '@ngt/fxp';
import type { IoType } from '../config/types.js';
import type { ModuleBuilder} from './netlist.js';
import { slice, type Signal } from './netlist.js';

/** The elements of a token bus, each a wire of the type's width and signedness. */
export function elementsOf(m: ModuleBuilder, bus: Signal, type: FixedType, prefix = 'x'): Signal[] {
  const count = bus.width / type.width;
  return Array.from({ length: count }, (_, e) => m.wire(`${prefix}${e}`, type.width, type.signed, slice(bus, e * type.width + type.width - 1, e * type.width)));
}

/**
 * The elements of a token bus made on first use: a layer that never reads an element (a weight that
 * quantized to zero) declares no wire for it, so lint has nothing unused to report.
 */
export function elementReader(m: ModuleBuilder, bus: Signal, type: FixedType, prefix = 'x'): (index: number) => Signal {
  const made = new Map<number, Signal>();
  return (e) => {
    let signal = made.get(e);
    if (!signal) {
      signal = m.wire(`${prefix}${e}`, type.width, type.signed, slice(bus, e * type.width + type.width - 1, e * type.width));
      made.set(e, signal);
    }
    return signal;
  };
}

/** Elements packed into one bus, element 0 in the low bits. */
export function packElements(m: ModuleBuilder, elements: readonly Signal[], prefix = 'y'): Signal {
  const width = elements.reduce((sum, element) => sum + element.width, 0);
  return m.wire(prefix, width, false, elements.length === 1 ? (elements[0] as Signal).name : `{${[...elements].reverse().map((element) => element.name).join(', ')}}`);
}

/** A layer's Verilog aspect works on one iteration's tokens: these are its inputs and types. */
export interface VerilogContext {
  readonly m: ModuleBuilder;
  /** One token per input port (io_parallel: the whole tensor). */
  readonly inputs: readonly Signal[];
  readonly inputTypes: readonly FixedType[];
  readonly outputType: FixedType;
  readonly ioType: IoType;
}
