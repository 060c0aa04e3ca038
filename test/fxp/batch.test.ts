// The generated number kernels against the exact scalar path, on the configurations hls4ml uses.
import { describe, expect, it } from 'vitest';
import {
  Fixed,
  FixedValueError,
  castArray,
  parseFixedType,
  quantizeArray,
  rawToNumbers,
} from '@ngt/fxp';
import { asBigInts } from './raws.js';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('quantizeArray', () => {
  it('equals Fixed.fromNumber for wide ranges, tiny and huge values, Float32 input', () => {
    const random = seeded(1);
    const values = Float64Array.from({ length: 4000 }, (_, i) => (random() - 0.5) * 2 ** ((i % 80) - 30));
    values[0] = 1e300;
    values[1] = -1e300;
    values[2] = 5e-324;
    values[3] = -0;
    for (const text of ['ap_fixed<16,6>', 'ap_fixed<16,6,AP_RND,AP_SAT>', 'ap_ufixed<8,0,AP_RND_CONV,AP_SAT_SYM>', 'ap_fixed<40,20,AP_RND_ZERO,AP_WRAP>', 'ap_fixed<53,-10,AP_RND_INF,AP_SAT_ZERO>', 'ap_fixed<12,4,AP_RND,AP_WRAP_SM,2>', 'ap_ufixed<32,16,AP_TRN_ZERO,AP_WRAP,3>', 'ap_fixed<32,32>']) {
      const type = parseFixedType(text);
      const raws = quantizeArray(values, type);
      const expected = Array.from(values, (x) => Fixed.fromNumber(x, type).raw);
      expect(asBigInts(raws)).toEqual(expected);
      const singles = Float32Array.from(values.subarray(4, 200));
      expect(asBigInts(quantizeArray(singles, type))).toEqual(Array.from(singles, (x) => Fixed.fromNumber(x, type).raw));
    }
  });
  it('stores raws in Int32Array up to 32 bits, Float64Array to 53, bigint[] beyond', () => {
    expect(quantizeArray([1.5], 'ap_fixed<32,16>')).toBeInstanceOf(Int32Array);
    expect(quantizeArray([1.5], 'ap_fixed<40,16>')).toBeInstanceOf(Float64Array);
    expect(quantizeArray([1.5], 'ap_fixed<80,16>')).toEqual([1n << 64n | 1n << 63n]);
    expect(rawToNumbers(quantizeArray([1.5, -2.25], 'ap_fixed<16,6>'), 'ap_fixed<16,6>')).toEqual(Float64Array.from([1.5, -2.25]));
  });
  it('NaN in a batch is a typed error', () => {
    expect(() => quantizeArray([0, NaN], 'ap_fixed<16,6>')).toThrow(FixedValueError);
  });
});

describe('castArray', () => {
  it('equals Fixed.cast between hls4ml-like types, including wraps and saturation', () => {
    const random = seeded(2);
    const pairs: Array<[string, string]> = [
      ['ap_fixed<32,12>', 'ap_fixed<16,6>'],
      ['ap_fixed<32,12>', 'ap_fixed<16,6,AP_RND,AP_SAT>'],
      ['ap_fixed<33,13>', 'ap_fixed<10,2,AP_RND_CONV,AP_SAT_SYM>'],
      ['ap_fixed<16,6>', 'ap_fixed<40,20>'],
      ['ap_ufixed<32,4>', 'ap_fixed<8,1,AP_RND_ZERO,AP_WRAP_SM>'],
      ['ap_fixed<48,20>', 'ap_ufixed<18,8,AP_RND_INF,AP_WRAP,2>'],
      ['ap_fixed<20,4>', 'ap_int<6>'],
    ];
    for (const [fromText, toText] of pairs) {
      const from = parseFixedType(fromText);
      const raws = Float64Array.from({ length: 3000 }, () => Math.floor((random() - (from.signed ? 0.5 : 0)) * 2 ** from.width));
      const out = castArray(raws, from, toText);
      expect(asBigInts(out)).toEqual(Array.from(raws, (raw) => Fixed.fromRaw(BigInt(raw), from).cast(toText).raw));
    }
  });
});
