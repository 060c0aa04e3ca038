import Big from 'big.js';
import { rawToDecimal, rawToNumber } from './decimal.js';
import { FixedValueError } from './errors.js';
import { truncateDecimal, truncateNumber } from './exact-sources.js';
import { fractionBits, maxRaw, minRaw, sameType, type FixedType } from './fixed-type.js';
import { formatFixedType, parseFixedType } from './parse-type.js';
import { castRaw, fromPattern, quantizeTruncated } from './quantize-core.js';

export type TypeLike = FixedType | string;

export function toFixedType(type: TypeLike): FixedType {
  return typeof type === 'string' ? parseFixedType(type) : type;
}

/**
 * An immutable fixed-point value: `raw` (a bigint within the type's range) times 2^-F. Conversions into
 * a type apply that type's quantization and overflow modes exactly as Xilinx's ap_fixed does.
 */
export class Fixed {
  private constructor(
    readonly raw: bigint,
    readonly type: FixedType,
  ) {}

  /** As ap_fixed's constructor from double: the exact binary value of x, then quantized. */
  static fromNumber(x: number, type: TypeLike): Fixed {
    const target = toFixedType(type);
    return new Fixed(quantizeTruncated(truncateNumber(x, fractionBits(target)), target), target);
  }

  /** The exact decimal value of `text` ('0.1' is one tenth, not the double nearest to it), quantized. */
  static fromString(text: string, type: TypeLike): Fixed {
    const target = toFixedType(type);
    return new Fixed(quantizeTruncated(truncateDecimal(text, fractionBits(target)), target), target);
  }

  /** The raw integer itself (value = raw * 2^-F); it must lie in the type's range. */
  static fromRaw(raw: bigint, type: TypeLike): Fixed {
    const target = toFixedType(type);
    if (typeof raw !== 'bigint' || raw < minRaw(target) || raw > maxRaw(target)) {
      throw new FixedValueError(
        `raw value for ${formatFixedType(target)} must be a bigint from ${minRaw(target)} to ${maxRaw(target)}, not ${String(raw)}`,
      );
    }
    return new Fixed(raw, target);
  }

  /** The W-bit pattern (0 <= bits < 2^W), read as two's complement when the type is signed. */
  static fromBits(bits: bigint, type: TypeLike): Fixed {
    const target = toFixedType(type);
    if (typeof bits !== 'bigint' || bits < 0n || bits >= 1n << BigInt(target.width)) {
      throw new FixedValueError(`bits for ${formatFixedType(target)} must be a bigint from 0 to 2^${target.width} - 1, not ${String(bits)}`);
    }
    return new Fixed(fromPattern(bits, target), target);
  }

  /** The W-bit pattern of the value, as stored in hardware. */
  get bits(): bigint {
    return BigInt.asUintN(this.type.width, this.raw);
  }

  /** Conversion into another type with that type's modes (C++: `to_t y = x;`). */
  cast(type: TypeLike): Fixed {
    const target = toFixedType(type);
    return new Fixed(castRaw(this.raw, this.type, target), target);
  }

  /** The exact decimal value, e.g. '-0.0625'. */
  toString(): string {
    return rawToDecimal(this.raw, fractionBits(this.type));
  }

  /** The nearest double, ties to even (ap_fixed's to_double). */
  toNumber(): number {
    return rawToNumber(this.raw, fractionBits(this.type));
  }

  /** The exact value as a big.js number. */
  toBig(): Big {
    return new Big(this.toString());
  }

  /** Same value and same type (modes included). */
  equals(other: Fixed): boolean {
    return this.raw === other.raw && sameType(this.type, other.type);
  }

  toJSON(): { type: string; value: string } {
    return { type: formatFixedType(this.type), value: this.toString() };
  }
}
