// ap_fixed casts as Verilog: the logic of `to_t y = x;` for every quantization and overflow mode,
// bit-exact with @ngt/fxp castRaw (fxp/src/quantize-core.ts, which mirrors ap_fixed_base.h: truncate,
// quantization_adjust, overflow detection, overflow_adjust). Values are lists of bits with constant
// folding, and gates become wires only when the output reads them, so only what a mode needs is
// emitted: AP_TRN + AP_WRAP is pure wiring, as is any cast that cannot overflow and does not round;
// a rounding adder, range check or saturation mux appears only where the mode reads it.
import { fractionBits, invariant, type FixedType, type QuantizationMode } from '@ngt/fxp';
import { literal, slice, type ModuleBuilder, type Signal } from './netlist.js';

/**
 * A net the cast reads: the input signal, or a gate of the cast, declared (and so named) only once
 * the output is known to read it.
 */
class Net implements Signal {
  private declared: Signal | null;

  constructor(
    readonly id: number,
    readonly width: number,
    readonly signed: boolean,
    source: Signal | null,
    /** For a gate: its wire's name prefix, its expression, and the nets the expression reads. */
    readonly gate: { readonly label: string; readonly expr: () => string; readonly inputs: readonly Net[] } | null,
  ) {
    this.declared = source;
  }

  get name(): string {
    invariant(this.declared !== null, 'castSignal: a gate was read before it was declared');
    return this.declared.name;
  }

  declare(m: ModuleBuilder): void {
    if (this.declared === null && this.gate !== null) this.declared = m.wire(this.gate.label, this.width, this.signed, this.gate.expr());
  }
}

/** One bit of a value: a constant, or a bit of a net (possibly inverted). */
type Bit = 0 | 1 | NetBit;

interface NetBit {
  readonly net: Net;
  readonly index: number;
  readonly inverted: boolean;
}

/** A two's complement (signed) or unsigned number held in bits 0..length-1, LSB first; above, the sign or zeros. */
interface Bits {
  readonly bits: readonly Bit[];
  readonly signed: boolean;
}

/**
 * Converts `x`, holding the raw pattern of `from`, into `to`: the returned signal has to.width bits and
 * to.signed, and holds castRaw(raw(x), from, to). `prefix` names the wires it declares.
 */
export function castSignal(m: ModuleBuilder, x: Signal, from: FixedType, to: FixedType, prefix = 'cast'): Signal {
  invariant(x.width === from.width && x.signed === from.signed, `castSignal: ${x.name} (${x.width} bits, ${x.signed ? 'signed' : 'unsigned'}) does not hold a ${from.width}-bit ${from.signed ? 'signed' : 'unsigned'} raw`);
  invariant(Number.isInteger(to.saturationBits) && to.saturationBits >= 0 && to.saturationBits <= to.width, `castSignal: saturation bits must be 0..${to.width}, not ${to.saturationBits}`);
  const logic = new BitLogic(prefix);
  const input = logic.source(x);
  const width = to.width;
  const shift = fractionBits(from) - fractionBits(to);
  const msb = netBit(input, from.width - 1);
  // x's bits with its infinite sign (or zero) extension, and the zeros shifted in below bit 0.
  const rawBit = (j: number): Bit => (j < 0 ? 0 : j < from.width ? netBit(input, j) : from.signed ? msb : 0);
  // t = floor(x * 2^F_to): bit i of t is bit i + shift of x.
  const tBit = (i: number): Bit => rawBit(i + shift);
  const t: Bits = { bits: range(0, Math.max(from.width - 1 - shift, 0)).map(tBit), signed: from.signed };
  // AP_WRAP without saturation bits reads only q's low W bits; every other mode its range too.
  const wrapOnly = to.overflow === 'AP_WRAP' && to.saturationBits === 0;

  let q = t;
  if (shift > 0) {
    const up = roundsUpBit(logic, to.quantization, range(0, shift - 1).map(rawBit), from.signed ? msb : 0, tBit(0));
    if (up !== 0) q = logic.addBit(t, up, wrapOnly ? Math.min(width, t.bits.length + 1) : t.bits.length + 1);
  }
  const pattern = range(0, width - 1).map((i) => bitAt(q, i));
  const sign: Bit = q.signed ? bitAt(q, q.bits.length - 1) : 0; // ap_fixed_base.h neg_src: q < 0
  const out = wrapOnly ? pattern : overflowAdjust(logic, to, pattern, logic.inRange(q, to), sign, tBit(width));

  logic.declareReadBy(m, out);
  const expr = vectorExpr(out);
  if (to.signed === x.signed && width === x.width && expr === x.name) return x;
  return m.wire(prefix, width, to.signed, expr);
}

/**
 * ap_fixed_base.h quantization_adjust as logic (roundsUp in quantize-core.ts): `deleted` holds the bits
 * below the new LSB, the round bit last; sticky is any of the others.
 */
function roundsUpBit(logic: BitLogic, mode: QuantizationMode, deleted: readonly Bit[], negative: Bit, odd: Bit): Bit {
  const roundBit = deleted[deleted.length - 1] ?? 0;
  const sticky = (): Bit => logic.anyOne(deleted.slice(0, -1), 'sticky');
  switch (mode) {
    case 'AP_TRN':
      return 0;
    case 'AP_TRN_ZERO':
      return logic.and(negative, logic.anyOne(deleted, 'inexact')); // roundBit || sticky
    case 'AP_RND':
      return roundBit;
    case 'AP_RND_ZERO':
      return logic.and(roundBit, logic.or(negative, sticky()));
    case 'AP_RND_MIN_INF':
      return logic.and(roundBit, sticky());
    case 'AP_RND_INF':
      return logic.and(roundBit, logic.or(logic.not(negative), sticky()));
    case 'AP_RND_CONV':
      return logic.and(roundBit, logic.or(odd, sticky()));
  }
}

/**
 * The output pattern: `pattern` (q's low W bits) when q is in range, else what ap_fixed_base.h
 * overflow_adjust makes of it (mirrors quantize-core.ts overflowAdjust bit for bit). `sign` is q < 0,
 * `deleted` is bit W of t before rounding (lD, read by AP_WRAP_SM with N = 0).
 */
function overflowAdjust(logic: BitLogic, to: FixedType, pattern: readonly Bit[], inRange: Bit, sign: Bit, deleted: Bit): Bit[] {
  const width = to.width;
  const n = to.saturationBits;
  const notSign = logic.not(sign);
  switch (to.overflow) {
    case 'AP_SAT_ZERO':
      return logic.mux(inRange, pattern, pattern.map(() => 0));
    case 'AP_SAT':
    case 'AP_SAT_SYM': {
      if (!to.signed) return logic.mux(inRange, pattern, pattern.map(() => notSign)); // all ones, or zero
      // Overflow: 011..1; underflow: 100..0, or 100..01 for AP_SAT_SYM (W = 1: just the sign).
      const limit = pattern.map((_, i): Bit => (i === width - 1 ? sign : i === 0 && to.overflow === 'AP_SAT_SYM' ? 1 : notSign));
      return logic.mux(inRange, pattern, limit);
    }
    case 'AP_WRAP': {
      // Signed: the MSB becomes the sign and the N-1 below it its inverse; unsigned: the N MSBs become
      // ones whatever the sign, as ap_fixed_base.h does. N = 0 changes nothing.
      const saturated = pattern.map((bit, i): Bit => (i < width - n ? bit : !to.signed ? 1 : i === width - 1 ? sign : notSign));
      return logic.mux(inRange, pattern, saturated);
    }
    case 'AP_WRAP_SM': {
      const overflowed = logic.not(inRange);
      const top = pattern[width - 1] ?? 0; // ro
      if (n <= 1) {
        // N = 0: every bit flips when lD differs from the MSB (which then equals lD); N = 1: when the
        // sign differs from the MSB (which then equals the sign).
        return logic.xorAll(pattern, logic.and(overflowed, logic.xor(n === 0 ? deleted : sign, top)));
      }
      // N >= 2: the bits below the N MSBs flip when bit W-N equals the sign; the MSBs saturate.
      const low = pattern.slice(0, width - n);
      const flip = logic.and(overflowed, logic.not(logic.xor(pattern[width - n] ?? 0, sign)));
      const high = pattern.slice(width - n);
      const saturated = high.map((_, i): Bit => (i === n - 1 ? sign : notSign));
      return [...logic.xorAll(low, flip), ...logic.mux(inRange, high, saturated)];
    }
  }
}

/** The gates of one cast: constant-folded, shared by structure, declared as wires only when read. */
class BitLogic {
  private readonly nets: Net[] = [];
  private readonly shared = new Map<string, Net>();

  constructor(private readonly prefix: string) {}

  source(signal: Signal): Net {
    const net = new Net(this.nets.length, signal.width, signal.signed, signal, null);
    this.nets.push(net);
    return net;
  }

  /** A gate net of `width` bits reading `inputs`; `expr` is built once names are known. */
  private gate(label: string, width: number, inputs: readonly Bit[], expr: () => string, signed = false): Net {
    const key = `${label}:${width}:${inputs.map(bitKey).join(',')}`;
    const known = this.shared.get(key);
    if (known !== undefined) return known;
    const nets = [...new Set(inputs.flatMap((bit) => (bit === 0 || bit === 1 ? [] : [bit.net])))];
    const net = new Net(this.nets.length, width, signed, null, { label: `${this.prefix}_${label}`, expr, inputs: nets });
    this.nets.push(net);
    this.shared.set(key, net);
    return net;
  }

  /** Declares, in creation order (inputs before readers), every gate that `out` reads. */
  declareReadBy(m: ModuleBuilder, out: readonly Bit[]): void {
    const read = new Set<Net>();
    const visit = (net: Net): void => {
      if (read.has(net)) return;
      read.add(net);
      for (const input of net.gate?.inputs ?? []) visit(input);
    };
    for (const bit of out) if (bit !== 0 && bit !== 1) visit(bit.net);
    for (const net of this.nets) if (read.has(net)) net.declare(m);
  }

  not(a: Bit): Bit {
    return a === 0 ? 1 : a === 1 ? 0 : { ...a, inverted: !a.inverted };
  }

  and(a: Bit, b: Bit): Bit {
    if (a === 0 || b === 0 || complementary(a, b)) return 0;
    if (a === 1 || sameBit(a, b)) return b;
    if (b === 1) return a;
    return netBit(this.gate('and', 1, [a, b], () => `${bitExpr(a)} & ${bitExpr(b)}`), 0);
  }

  or(a: Bit, b: Bit): Bit {
    if (a === 1 || b === 1 || complementary(a, b)) return 1;
    if (a === 0 || sameBit(a, b)) return b;
    if (b === 0) return a;
    return netBit(this.gate('or', 1, [a, b], () => `${bitExpr(a)} | ${bitExpr(b)}`), 0);
  }

  xor(a: Bit, b: Bit): Bit {
    if (a === 0 || a === 1) return a === 0 ? b : this.not(b);
    if (b === 0 || b === 1) return b === 0 ? a : this.not(a);
    if (sameBit(a, b) || complementary(a, b)) return sameBit(a, b) ? 0 : 1;
    return netBit(this.gate('xor', 1, [a, b], () => `${bitExpr(a)} ^ ${bitExpr(b)}`), 0);
  }

  /** Whether any bit is 1: an OR reduction over the distinct nets. */
  anyOne(bits: readonly Bit[], label = 'any'): Bit {
    return this.reduce('|', bits, label);
  }

  allOnes(bits: readonly Bit[], label = 'ones'): Bit {
    return this.reduce('&', bits, label);
  }

  allZero(bits: readonly Bit[], label = 'any'): Bit {
    return this.not(this.anyOne(bits, label));
  }

  private reduce(op: '|' | '&', bits: readonly Bit[], label: string): Bit {
    const absorbing: Bit = op === '|' ? 1 : 0;
    if (bits.includes(absorbing)) return absorbing;
    const nets = distinctNets(bits);
    if (nets.some((a, i) => nets.slice(i + 1).some((b) => complementary(a, b)))) return absorbing;
    if (nets.length <= 1) return nets[0] ?? this.not(absorbing);
    return netBit(this.gate(label, 1, nets, () => `${op}${vectorExpr(nets)}`), 0);
  }

  /** a + up (a 0/1 bit) in `width` bits: exact when width exceeds a's bits, else modulo 2^width. */
  addBit(a: Bits, up: Bit, width: number): Bits {
    const operand = range(0, width - 1).map((i) => bitAt(a, i));
    if (operand.every((bit) => bit === 0)) return { bits: [up, ...operand.slice(1)], signed: a.signed };
    const one: Bit[] = [up, ...operand.slice(1).map((): Bit => 0)];
    const sum = this.gate('q', width, [...operand, up], () => `${vectorExpr(operand)} + ${vectorExpr(one)}`, a.signed);
    return { bits: range(0, width - 1).map((i) => netBit(sum, i)), signed: a.signed };
  }

  /** Whether q lies in `to`'s range (AP_SAT_SYM: and is not its most negative value). */
  inRange(q: Bits, to: FixedType): Bit {
    const width = to.width;
    const top = q.bits.length - 1;
    if (!to.signed) {
      // Bits W and above are zero, and so is the sign (q's top bit when it is signed).
      const low = q.signed ? Math.min(width, top) : width;
      return low > top ? 1 : this.allZero(q.bits.slice(low));
    }
    // Bits W-1 and above all equal the sign: all zeros, or all ones (never for an unsigned q).
    if (top < width - 1) return 1;
    const high = q.bits.slice(width - 1);
    if (!q.signed) return this.allZero(high);
    const inRange = this.or(this.allZero(high), this.allOnes(high));
    if (to.overflow !== 'AP_SAT_SYM') return inRange;
    const isMin = this.and(this.allOnes(high), this.allZero(q.bits.slice(0, width - 1), 'low_any'));
    return this.and(inRange, this.not(isMin));
  }

  /** cond ? a : b, bit by bit; one mux wire spans the bits where a and b differ. */
  mux(cond: Bit, a: readonly Bit[], b: readonly Bit[]): Bit[] {
    if (cond === 0 || cond === 1) return [...(cond === 1 ? a : b)];
    const differ = a.map((bit, i) => !sameBit(bit, b[i] ?? 0));
    const low = differ.indexOf(true);
    if (low < 0) return [...a];
    const high = differ.lastIndexOf(true);
    const [ifTrue, ifFalse] = [a.slice(low, high + 1), b.slice(low, high + 1)];
    const muxed = this.gate('sat', high - low + 1, [cond, ...ifTrue, ...ifFalse], () => `${bitExpr(cond)} ? ${vectorExpr(ifTrue)} : ${vectorExpr(ifFalse)}`);
    return a.map((bit, i) => (i >= low && i <= high ? netBit(muxed, i - low) : bit));
  }

  /** Every bit of `bits` xor `flip` (constant bits fold to flip or its inverse). */
  xorAll(bits: readonly Bit[], flip: Bit): Bit[] {
    if (flip === 0 || flip === 1) return bits.map((bit) => this.xor(bit, flip));
    const nets = bits.filter((bit): bit is NetBit => bit !== 0 && bit !== 1);
    if (nets.length === 0) return bits.map((bit) => this.xor(bit, flip));
    const flips = (): string => (nets.length === 1 ? bitExpr(flip) : `{${nets.length}{${bitExpr(flip)}}}`);
    const flipped = this.gate('flip', nets.length, [flip, ...nets], () => `${vectorExpr(nets)} ^ ${flips()}`);
    let next = 0;
    return bits.map((bit) => (bit === 0 || bit === 1 ? this.xor(bit, flip) : netBit(flipped, next++)));
  }
}

function netBit(net: Net, index: number): NetBit {
  return { net, index, inverted: false };
}

function bitKey(bit: Bit): string {
  return bit === 0 || bit === 1 ? `${bit}` : `${bit.inverted ? '~' : ''}${bit.net.id}.${bit.index}`;
}

function bitAt(value: Bits, index: number): Bit {
  const last = value.bits.length - 1;
  if (index <= last) return value.bits[index] ?? 0;
  return value.signed ? (value.bits[last] ?? 0) : 0;
}

function sameNet(a: Bit, b: Bit): a is NetBit {
  return a !== 0 && a !== 1 && b !== 0 && b !== 1 && a.net === b.net && a.index === b.index;
}

function sameBit(a: Bit, b: Bit): boolean {
  return a === b || (sameNet(a, b) && a.inverted === (b as NetBit).inverted);
}

function complementary(a: Bit, b: Bit): boolean {
  return (a === 0 && b === 1) || (a === 1 && b === 0) || (sameNet(a, b) && a.inverted !== (b as NetBit).inverted);
}

/** The net bits of `bits`, each once, ordered by net and index so that runs become slices. */
function distinctNets(bits: readonly Bit[]): NetBit[] {
  const nets = new Map<string, NetBit>();
  for (const bit of bits) if (bit !== 0 && bit !== 1) nets.set(bitKey(bit), bit);
  return [...nets.values()].sort((a, b) => a.net.id - b.net.id || a.index - b.index || Number(a.inverted) - Number(b.inverted));
}

function bitExpr(bit: Bit): string {
  if (bit === 0 || bit === 1) return `1'b${bit}`;
  const name = slice(bit.net, bit.index, bit.index);
  return bit.inverted ? `~${name}` : name;
}

/**
 * A Verilog expression of exactly bits.length bits (LSB first in `bits`): constants become sized
 * literals, repeated bits replications, consecutive bits of one net slices.
 */
function vectorExpr(bits: readonly Bit[]): string {
  invariant(bits.length > 0, 'vectorExpr: an empty vector');
  const parts: string[] = [];
  let high = bits.length - 1;
  while (high >= 0) {
    const bit = bits[high] as Bit;
    let low = high;
    if (bit === 0 || bit === 1) {
      while (low > 0 && (bits[low - 1] === 0 || bits[low - 1] === 1)) low--;
      const value = bits.slice(low, high + 1).reduce<bigint>((sum, b, i) => sum | (BigInt(b as 0 | 1) << BigInt(i)), 0n);
      parts.push(literal(high - low + 1, value));
    } else {
      while (low > 0 && sameBit(bits[low - 1] as Bit, bit)) low--;
      if (low < high) {
        parts.push(`{${high - low + 1}{${bitExpr(bit)}}}`);
      } else {
        while (low > 0 && follows(bits[low - 1] as Bit, bits[low] as NetBit)) low--;
        const bottom = (bits[low] as NetBit).index;
        const run = bit.index === bit.net.width - 1 && bottom === 0 ? bit.net.name : slice(bit.net, bit.index, bottom);
        parts.push(bit.inverted ? `~${run}` : run);
      }
    }
    high = low - 1;
  }
  return parts.length === 1 ? (parts[0] as string) : `{${parts.join(', ')}}`;
}

/** Whether `below` is the bit just under `bit` in the same net, with the same inversion. */
function follows(below: Bit, bit: NetBit): boolean {
  return below !== 0 && below !== 1 && below.net === bit.net && below.index === bit.index - 1 && below.inverted === bit.inverted;
}

function range(low: number, high: number): number[] {
  return high < low ? [] : Array.from({ length: high - low + 1 }, (_, i) => low + i);
}
