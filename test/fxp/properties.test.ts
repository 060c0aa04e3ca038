// Property tests (fast-check) for wide types, W up to 128: arithmetic is exact in the documented result
// types, conversions match the independent big.js reference, decimal text round-trips.
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Fixed,
  add,
  castArray,
  compare,
  fixedType,
  formatFixedType,
  mul,
  neg,
  overflowModes,
  parseFixedType,
  quantizationModes,
  sub,
  type FixedType,
} from '@ngt/fxp';
import { asBigInts } from './raws.js';
import { referenceRaw, referenceValue } from './reference.js';

const arbitraryType: fc.Arbitrary<FixedType> = fc
  .record({
    width: fc.integer({ min: 1, max: 128 }),
    intOffset: fc.integer({ min: -20, max: 20 }),
    signed: fc.boolean(),
    quantization: fc.constantFrom(...quantizationModes),
    overflow: fc.constantFrom(...overflowModes),
    saturationBits: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ width, intOffset, signed, quantization, overflow, saturationBits }) =>
    fixedType(width, Math.round(width / 2) + intOffset, {
      signed: signed || overflow === 'AP_WRAP_SM',
      quantization,
      overflow,
      saturationBits: Math.min(saturationBits, width),
    }),
  );

function arbitraryValue(type: FixedType): fc.Arbitrary<Fixed> {
  const min = type.signed ? -(1n << BigInt(type.width - 1)) : 0n;
  const max = type.signed ? (1n << BigInt(type.width - 1)) - 1n : (1n << BigInt(type.width)) - 1n;
  return fc.bigInt({ min, max }).map((raw) => Fixed.fromRaw(raw, type));
}

const arbitraryFixed = arbitraryType.chain(arbitraryValue);
const runs = { numRuns: 400 };

describe('wide arithmetic is exact in ap_fixed result types', () => {
  it('add: value a + b; I = max(I1 + [S2 and not S1], I2 + [S1 and not S2]) + 1, F = max(F1, F2)', () => {
    fc.assert(
      fc.property(arbitraryFixed, arbitraryFixed, (a, b) => {
        const sum = add(a, b);
        expect(sum.toBig().eq(a.toBig().plus(b.toBig()))).toBe(true);
        const i = Math.max(a.type.intBits + (b.type.signed && !a.type.signed ? 1 : 0), b.type.intBits + (a.type.signed && !b.type.signed ? 1 : 0)) + 1;
        const f = Math.max(a.type.width - a.type.intBits, b.type.width - b.type.intBits);
        expect([sum.type.intBits, sum.type.width, sum.type.signed]).toEqual([i, i + f, a.type.signed || b.type.signed]);
      }),
      runs,
    );
  });

  it('sub: value a - b, always signed', () => {
    fc.assert(
      fc.property(arbitraryFixed, arbitraryFixed, (a, b) => {
        const difference = sub(a, b);
        expect(difference.toBig().eq(a.toBig().minus(b.toBig()))).toBe(true);
        expect(difference.type.signed).toBe(true);
        expect(difference.type.width).toBe(add(a, b).type.width);
      }),
      runs,
    );
  });

  it('mul: value a * b in <W1+W2, I1+I2>', () => {
    fc.assert(
      fc.property(arbitraryFixed, arbitraryFixed, (a, b) => {
        const product = mul(a, b);
        expect(product.toBig().eq(a.toBig().times(b.toBig()))).toBe(true);
        expect([product.type.width, product.type.intBits]).toEqual([a.type.width + b.type.width, a.type.intBits + b.type.intBits]);
      }),
      runs,
    );
  });

  it('neg and compare agree with big.js', () => {
    fc.assert(
      fc.property(arbitraryFixed, arbitraryFixed, (a, b) => {
        expect(neg(a).toBig().eq(a.toBig().times(-1))).toBe(true);
        expect(compare(a, b)).toBe(a.toBig().cmp(b.toBig()));
      }),
      runs,
    );
  });
});

describe('wide conversions match the big.js reference', () => {
  it('cast from any value into any type', () => {
    fc.assert(
      fc.property(arbitraryFixed, arbitraryType, (value, target) => {
        expect(value.cast(target).raw).toBe(referenceRaw(value.toBig(), target));
      }),
      runs,
    );
  });

  it('castArray on the exact path (bigint[]) equals the scalar cast', () => {
    fc.assert(
      fc.property(arbitraryType, arbitraryType, fc.array(fc.bigInt({ min: -(1n << 40n), max: 1n << 40n }), { minLength: 1, maxLength: 8 }), (from, to, raws) => {
        const source = raws.map((raw) => Fixed.fromBits(BigInt.asUintN(from.width, raw), from));
        const out = castArray(source.map((v) => v.raw), from, to);
        expect(asBigInts(out)).toEqual(source.map((v) => v.cast(to).raw));
      }),
      { numRuns: 200 },
    );
  });

  it('fromNumber: the exact binary value of the double, then quantized', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), arbitraryType, (x, type) => {
        expect(Fixed.fromNumber(x, type).raw).toBe(referenceRaw(new Big(x === 0 ? 0 : exactDecimal(x)), type));
      }),
      runs,
    );
  });

  it('fromString: decimals quantized from their exact value, not the nearest double', () => {
    const decimal = fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 40 })).map(([digits, places]) => {
      const text = new Big(digits.toString()).div(new Big(10).pow(places)).toFixed();
      return text;
    });
    fc.assert(
      fc.property(decimal, arbitraryType, (text, type) => {
        expect(Fixed.fromString(text, type).raw).toBe(referenceRaw(new Big(text), type));
      }),
      runs,
    );
  });
});

describe('round trips', () => {
  it('toString is exact and parses back to the same raw', () => {
    fc.assert(
      fc.property(arbitraryFixed, (value) => {
        const text = value.toString();
        expect(new Big(text).eq(referenceValue(value.raw, value.type))).toBe(true);
        // Parsed back with AP_WRAP: AP_SAT_SYM would (rightly) move the minimum up by one LSB.
        expect(Fixed.fromString(text, { ...value.type, overflow: 'AP_WRAP', saturationBits: 0 }).raw).toBe(value.raw);
      }),
      runs,
    );
  });

  it('toNumber is the nearest double (ties to even): within half an ulp, and exact when it fits', () => {
    fc.assert(
      fc.property(arbitraryFixed, (value) => {
        const x = value.toNumber();
        const exact = value.toBig();
        const error = new Big(exactDecimal(x)).minus(exact).abs();
        const ulp = Math.abs(x) === 0 ? 0 : 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
        expect(error.lte(new Big(ulp === 0 ? 0 : exactDecimal(ulp)).div(2).times(1.0000001))).toBe(true);
        if (value.type.width <= 53) expect(Fixed.fromNumber(x, { ...value.type, overflow: 'AP_WRAP', saturationBits: 0 }).raw).toBe(value.raw);
      }),
      runs,
    );
  });

  it('formatFixedType(parseFixedType(text)) is the canonical text and parses to the same type', () => {
    fc.assert(
      fc.property(arbitraryType, fc.boolean(), (type, hls4ml) => {
        const spelled = { ...type, spelling: hls4ml ? ('hls4ml' as const) : ('ap' as const) };
        const text = formatFixedType(spelled);
        expect(parseFixedType(text)).toEqual(spelled);
        expect(formatFixedType(parseFixedType(text))).toBe(text);
      }),
      runs,
    );
  });
});

/** The exact decimal expansion of a double (every double is a finite binary fraction). */
function exactDecimal(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & ((1n << 52n) - 1n)) | (exponent === 0 ? 0n : 1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075;
  const magnitude = power >= 0 ? new Big((mantissa << BigInt(power)).toString()) : new Big(mantissa.toString()).div(new Big(2).pow(-power));
  return (bits >> 63n === 1n ? magnitude.times(-1) : magnitude).toFixed();
}
