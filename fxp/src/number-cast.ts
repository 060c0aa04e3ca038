import type { CodeWriter } from './code-writer.js';
import { fractionBits, maxRaw, minRaw, type FixedType } from './fixed-type.js';

/**
 * Fast conversions on plain JavaScript numbers, emitted as source for generated kernels (STYLE.md hot
 * path). Same semantics as quantize-core.ts (the reference these are tested against); the rare
 * overflow modes whose adjustment is bitwise (AP_WRAP with N > 0, AP_WRAP_SM) call back into it.
 */

/** A raw source in a generated kernel: an integer-valued number of this many bits. */
export interface RawFormat {
  readonly width: number;
  readonly fractionBits: number;
  readonly signed: boolean;
}

export function rawFormat(type: FixedType): RawFormat {
  return { width: type.width, fractionBits: fractionBits(type), signed: type.signed };
}

/** Whether every intermediate of the cast stays an exact integer below 2^53. */
export function castFitsNumbers(from: RawFormat, to: FixedType): boolean {
  const shift = from.fractionBits - fractionBits(to);
  return from.width <= 53 && to.width <= 53 && shift <= 52 && from.width - Math.min(shift, 0) <= 53;
}

/**
 * Names in the generated code: `prefix` for its locals; `exactTruncated(t, roundBit, sticky, negative)`
 * and `exactDouble(x)` give the exact result (quantize-core.ts) where the number path stops.
 */
export interface CastNames {
  readonly prefix: string;
  readonly exactTruncated: string;
  readonly exactDouble: string;
}

/**
 * Emits statements that assign to `output` (declared by the caller) the raw value of `to` for the raw
 * number `input` of format `from`. Requires castFitsNumbers(from, to).
 */
export function emitRawCast(w: CodeWriter, from: RawFormat, to: FixedType, input: string, output: string, names: CastNames): void {
  const p = names.prefix;
  const shift = from.fractionBits - fractionBits(to);
  const srcMax = from.signed ? 2 ** (from.width - 1) - 1 : 2 ** from.width - 1;
  const srcMin = from.signed ? -(2 ** (from.width - 1)) : 0;
  // Bounds of q, to leave out overflow code that can never run.
  const rounding = to.quantization === 'AP_TRN' ? 0 : 1;
  const qHigh = Math.floor(srcMax / 2 ** shift) + (shift > 0 ? rounding : 0);
  const qLow = Math.floor(srcMin / 2 ** shift);
  if (shift > 0) {
    const full = 2 ** shift;
    const int32 = (from.signed ? from.width <= 30 : from.width <= 29) && shift <= 29;
    const floorDiv = (numerator: string): string => (int32 ? `((${numerator}) >> ${shift})` : `Math.floor((${numerator}) / ${full})`);
    // Round-half-up and round-half-down need no tie test: floor((r + half) / 2^d), floor((r + half - 1) / 2^d).
    if (to.quantization === 'AP_RND' || to.quantization === 'AP_RND_MIN_INF') {
      const offset = to.quantization === 'AP_RND' ? full / 2 : full / 2 - 1;
      w.line(`const ${p}t = ${floorDiv(`${input} + ${offset}`)};`);
      w.line(`${output} = ${p}t;`);
      emitOverflow(w, to, output, qLow, qHigh, `${floorDiv(input)}`, `(${input} - ${floorDiv(input)} * ${full})`, full / 2, `${input} < 0`, names);
      return;
    }
    if (int32) {
      w.line(`const ${p}t = ${input} >> ${shift};`);
      w.line(`const ${p}rem = ${input} & ${full - 1};`);
    } else {
      w.line(`const ${p}t = Math.floor(${input} / ${full});`);
      w.line(`const ${p}rem = ${input} - ${p}t * ${full};`);
    }
    emitRounding(w, to, `${p}t`, `${p}rem`, full / 2, `${input} < 0`, output);
  } else {
    w.line(`const ${p}t = ${shift === 0 ? input : `${input} * ${2 ** -shift}`};`);
    w.line(`${output} = ${p}t;`);
  }
  emitOverflow(w, to, output, qLow, qHigh, `${p}t`, shift > 0 ? `${p}rem` : '0', shift > 0 ? 2 ** (shift - 1) : 0.5, `${input} < 0`, names);
}

/**
 * Emits statements that assign to `output` the raw value of `to` for the double `input` (ap_fixed's
 * constructor from double). `names.exactDouble(x)` takes the values the number path cannot take exactly
 * (NaN and infinities included, where it throws).
 */
export function emitDoubleCast(w: CodeWriter, to: FixedType, input: string, output: string, names: CastNames): void {
  const p = names.prefix;
  const f = fractionBits(to);
  w.line(`const ${p}s = ${input} * ${2 ** f};`);
  const tooSmall = f < 0 ? ` || (${p}s !== 0 && Math.abs(${p}s) < ${2 ** -1000})` : '';
  w.block(`if (!(Math.abs(${p}s) < ${2 ** 1000})${tooSmall})`, () => {
    w.line(`${output} = ${names.exactDouble}(${input});`);
  });
  w.block('else', () => {
    w.line(`const ${p}t = Math.floor(${p}s);`);
    w.line(`const ${p}rem = ${p}s - ${p}t;`);
    if (to.quantization === 'AP_RND') {
      // floor(s + 1/2) without a data-dependent branch: floor(2s) = 2t + roundBit, and 2s is exact.
      w.line(`${output} = Math.floor(${p}s * 2) - ${p}t;`);
    } else {
      emitRounding(w, to, `${p}t`, `${p}rem`, 0.5, `${input} < 0`, output);
    }
    emitOverflow(w, to, output, -Infinity, Infinity, `${p}t`, `${p}rem`, 0.5, `${input} < 0`, names);
  });
}

/** output = t + (rounds up ? 1 : 0): ap_fixed_base.h quantization_adjust, one expression per mode. */
function emitRounding(w: CodeWriter, to: FixedType, t: string, rem: string, half: number, negative: string, output: string): void {
  const up = (condition: string): void => {
    w.line(`${output} = ${t} + (${condition} ? 1 : 0);`);
  };
  switch (to.quantization) {
    case 'AP_TRN':
      w.line(`${output} = ${t};`);
      return;
    case 'AP_TRN_ZERO':
      return up(`(${negative}) && ${rem} !== 0`);
    case 'AP_RND':
      return up(`${rem} >= ${half}`);
    case 'AP_RND_ZERO':
      return up(`${rem} > ${half} || (${rem} === ${half} && (${negative}))`);
    case 'AP_RND_MIN_INF':
      return up(`${rem} > ${half}`);
    case 'AP_RND_INF':
      return up(`${rem} > ${half} || (${rem} === ${half} && !(${negative}))`);
    case 'AP_RND_CONV':
      return up(`${rem} > ${half} || (${rem} === ${half} && ${t} % 2 !== 0)`);
  }
}

/** Brings `output` into range as the overflow mode says; nothing when q cannot leave the range. */
function emitOverflow(
  w: CodeWriter,
  to: FixedType,
  output: string,
  qLow: number,
  qHigh: number,
  t: string,
  rem: string,
  half: number,
  negative: string,
  names: CastNames,
): void {
  const min = Number(minRaw(to));
  const max = Number(maxRaw(to));
  const width = to.width;
  const symmetric = to.overflow === 'AP_SAT_SYM' && to.signed;
  const floor = symmetric && width >= 2 ? min + 1 : min;
  if (qLow >= floor && qHigh <= max) return;
  const outside = `${output} > ${max} || ${output} < ${floor}`;
  if (to.overflow === 'AP_WRAP' && to.saturationBits === 0) {
    if (width <= 32) {
      if (to.signed) w.line(width === 32 ? `${output} = ${output} | 0;` : `${output} = (${output} << ${32 - width}) >> ${32 - width};`);
      else w.line(width === 32 ? `${output} = ${output} >>> 0;` : `${output} = ${output} & ${2 ** width - 1};`);
      return;
    }
    w.block(`if (${outside})`, () => {
      // + 0: a negative multiple of 2^W leaves -0, which is the raw 0 but not its float64 bits.
      w.line(`${output} = (${output} % ${2 ** width}) + 0;`);
      w.line(`if (${output} < 0) ${output} += ${2 ** width};`);
      if (to.signed) w.line(`if (${output} > ${max}) ${output} -= ${2 ** width};`);
    });
    return;
  }
  switch (to.overflow) {
    case 'AP_SAT':
    case 'AP_SAT_SYM':
      w.line(`${output} = Math.min(${max}, Math.max(${floor}, ${output}));`);
      return;
    case 'AP_SAT_ZERO':
      w.line(`if (${outside}) ${output} = 0;`);
      return;
    default:
      // AP_WRAP with saturation bits, AP_WRAP_SM: bitwise adjustments, rare; the exact path does them.
      w.block(`if (${outside})`, () => {
        w.line(`${output} = ${names.exactTruncated}(${t}, ${rem} >= ${half}, ${rem} !== 0 && ${rem} !== ${half}, ${negative});`);
      });
  }
}
