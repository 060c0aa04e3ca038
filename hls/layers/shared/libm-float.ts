// The single-precision math that hls4ml's C++ calls when it fills its activation tables
// (nnet_activation.h: std::exp(float) is expf, tanh(float) is tanhf), computed bit for bit as
// glibc 2.36 computes them on x86-64 (Debian 12's libm), so that the tables equal the ones hls4ml's
// compiled project holds. Math.fround(Math.exp(x)) is not the same: glibc's expf errs by up to
// 0.502 ulp and its tanhf by more (on 20M random floats here, 0.06% of expf and 2.2% of tanhf
// results differ from the correctly rounded Math.fround of V8's double result).
//
// expf mirrors glibc's sysdeps/ieee754/flt-32/e_expf.c as the x86-64 multiarch build runs it on a
// CPU with FMA and AVX2 (e_expf-fma.c, built with -mfma -mavx2, so its three multiply-adds are
// fused): x*N/ln2 = k + r, 2^(k/N) from a 32-entry table, a cubic in r, everything in double.
// tanhf mirrors sysdeps/ieee754/flt-32/s_tanhf.c and s_expm1f.c (fdlibm's float code, SSE float
// arithmetic: each operation rounded to float).
import { invariant } from '@ngt/fxp';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

function bitsOfDouble(x: number): bigint {
  f64[0] = x;
  return u64[0] as bigint;
}

function doubleOfBits(bits: bigint): number {
  u64[0] = BigInt.asUintN(64, bits);
  return f64[0] as number;
}

function bitsOfFloat(x: number): number {
  f32[0] = x;
  return i32[0] as number;
}

function floatOfBits(bits: number): number {
  i32[0] = bits;
  return f32[0] as number;
}

/** C99 hexadecimal floating constants as glibc writes them ('0x1.62e42ff0c52d6p-1'); exact. */
export function hexDouble(text: string): number {
  const match = /^(-?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([+-]?\d+)$/i.exec(text);
  invariant(match !== null, `not a hexadecimal float: ${text}`);
  const [, sign, whole, fraction = '', exponent] = match;
  const mantissa = BigInt(`0x${whole}${fraction || '0'}`);
  const scale = Number(exponent) - 4 * (fraction || '0').length;
  const value = Number(mantissa) * 2 ** scale;
  return sign === '-' ? -value : value;
}

/** A finite double as an exact integer times a power of two. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const bits = bitsOfDouble(x);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return { mantissa: bits >> 63n ? -mantissa : mantissa, exponent };
}

/** fma(a, b, c): a * b + c rounded once, to nearest even (normal results; what vfmadd computes). */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const p = decompose(a);
  const q = decompose(b);
  const s = decompose(c);
  let sum = p.mantissa * q.mantissa;
  let exponent = p.exponent + q.exponent;
  if (s.exponent < exponent) {
    sum <<= BigInt(exponent - s.exponent);
    exponent = s.exponent;
    sum += s.mantissa;
  } else {
    sum += s.mantissa << BigInt(s.exponent - exponent);
  }
  if (sum === 0n) return a * b + c;
  const negative = sum < 0n;
  let magnitude = negative ? -sum : sum;
  const excess = magnitude.toString(2).length - 53;
  if (excess > 0) {
    const dropped = magnitude & ((1n << BigInt(excess)) - 1n);
    const half = 1n << BigInt(excess - 1);
    magnitude >>= BigInt(excess);
    if (dropped > half || (dropped === half && (magnitude & 1n) === 1n)) magnitude += 1n;
    exponent += excess;
  }
  const value = Number(magnitude) * 2 ** exponent;
  return negative ? -value : value;
}

// e_exp2f_data.c: the polynomial (scaled by N = 2^EXP2F_TABLE_BITS), 1/ln2 * N and the rounding shift.
const TABLE_BITS = 5;
const N = 1 << TABLE_BITS;
const INV_LN2_N = hexDouble('0x1.71547652b82fep+0') * N;
const SHIFT = hexDouble('0x1.8p+52');
const POLY = [hexDouble('0x1.c6af84b912394p-5') / N / N / N, hexDouble('0x1.ebfce50fac4f3p-3') / N / N, hexDouble('0x1.62e42ff0c52d6p-1') / N] as const;

/**
 * tab[i] = bits(2^(i/N)) - (i << 52 - TABLE_BITS), as e_exp2f_data.c lists it. We compute 2^(i/N)
 * correctly rounded ourselves: the 53-bit m with m = round(2^52 * 2^(i/N)), i.e. the integer N-th
 * root of 2^(52N + i) and a comparison of (2m + 1)^N with 2^(52N + i + N) to round.
 */
const TABLE: readonly bigint[] = Array.from({ length: N }, (_, i) => {
  const target = 1n << BigInt(52 * N + i);
  let m = 1n << 52n;
  let step = 1n << 51n;
  while (step > 0n) {
    if ((m + step) ** BigInt(N) <= target) m += step;
    step >>= 1n;
  }
  if ((2n * m + 1n) ** BigInt(N) <= target << BigInt(N)) m += 1n;
  const bits = (0x3ffn << 52n) | (m & 0xfffffffffffffn);
  return BigInt.asUintN(64, bits - (BigInt(i) << BigInt(52 - TABLE_BITS)));
});

/** glibc expf (x a float value). */
export function expf(x: number): number {
  const abs = Math.abs(x);
  if (!(abs < 88)) {
    if (x === -Infinity) return 0;
    if (Number.isNaN(x) || x === Infinity) return x + x;
    if (x > hexDouble('0x1.62e42ep6')) return Infinity;
    if (x < -hexDouble('0x1.9fe368p6')) return 0;
    // __math_may_uflowf: 0x1.4p-75f squared, which rounds to the least subnormal float.
    if (x < -hexDouble('0x1.9d1d9ep6')) return floatOfBits(1);
  }
  // z = InvLn2N * xd has only additive uses (z + SHIFT, z - kd), so GCC fuses it into both.
  const shifted = fusedMultiplyAdd(INV_LN2_N, x, SHIFT);
  const ki = bitsOfDouble(shifted);
  const kd = shifted - SHIFT;
  const r = fusedMultiplyAdd(INV_LN2_N, x, -kd);
  const t = BigInt.asUintN(64, (TABLE[Number(ki % BigInt(N))] as bigint) + (ki << BigInt(52 - TABLE_BITS)));
  const s = doubleOfBits(t);
  const p = fusedMultiplyAdd(POLY[0], r, POLY[1]);
  const r2 = r * r;
  let y = fusedMultiplyAdd(POLY[2], r, 1);
  y = fusedMultiplyAdd(p, r2, y);
  return Math.fround(y * s);
}

const F = Math.fround;
// s_expm1f.c's constants, as the float values of its decimal literals.
const LN2_HI = F(6.9313812256e-1);
const LN2_LO = F(9.0580006145e-6);
const INV_LN2 = F(1.4426950216);
const Q = [F(-3.3333335072e-2), F(1.5873016091e-3), F(-7.9365076090e-5), F(4.0082177293e-6), F(-2.0109921195e-7)] as const;

function addToExponent(y: number, k: number): number {
  return floatOfBits((bitsOfFloat(y) + (k << 23)) | 0);
}

/** glibc expm1f for the arguments tanhf passes (finite, |x| < 44). */
function expm1f(input: number): number {
  let x = input;
  const hx = bitsOfFloat(x) & 0x7fffffff;
  const negative = x < 0 || Object.is(x, -0);
  if (hx >= 0x4195b844 && negative) return F(1.0e-30 - 1); // x < -27 ln2: -1
  let k = 0;
  let c = 0;
  if (hx > 0x3eb17218) {
    let hi: number;
    let lo: number;
    if (hx < 0x3f851592) {
      hi = negative ? F(x + LN2_HI) : F(x - LN2_HI);
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(F(F(INV_LN2 * x) + (negative ? -0.5 : 0.5)));
      hi = F(x - F(k * LN2_HI));
      lo = F(k * LN2_LO);
    }
    x = F(hi - lo);
    c = F(F(hi - x) - lo);
  } else if (hx < 0x33000000) {
    return x;
  }
  const hfx = F(0.5 * x);
  const hxs = F(x * hfx);
  let poly = F(hxs * Q[4]);
  for (const q of [Q[3], Q[2], Q[1], Q[0]]) poly = F(hxs * F(q + poly));
  const r1 = F(1 + poly);
  const t = F(3 - F(r1 * hfx));
  let e = F(hxs * F(F(r1 - t) / F(6 - F(x * t))));
  if (k === 0) return F(x - F(F(x * e) - hxs));
  e = F(F(x * F(e - c)) - c);
  e = F(e - hxs);
  if (k === -1) return F(F(0.5 * F(x - e)) - 0.5);
  if (k === 1) return x < -0.25 ? F(-2 * F(e - F(x + 0.5))) : F(1 + F(2 * F(x - e)));
  if (k <= -2 || k > 56) return F(addToExponent(F(1 - F(e - x)), k) - 1);
  if (k < 23) {
    const one = floatOfBits(0x3f800000 - (0x1000000 >> k));
    return addToExponent(F(one - F(e - x)), k);
  }
  const scale = floatOfBits((0x7f - k) << 23);
  return addToExponent(F(F(x - F(e + scale)) + 1), k);
}

/** glibc tanhf (x a float value). */
export function tanhf(x: number): number {
  if (Number.isNaN(x)) return x;
  const ix = bitsOfFloat(x) & 0x7fffffff;
  const negative = x < 0;
  let z: number;
  if (ix < 0x41b00000) {
    if (ix === 0) return x;
    if (ix < 0x24000000) return F(x * F(1 + x));
    if (ix >= 0x3f800000) {
      const t = expm1f(F(2 * Math.abs(x)));
      z = F(1 - F(2 / F(t + 2)));
    } else {
      const t = expm1f(F(-2 * Math.abs(x)));
      z = F(-t / F(t + 2));
    }
  } else {
    z = F(1 - 1.0e-30);
  }
  return negative ? -z : z;
}
