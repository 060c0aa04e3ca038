// Golden vectors derived by hand from the ap_fixed documentation (Xilinx UG1399 "Arbitrary Precision
// Fixed-Point Data Types": quantization and overflow modes) and ap_fixed_base.h. Each comment shows the
// working: F fraction bits, x * 2^F, the rounding, then the overflow handling on the bits.
import { describe, expect, it } from 'vitest';
import { Fixed, add, mul, parseFixedType, shiftLeft, shiftRight, sub } from '@ngt/fxp';

const value = (x: number | string, type: string): string =>
  (typeof x === 'number' ? Fixed.fromNumber(x, type) : Fixed.fromString(x, type)).toString();

describe('quantization modes on ap_fixed<3,2,Q,AP_SAT> (F = 1, LSB 0.5)', () => {
  // 1.25 * 2 = 2.5 and -1.25 * 2 = -2.5 are exact ties between two codes.
  const cases: Array<[string, number, string]> = [
    ['AP_TRN', 1.25, '1'], // floor(2.5) = 2 -> 1.0
    ['AP_TRN', -1.25, '-1.5'], // floor(-2.5) = -3 -> -1.5
    ['AP_TRN_ZERO', 1.25, '1'], // toward zero: 2 -> 1.0
    ['AP_TRN_ZERO', -1.25, '-1'], // toward zero: -2 -> -1.0
    ['AP_RND', 1.25, '1.5'], // tie toward +inf: 3 -> 1.5
    ['AP_RND', -1.25, '-1'], // tie toward +inf: -2 -> -1.0
    ['AP_RND_ZERO', 1.25, '1'], // tie toward zero: 2
    ['AP_RND_ZERO', -1.25, '-1'], // tie toward zero: -2
    ['AP_RND_MIN_INF', 1.25, '1'], // tie toward -inf: 2
    ['AP_RND_MIN_INF', -1.25, '-1.5'], // tie toward -inf: -3
    ['AP_RND_INF', 1.25, '1.5'], // tie away from zero: 3
    ['AP_RND_INF', -1.25, '-1.5'], // tie away from zero: -3
    ['AP_RND_CONV', 1.25, '1'], // tie to even: 2.5 -> 2
    ['AP_RND_CONV', 0.75, '1'], // 1.5 -> 2 (even)
    ['AP_RND_CONV', -1.25, '-1'], // -2.5 -> -2 (even)
    ['AP_RND_CONV', 1.3, '1.5'], // 2.6 is no tie: nearest is 3
    ['AP_RND_MIN_INF', -1.3, '-1.5'], // -2.6 is no tie: nearest is -3
    ['AP_RND_ZERO', 1.2, '1'], // 2.4 -> 2
  ];
  for (const [mode, x, expected] of cases) {
    it(`${mode}: ${x} -> ${expected}`, () => {
      expect(value(x, `ap_fixed<3,2,${mode},AP_SAT>`)).toBe(expected);
    });
  }
});

describe('overflow modes on ap_fixed<4,4,AP_RND,O,N> (range -8..7)', () => {
  const cases: Array<[string, number, string]> = [
    ['AP_SAT', 19, '7'], // above the range: the maximum
    ['AP_SAT', -19, '-8'], // below: the minimum
    ['AP_SAT_ZERO', 19, '0'],
    ['AP_SAT_ZERO', -19, '0'],
    ['AP_SAT_SYM', -19, '-7'], // symmetric: -max
    ['AP_SAT_SYM', -8, '-7'], // even the minimum itself becomes -max
    ['AP_SAT_SYM', 19, '7'],
    ['AP_WRAP', 19, '3'], // 19 = 1_0011: keep 0011
    ['AP_WRAP', -19, '-3'], // -19 = ..10_1101: keep 1101 = -3
    ['AP_WRAP', 31.5, '0'], // RND: 32 = 10_0000: keep 0000
    // AP_WRAP_SM, N = 0: 19 -> pattern 0011, deleted bit lD = 1 differs from the MSB 0, so invert to
    // 1100 and set the MSB to lD: 1100 = -4. For -19: pattern 1101, lD = bit 4 of ..101101 = 0, MSB 1:
    // invert to 0010, MSB 0: 2.
    ['AP_WRAP_SM', 19, '-4'],
    ['AP_WRAP_SM', -19, '2'],
  ];
  for (const [mode, x, expected] of cases) {
    it(`${mode}: ${x} -> ${expected}`, () => {
      expect(value(x, `ap_fixed<4,4,AP_RND,${mode}>`)).toBe(expected);
    });
  }
  it('AP_WRAP with N saturation bits: the N MSBs saturate, the rest wrap', () => {
    // N = 1: 19 -> 0011 with MSB := sign 0 -> 3; -19 -> 1101 with MSB := 1 -> -3.
    expect(value(19, 'ap_fixed<4,4,AP_RND,AP_WRAP,1>')).toBe('3');
    expect(value(-19, 'ap_fixed<4,4,AP_RND,AP_WRAP,1>')).toBe('-3');
    // N = 2: 19 -> 0011; MSB := 0, next := 1 -> 0111 = 7. -19 -> 1101; MSB := 1, next := 0 -> 1001 = -7.
    expect(value(19, 'ap_fixed<4,4,AP_RND,AP_WRAP,2>')).toBe('7');
    expect(value(-19, 'ap_fixed<4,4,AP_RND,AP_WRAP,2>')).toBe('-7');
    // Unsigned, N = 2: 19 -> 0011 with the two MSBs := 11 -> 1111 = 15.
    expect(value(19, 'ap_ufixed<4,4,AP_RND,AP_WRAP,2>')).toBe('15');
  });
  it('AP_WRAP_SM with N = 1: inverts when the sign differs from the MSB, then MSB := sign', () => {
    // 19 -> 0011, sign 0 = MSB 0: no inversion -> 3. -19 -> 1101, sign 1 = MSB 1 -> -3.
    expect(value(19, 'ap_fixed<4,4,AP_RND,AP_WRAP_SM,1>')).toBe('3');
    expect(value(-19, 'ap_fixed<4,4,AP_RND,AP_WRAP_SM,1>')).toBe('-3');
    // 12 -> 1100, sign 0 != MSB 1: invert to 0011, MSB := 0 -> 3.
    expect(value(12, 'ap_fixed<4,4,AP_RND,AP_WRAP_SM,1>')).toBe('3');
  });
  it('rounding can carry into an overflow', () => {
    // 7.75 with F = 0: RND gives 8, one above the maximum of ap_fixed<4,4>.
    expect(value(7.75, 'ap_fixed<4,4,AP_RND,AP_SAT>')).toBe('7');
    expect(value(7.75, 'ap_fixed<4,4,AP_RND,AP_WRAP>')).toBe('-8');
    expect(value(7.75, 'ap_fixed<4,4,AP_TRN,AP_WRAP>')).toBe('7');
    // -0.25 rounds to 0 (not negative any more): no underflow for an unsigned type.
    expect(value(-0.25, 'ap_ufixed<4,4,AP_RND,AP_SAT>')).toBe('0');
    expect(value(-0.75, 'ap_ufixed<4,4,AP_RND,AP_SAT>')).toBe('0'); // rounds to -1: underflow -> 0
    expect(value(-0.75, 'ap_ufixed<4,4,AP_RND,AP_WRAP>')).toBe('15'); // -1 wraps to 1111
  });
});

describe('values and types', () => {
  it('decimal strings are exact: 0.1 is not the double 0.1', () => {
    // 0.1 * 2^3 = 0.8 exactly; as a double 0.1 is slightly above, but both round to 1 here. With F = 54,
    // 0.1 * 2^54 = 1801439850948198.4 (exact decimal) -> TRN 1801439850948198; the double 0.1 is
    // 0x3FB999999999999A = 3602879701896397 * 2^-55 -> * 2^54 = 1801439850948198.5 -> TRN ...198 too,
    // but AP_RND tells them apart: 0.4 rounds down, 0.5 rounds up.
    expect(Fixed.fromString('0.1', 'ap_fixed<64,10,AP_RND>').raw).toBe(1801439850948198n);
    expect(Fixed.fromNumber(0.1, 'ap_fixed<64,10,AP_RND>').raw).toBe(1801439850948199n);
  });
  it('I larger than W and negative I', () => {
    // ap_fixed<4,8>: LSB 2^4 = 16, range -128..112. 100 / 16 = 6.25 -> TRN 6 -> 96.
    expect(value(100, 'ap_fixed<4,8>')).toBe('96');
    expect(value(-200, 'ap_fixed<4,8,AP_TRN,AP_SAT>')).toBe('-128');
    // ap_ufixed<4,-2>: LSB 2^-6, range 0..15/64. 0.1 * 64 = 6.4 -> 6 -> 0.09375.
    expect(value('0.1', 'ap_ufixed<4,-2>')).toBe('0.09375');
  });
  it('ap_int truncates toward zero as C++ conversion to ap_int does', () => {
    // ap_fixed_base.h to_ap_int_base: -7.5 -> -7, not floor -8.
    expect(Fixed.fromString('-7.5', 'ap_fixed<8,4>').cast(parseFixedType('ap_int<8>')).toString()).toBe('-7');
    expect(value(300.9, 'ap_int<8>')).toBe('44'); // 300 mod 256
    expect(value(300.9, 'ap_uint<8>')).toBe('44');
    expect(value(-1.5, 'ap_uint<8>')).toBe('255'); // -1 wraps to 255
  });
  it('arithmetic result types and values', () => {
    const a = Fixed.fromString('3.75', 'ap_fixed<8,4>'); // raw 60
    const b = Fixed.fromString('-1.5', 'ap_fixed<6,3>'); // ap_fixed<6,3>, raw -12
    expect([add(a, b).toString(), add(a, b).type.width, add(a, b).type.intBits]).toEqual(['2.25', 9, 5]);
    expect([mul(a, b).toString(), mul(a, b).type.width, mul(a, b).type.intBits]).toEqual(['-5.625', 14, 7]);
    const u = Fixed.fromString('1', 'ap_ufixed<4,4>');
    const v = Fixed.fromString('15', 'ap_ufixed<4,4>');
    // u - v of two unsigned values is signed with I = 5: -14 fits.
    expect([sub(u, v).toString(), sub(u, v).type.signed, sub(u, v).type.width]).toEqual(['-14', true, 5]);
    // Unsigned + signed: the unsigned side counts one more integer bit: I = max(4+1, 4) + 1 = 6.
    expect(add(v, Fixed.fromString('-8', 'ap_fixed<4,4>')).type.intBits).toBe(6);
  });
  it('shifts keep the type: bits fall off the top, floor at the bottom', () => {
    const x = Fixed.fromString('1.25', 'ap_fixed<6,3>'); // 001.010
    expect(shiftLeft(x, 2).toString()).toBe('-3'); // 101.000 = -3
    expect(shiftRight(x, 2).toString()).toBe('0.25'); // 000.010
    expect(shiftRight(Fixed.fromString('-1.25', 'ap_fixed<6,3>'), 3).toString()).toBe('-0.25'); // floor(-10/8) = -2 LSB
  });
  it('toNumber rounds wide values to the nearest double, ties to even', () => {
    // 2^60 + 2^7 lies exactly between two doubles (spacing 2^8): ties to even picks 2^60.
    expect(Fixed.fromRaw((1n << 60n) + (1n << 7n), 'ap_int<64>').toNumber()).toBe(2 ** 60);
    // 2^60 + 3 * 2^7 is a tie between 2^60 + 2^8 and 2^60 + 2^9: the even mantissa is 2^60 + 2^9.
    expect(Fixed.fromRaw((1n << 60n) + 3n * (1n << 7n), 'ap_int<64>').toNumber()).toBe(2 ** 60 + 2 ** 9);
    // Wider than 1024 bits with a fraction: raw 2^2000 at F = 1990 is 1024.
    expect(Fixed.fromRaw(1n << 2000n, 'ap_fixed<2048,58>').toNumber()).toBe(1024);
  });
});
