// ap_fixed casts as Verilog: the logic of `to_t y = x;` for every quantization and overflow mode,
// bit-exact with @ngt/fxp castRaw (fxp/src/quantize-core.ts, which mirrors ap_fixed_base.h: truncate,
// quantization_adjust, overflow detection, overflow_adjust). Signals are handled bit by bit with
// constant folding, so only what a mode needs is emitted: AP_TRN + AP_WRAP is pure wiring, a widening
// AP_SAT is too, and a rounding adder or range check appears only where the mode reads it.
import { fractionBits, invariant, type FixedType, type QuantizationMode } from '@ngt/fxp';
import { literal, slice, type ModuleBuilder, type Signal } from './netlist.js';

/** One bit of a value: a constant, or a bit of a net (possibly inverted). */
type Bit = 0 | 1 | NetBit;

interface NetBit {
  readonly signal: Signal;
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
  const logic = new BitLogic(m, prefix);
  const width = to.width;
  const n = to.saturationBits;
  const shift = fractionBits(from) - fractionBits(to);
  const msb = netBit(x, from.width - 1);
  // x's bits with its infinite sign (or zero) extension; below bit 0 the shifted-in zeros.
  const rawBit = (j: number): Bit => (j < 0 ? 0 : j < from.width ? netBit(x, j) : from.signed ? msb : 0);
  // t = floor(x * 2^F_to): bit i of t is bit i + shift of x.
  const tBit = (i: number): Bit => rawBit(i + shift);
  const t: Bits = { bits: range(0, Math.max(from.width - 1 - shift, 0)).map(tBit), signed: from.signed };
  const wrapOnly = to.overflow === 'AP_WRAP' && n === 0;

  let q = t;
  if (shift > 0) {
    const negative: Bit = from.signed ? msb : 0;
    const up = roundsUpBit(logic, to.quantization, range(0, shift - 1).map(rawBit), negative, tBit(0));
    // AP_WRAP without saturation bits reads only the low W bits of q; every other mode its range too.
    if (up !== 0) q = logic.addBit(t, up, wrapOnly ? Math.min(width, t.bits.length + 1) : t.bits.length + 1);
  }

  const pattern = range(0, width - 1).map((i) => bitAt(q, i));
  let out = pattern;
  if (!wrapOnly) {
    const inRange = logic.inRange(q, to);
    const sign: Bit = q.signed ? bitAt(q, q.bits.length - 1) : 0; // ap_fixed_base.h neg_src
    out = overflowAdjust(logic, to, pattern, inRange, sign, tBit(width));
  }

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
  // Every mode but AP_TRN_ZERO rounds up only on the round bit: decide before building sticky logic
  // that would go unused (a round bit beyond an unsigned source is 0).
  if (roundBit === 0 && mode !== 'AP_TRN_ZERO') return 0;
  switch (mode) {
    case 'AP_TRN':
      return 0;
    case 'AP_TRN_ZERO':
      // roundBit || sticky: any deleted bit set, one reduction.
      return negative === 0 ? 0 : logic.and(negative, logic.anyOne(deleted, 'inexact'));
    case 'AP_RND':
      return roundBit;
    case 'AP_RND_ZERO':
      return logic.and(roundBit, negative === 1 ? 1 : logic.or(negative, sticky()));
    case 'AP_RND_MIN_INF':
      return logic.and(roundBit, sticky());
    case 'AP_RND_INF':
      return logic.and(roundBit, negative === 0 ? 1 : logic.or(logic.not(negative), sticky()));
    case 'AP_RND_CONV':
      return logic.and(roundBit, odd === 1 ? 1 : logic.or(odd, sticky()));
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
  const top = pattern[width - 1] ?? 0; // ro
  if (inRange === 1) return [...pattern];
  switch (to.overflow) {
    case 'AP_SAT_ZERO':
      return logic.mux(inRange, pattern, pattern.map(() => 0));
    case 'AP_SAT':
    case 'AP_SAT_SYM': {
      if (!to.signed) return logic.mux(inRange, pattern, pattern.map(() => notSign)); // all ones or zero
      // Overflow: 011..1; underflow: 100..0, or 100..01 for AP_SAT_SYM (W = 1: just the sign).
      const limit = pattern.map((_, i): Bit => (i === width - 1 ? sign : i === 0 && to.overflow === 'AP_SAT_SYM' ? 1 : notSign));
      return logic.mux(inRange, pattern, limit);
    }
    case 'AP_WRAP': {
      // Only N >= 1 gets here. Signed: the MSB becomes the sign, the N-1 below it its inverse;
      // unsigned: the N MSBs become ones whatever the sign, as ap_fixed_base.h does.
      const saturated = pattern.map((bit, i): Bit => (i < width - n ? bit : !to.signed ? 1 : i === width - 1 ? sign : notSign));
      return logic.mux(inRange, pattern, saturated);
    }
    case 'AP_WRAP_SM': {
      const overflowed = logic.not(inRange);
      if (n <= 1) {
        // N = 0: flip every bit when lD differs from the MSB (the MSB then equals lD); N = 1: when the
        // sign differs from the MSB (the MSB then equals the sign).
        const flip = logic.and(overflowed, logic.xor(n === 0 ? deleted : sign, top));
        return logic.xorAll(pattern, flip);
      }
      const low = pattern.slice(0, width - n);
      const flip = low.length === 0 ? 0 : logic.and(overflowed, logic.not(logic.xor(pattern[width - n] ?? 0, sign)));
      const high = pattern.slice(width - n);
      const saturated = high.map((_, i): Bit => (i === n - 1 ? sign : notSign));
      return [...logic.xorAll(low, flip), ...logic.mux(inRange, high, saturated)];
    }
  }
}

/** The gates of one cast, constant-folded and shared by expression, each declared as a 1-bit or vector wire. */
class BitLogic {
  private readonly made = new Map<string, Bit>();

  constructor(
    private readonly m: ModuleBuilder,
    private readonly prefix: string,
  ) {}

  private gate(name: string, expr: string): Bit {
    const known = this.made.get(expr);
    if (known !== undefined) return known;
    const bit = netBit(this.m.wire(`${this.prefix}_${name}`, 1, false, expr), 0);
    this.made.set(expr, bit);
    return bit;
  }

  not(a: Bit): Bit {
    return a === 0 ? 1 : a === 1 ? 0 : { ...a, inverted: !a.inverted };
  }

  and(a: Bit, b: Bit): Bit {
    if (a === 0 || b === 0 || complementary(a, b)) return 0;
    if (a === 1 || sameBit(a, b)) return b;
    if (b === 1) return a;
    return this.gate('and', `${bitExpr(a)} & ${bitExpr(b)}`);
  }

  or(a: Bit, b: Bit): Bit {
    if (a === 1 || b === 1 || complementary(a, b)) return 1;
    if (a === 0 || sameBit(a, b)) return b;
    if (b === 0) return a;
    return this.gate('or', `${bitExpr(a)} | ${bitExpr(b)}`);
  }

  xor(a: Bit, b: Bit): Bit {
    if (a === 0) return b;
    if (b === 0) return a;
    if (a === 1) return this.not(b);
    if (b === 1) return this.not(a);
    if (sameBit(a, b)) return 0;
    if (complementary(a, b)) return 1;
    return this.gate('xor', `${bitExpr(a)} ^ ${bitExpr(b)}`);
  }

  /** Whether any bit is 1 (an OR reduction over the distinct nets). */
  anyOne(bits: readonly Bit[], name = 'any'): Bit {
    return this.reduce('|', bits, name);
  }

  /** Whether every bit is 1. */
  allOnes(bits: readonly Bit[], name = 'ones'): Bit {
    return this.reduce('&', bits, name);
  }

  allZero(bits: readonly Bit[], name = 'any'): Bit {
    return this.not(this.anyOne(bits, name));
  }

  private reduce(op: '|' | '&', bits: readonly Bit[], name: string): Bit {
    const absorbing: Bit = op === '|' ? 1 : 0;
    if (bits.includes(absorbing)) return absorbing;
    const nets = distinctNets(bits);
    if (nets.some((a, i) => nets.slice(i + 1).some((b) => complementary(a, b)))) return absorbing;
    if (nets.length === 0) return op === '|' ? 0 : 1;
    if (nets.length === 1) return nets[0] as NetBit;
    return this.gate(name, `${op}${vectorExpr(nets)}`);
  }

  /** a + up (a 0/1 bit) in `width` bits: exact when width exceeds a's bits, else modulo 2^width. */
  addBit(a: Bits, up: Bit, width: number): Bits {
    const operand = range(0, width - 1).map((i) => bitAt(a, i));
    if (operand.every((bit) => bit === 0)) return { bits: [up, ...operand.slice(1)], signed: a.signed };
    const one = [up, ...operand.slice(1).map((): Bit => 0)];
    const sum = this.m.wire(`${this.prefix}_q`, width, a.signed, `${vectorExpr(operand)} + ${vectorExpr(one)}`);
    return { bits: range(0, width - 1).map((i) => netBit(sum, i)), signed: a.signed };
  }

  /** Whether q lies in `to`'s range (AP_SAT_SYM: and is not its most negative value). */
  inRange(q: Bits, to: FixedType): Bit {
    const width = to.width;
    const top = q.bits.length - 1;
    const from = (low: number): Bit[] => q.bits.slice(low);
    let inRange: Bit;
    if (to.signed) {
      // Bits W-1 and above all equal the sign: all zeros or all ones (unsigned q: all zeros).
      if (top < width - 1) inRange = 1;
      else if (!q.signed) inRange = this.allZero(from(width - 1));
      else inRange = this.or(this.allZero(from(width - 1)), this.allOnes(from(width - 1)));
      if (to.overflow === 'AP_SAT_SYM' && q.signed && top >= width - 1) {
        const ones = this.allOnes(from(width - 1));
        const isMin = ones === 0 ? 0 : this.and(ones, this.allZero(q.bits.slice(0, width - 1), 'low_any'));
        inRange = this.and(inRange, this.not(isMin));
      }
    } else {
      // Bits W and above are zero, and so is the sign (q's top bit when it is signed).
      const low = q.signed ? Math.min(width, top) : width;
      inRange = low > top ? 1 : this.allZero(from(low));
    }
    return inRange;
  }

  /** cond ? a : b, bit by bit; one mux wire spans the bits where a and b differ. */
  mux(cond: Bit, a: readonly Bit[], b: readonly Bit[]): Bit[] {
    if (cond === 1) return [...a];
    if (cond === 0) return [...b];
    const differ = a.map((bit, i) => !sameBit(bit, b[i] ?? 0));
    const low = differ.indexOf(true);
    if (low < 0) return [...a];
    const high = differ.lastIndexOf(true);
    const span = high - low + 1;
    const muxed = this.m.wire(`${this.prefix}_sat`, span, false, `${bitExpr(cond)} ? ${vectorExpr(a.slice(low, high + 1))} : ${vectorExpr(b.slice(low, high + 1))}`);
    return a.map((bit, i) => (i >= low && i <= high ? netBit(muxed, i - low) : bit));
  }

  /** Every bit of `bits` xor `flip`. */
  xorAll(bits: readonly Bit[], flip: Bit): Bit[] {
    if (flip === 0 || bits.length === 0) return [...bits];
    if (flip === 1) return bits.map((bit) => this.not(bit));
    const flips = bits.length === 1 ? bitExpr(flip) : `{${bits.length}{${bitExpr(flip)}}}`;
    const flipped = this.m.wire(`${this.prefix}_flip`, bits.length, false, `${vectorExpr(bits)} ^ ${flips}`);
    return bits.map((_, i) => netBit(flipped, i));
  }
}

function netBit(signal: Signal, index: number): NetBit {
  return { signal, index, inverted: false };
}

function bitAt(value: Bits, index: number): Bit {
  const last = value.bits.length - 1;
  if (index <= last) return value.bits[index] ?? 0;
  return value.signed ? (value.bits[last] ?? 0) : 0;
}

function sameNet(a: Bit, b: Bit): a is NetBit {
  return a !== 0 && a !== 1 && b !== 0 && b !== 1 && a.signal.name === b.signal.name && a.index === b.index;
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
  for (const bit of bits) if (bit !== 0 && bit !== 1) nets.set(`${bit.signal.name}[${bit.index}]${bit.inverted ? '~' : ''}`, bit);
  return [...nets.values()].sort((a, b) => (a.signal.name === b.signal.name ? a.index - b.index : a.signal.name < b.signal.name ? -1 : 1));
}

function bitExpr(bit: Bit): string {
  if (bit === 0 || bit === 1) return `1'b${bit}`;
  const name = slice(bit.signal, bit.index, bit.index);
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
        const run = slice(bit.signal, bit.index, (bits[low] as NetBit).index);
        parts.push(bit.inverted ? `~${run}` : run);
      }
    }
    high = low - 1;
  }
  return parts.length === 1 ? (parts[0] as string) : `{${parts.join(', ')}}`;
}

/** Whether `below` is the bit just under `bit` in the same net, with the same inversion. */
function follows(below: Bit, bit: NetBit): boolean {
  return below !== 0 && below !== 1 && below.signal.name === bit.signal.name && below.index === bit.index - 1 && below.inverted === bit.inverted;
}

function range(low: number, high: number): number[] {
  return high < low ? [] : Array.from({ length: high - low + 1 }, (_, i) => low + i);
}
