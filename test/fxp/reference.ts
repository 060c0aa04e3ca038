// An independent reference for ap_fixed conversions, written for the tests only: values are big.js
// decimals, rounding uses big.js rounding, and overflow handling works on strings of '0'/'1' characters.
// It shares no code with @ngt/fxp. Semantics from Xilinx's documentation of ap_fixed (UG902/UG1399,
// "Quantization modes" / "Overflow modes") and ap_fixed_base.h (overflow_adjust).
import Big from 'big.js';

Big.DP = 3000; // divisions by powers of two are exact with this many decimal places
Big.RM = 0;

export interface RefType {
  signed: boolean;
  width: number;
  intBits: number;
  quantization: string;
  overflow: string;
  saturationBits: number;
}

const half = new Big(0.5);

function floorBig(x: Big): Big {
  const down = x.round(0, 0);
  return down.gt(x) ? down.minus(1) : down;
}

function ceilBig(x: Big): Big {
  const down = x.round(0, 0);
  return down.lt(x) ? down.plus(1) : down;
}

/** x * 2^F rounded to an integer as the mode says (ties are where the modes differ). */
export function roundScaled(scaled: Big, mode: string): Big {
  switch (mode) {
    case 'AP_TRN':
      return floorBig(scaled);
    case 'AP_TRN_ZERO':
      return scaled.round(0, 0);
    case 'AP_RND': // ties toward +infinity
      return floorBig(scaled.plus(half));
    case 'AP_RND_MIN_INF': // ties toward -infinity
      return ceilBig(scaled.minus(half));
    case 'AP_RND_ZERO': // ties toward zero
      return scaled.s < 0 ? floorBig(scaled.plus(half)) : ceilBig(scaled.minus(half));
    case 'AP_RND_INF': // ties away from zero
      return scaled.round(0, 1);
    case 'AP_RND_CONV': // ties to even
      return scaled.round(0, 2);
    default:
      throw new Error(`reference: unknown mode ${mode}`);
  }
}

function pow2(n: number): Big {
  return n >= 0 ? new Big(2).pow(n) : new Big(1).div(new Big(2).pow(-n));
}

/** Two's complement bits of an integer, MSB first, `width` of them. */
function toBits(value: bigint, width: number): string {
  const modulus = 1n << BigInt(width);
  const pattern = ((value % modulus) + modulus) % modulus;
  return pattern.toString(2).padStart(width, '0');
}

function fromBits(bits: string, signed: boolean): bigint {
  const unsigned = BigInt(`0b${bits}`);
  return signed && bits[0] === '1' ? unsigned - (1n << BigInt(bits.length)) : unsigned;
}

const invert = (bits: string): string => [...bits].map((b) => (b === '1' ? '0' : '1')).join('');

/** The raw integer ap_fixed stores for the exact value x. */
export function referenceRaw(x: Big, type: RefType): bigint {
  const f = type.width - type.intBits;
  const scaled = x.times(pow2(f));
  const truncated = BigInt(floorBig(scaled).toFixed(0));
  const q = BigInt(roundScaled(scaled, type.quantization).toFixed(0));
  return referenceOverflow(q, truncated, type);
}

/** The stored raw for the rounded value q (truncated = floor(x * 2^F) before rounding). */
export function referenceOverflow(q: bigint, truncated: bigint, type: RefType): bigint {
  const min = type.signed ? -(1n << BigInt(type.width - 1)) : 0n;
  const max = type.signed ? (1n << BigInt(type.width - 1)) - 1n : (1n << BigInt(type.width)) - 1n;
  const symmetric = type.overflow === 'AP_SAT_SYM' && type.signed;
  if (q >= min && q <= max && !(symmetric && q === min)) return q;
  const w = type.width;
  const n = type.saturationBits;
  const negative = q < 0n;
  const bits = toBits(q, w); // bits[0] is the MSB (bit W-1)
  switch (type.overflow) {
    case 'AP_SAT':
      return q > max ? max : min;
    case 'AP_SAT_SYM':
      if (q > max) return max;
      // -max, except that a 1-bit signed type's pattern '1' stays -1.
      return type.signed ? (w === 1 ? -1n : min + 1n) : min;
    case 'AP_SAT_ZERO':
      return 0n;
    case 'AP_WRAP': {
      if (n === 0) return fromBits(bits, type.signed);
      // The N most significant bits saturate, the rest wrap. Signed: MSB = sign, next N-1 = not sign.
      // Unsigned: the N MSBs become ones.
      const top = type.signed ? (negative ? '1' : '0') + (negative ? '0' : '1').repeat(n - 1) : '1'.repeat(n);
      return fromBits(top + bits.slice(n), type.signed);
    }
    case 'AP_WRAP_SM': {
      // Sign-magnitude wrap: decided by the deleted bit above the MSB (N=0) or the sign (N>0).
      const deleted = toBits(truncated >> BigInt(w), 1) === '1';
      const msb = bits[0] === '1';
      if (n === 0) {
        if (deleted === msb) return fromBits(bits, true);
        return fromBits((deleted ? '1' : '0') + invert(bits).slice(1), true);
      }
      let body = bits;
      if (n === 1) {
        if (negative !== msb) body = invert(body);
      } else {
        if ((body[n - 1] === '1') === negative) body = invert(body);
        body = body[0] + (negative ? '0' : '1').repeat(n - 1) + body.slice(n);
      }
      return fromBits((negative ? '1' : '0') + body.slice(1), true);
    }
    default:
      throw new Error(`reference: unknown overflow ${type.overflow}`);
  }
}

/** Exact decimal value of a raw integer. */
export function referenceValue(raw: bigint, type: { width: number; intBits: number }): Big {
  return new Big(raw.toString()).times(pow2(type.intBits - type.width));
}
