// Exhaustive check (registered by exhaustive-*.test.ts) of every conversion into every small type against the independent reference
// (reference.ts): all W <= 8, signed and unsigned, I from -2 to W+2, every quantization mode, every
// overflow mode with N in {0, 1, 2, W}, and every input on a grid four times finer than the type,
// reaching 2^(W+1) LSBs beyond both ends of its range.
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  Fixed,
  castArray,
  fixedType,
  overflowModes,
  quantizationModes,
  quantizeArray,
  type FixedType,
  type OverflowMode,
} from '@ngt/fxp';
import { referenceOverflow, roundScaled } from './reference.js';

function overflowConfigs(width: number, signed: boolean): Array<{ overflow: OverflowMode; saturationBits: number }> {
  const configs: Array<{ overflow: OverflowMode; saturationBits: number }> = [];
  for (const overflow of overflowModes) {
    if (overflow === 'AP_WRAP_SM' && !signed) continue;
    const wraps = overflow === 'AP_WRAP' || overflow === 'AP_WRAP_SM';
    const ns = wraps ? [...new Set([0, 1, 2, width])].filter((n) => n <= width) : [0];
    for (const saturationBits of ns) configs.push({ overflow, saturationBits });
  }
  return configs;
}

function typesOfWidth(width: number, signs: readonly boolean[]): FixedType[] {
  const types: FixedType[] = [];
  for (const signed of signs) {
    for (let intBits = -2; intBits <= width + 2; intBits++) {
      for (const quantization of quantizationModes) {
        for (const { overflow, saturationBits } of overflowConfigs(width, signed)) {
          types.push(fixedType(width, intBits, { signed, quantization, overflow, saturationBits }));
        }
      }
    }
  }
  return types;
}

/** Grid points k * 2^-(F+2): k/4 LSBs, from 2^(W+1) LSBs below the range to as far above it. */
function gridFor(type: FixedType): number[] {
  const min = type.signed ? -(2 ** (type.width - 1)) : 0;
  const max = type.signed ? 2 ** (type.width - 1) - 1 : 2 ** type.width - 1;
  const reach = 2 ** (type.width + 1);
  const ks: number[] = [];
  for (let k = 4 * (min - reach) - 3; k <= 4 * (max + reach) + 3; k++) ks.push(k);
  return ks;
}

/**
 * Registers the exhaustive tests for widths from..to, signed and unsigned types or only one kind (split
 * over files so vitest runs them in parallel and each file stays short).
 */
export function exhaustiveTests(from: number, to: number, signs: readonly boolean[] = [true, false]): void {
  const kinds = signs.length === 2 ? '' : signs[0] ? ' (signed)' : ' (unsigned)';
  describe(`exhaustive conversions for W = ${from}..${to}${kinds} against the big.js reference`, () => {
  for (let width = from; width <= to; width++) {
    it(`W=${width}${kinds}: Fixed.fromNumber, quantizeArray, castArray${width <= 5 ? ', Fixed.fromString, Fixed.cast' : ''}`, () => {
      let checked = 0;
      const mismatches: string[] = [];
      for (const type of typesOfWidth(width, signs)) {
        const f = type.width - type.intBits;
        const ks = gridFor(type);
        const expected = ks.map((k) => {
          const { q, t } = roundedQuarter(k, type.quantization);
          return referenceOverflow(q, t, type);
        });
        const values = Float64Array.from(ks, (k) => k * 2 ** -(f + 2));
        // Source type for casts: the grid points are exact raws of <W+6, I+4> with F+2 fraction bits.
        const source = fixedType(width + 6, type.intBits + 4, { signed: true });
        const kernelRaws = quantizeArray(values, type);
        const castRaws = castArray(Int32Array.from(ks), source, type);
        for (let index = 0; index < ks.length; index++) {
          const want = expected[index] as bigint;
          const x = values[index] as number;
          const got = [Fixed.fromNumber(x, type).raw, BigInt(kernelRaws[index] as number), BigInt(castRaws[index] as number)];
          if (width <= 5) {
            got.push(Fixed.fromString(String(x), type).raw);
            got.push(Fixed.fromRaw(BigInt(ks[index] as number), source).cast(type).raw);
          }
          checked += got.length;
          if (got.some((raw) => raw !== want) && mismatches.length < 5) {
            mismatches.push(`${JSON.stringify(type)} x=${x}: want ${want}, got ${got.join(' ')}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBeGreaterThan(1000);
    });
  }
  });
}

// x * 2^F = k/4 for every grid point, so rounding depends on k and the mode only: computed once.
const rounded = new Map<string, { q: bigint; t: bigint }>();
function roundedQuarter(k: number, mode: string): { q: bigint; t: bigint } {
  const key = `${mode}:${k}`;
  let entry = rounded.get(key);
  if (entry === undefined) {
    const scaled = new Big(k).div(4);
    entry = { q: BigInt(roundScaled(scaled, mode).toFixed(0)), t: BigInt(roundScaled(scaled, 'AP_TRN').toFixed(0)) };
    rounded.set(key, entry);
  }
  return entry;
}
