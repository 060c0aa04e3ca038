// What a layer's emitter gets when the compiled simulator generates its code: the writer, the names of
// its input and output buffers (typed arrays of raw values), a way to bake constants into the closure,
// and range-aware casts that pick 32-bit integer code when the values allow it (STYLE.md hot path).
import { CodeWriter, castFitsNumbers, emitRawCast, fractionBits, quantizeTruncated, type FixedType, type RawFormat } from '@ngt/fxp';

/** The raw values an expression can take: integers in [min, max] with `fractionBits` fraction bits. */
export interface RawRange {
  readonly min: number;
  readonly max: number;
  readonly fractionBits: number;
}

/** Thrown while emitting when some intermediate needs more than 53 bits: the model runs on the exact (bigint) path. */
export class NeedsWidePath extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function rangeOf(type: FixedType): RawRange {
  const width = type.width;
  return type.signed
    ? { min: -(2 ** (width - 1)), max: 2 ** (width - 1) - 1, fractionBits: fractionBits(type) }
    : { min: 0, max: 2 ** width - 1, fractionBits: fractionBits(type) };
}

/** The smallest two's complement (or unsigned) format holding every value of the range. */
export function formatOf(range: RawRange): RawFormat {
  const signed = range.min < 0;
  let width = 1;
  if (signed) {
    while (-(2 ** (width - 1)) > range.min || 2 ** (width - 1) - 1 < range.max) width += 1;
  } else {
    while (2 ** width - 1 < range.max) width += 1;
  }
  return { width, fractionBits: range.fractionBits, signed };
}

/** The JavaScript array that holds raws of a type exactly (Int32Array when they fit). */
export function bufferKind(type: FixedType): 'Int32Array' | 'Float64Array' {
  return type.width <= 31 || (type.width === 32 && type.signed) ? 'Int32Array' : 'Float64Array';
}

/** What every layer's context of one compiled model shares: the closure's constants and fresh names. */
export class EmitShared {
  counter = 0;
  /** Values the generated code closes over, by name. */
  readonly constants = new Map<string, unknown>();
}

export class EmitContext {
  readonly w = new CodeWriter();

  constructor(
    private readonly shared: EmitShared,
    readonly inputNames: readonly string[],
    readonly output: string,
    readonly inputTypes: readonly FixedType[],
    readonly outputType: FixedType,
  ) {}

  input(index: number): string {
    const name = this.inputNames[index];
    if (name === undefined) throw new NeedsWidePath(`input ${index} is missing`);
    return name;
  }

  inputType(index: number): FixedType {
    const type = this.inputTypes[index];
    if (type === undefined) throw new NeedsWidePath(`input ${index} has no type`);
    return type;
  }

  fresh(base: string): string {
    this.shared.counter += 1;
    return `${base}${this.shared.counter}`;
  }

  /** Bakes an array (or function) into the closure; integer arrays that fit become Int32Array. */
  constant(base: string, value: readonly number[] | Float64Array | Int32Array | ((...args: never[]) => unknown)): string {
    const name = this.fresh(`k_${base}_`);
    if (typeof value === 'function') this.shared.constants.set(name, value);
    else if (value instanceof Int32Array || value instanceof Float64Array) this.shared.constants.set(name, value);
    else {
      const int32 = value.every((v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31);
      this.shared.constants.set(name, int32 ? Int32Array.from(value) : Float64Array.from(value));
    }
    return name;
  }

  /** Requires that integers in `range` are exact doubles; else the model takes the wide path. */
  requireExact(range: RawRange, what: string): void {
    if (Math.max(Math.abs(range.min), Math.abs(range.max)) >= 2 ** 53) throw new NeedsWidePath(`${what} needs more than 53 bits`);
  }

  /**
   * Emits `output = (to) value` where `expression` is a raw in `range`: fxp's emitRawCast (ap_fixed
   * quantization and overflow) on the narrowest format, so 32-bit shifts are used whenever they are exact.
   */
  cast(range: RawRange, to: FixedType, expression: string, output: string): void {
    const format = formatOf(range);
    if (format.width > 53 || to.width > 53 || !castFitsNumbers(format, to)) {
      throw new NeedsWidePath(`a cast from ${format.width} bits to ${to.width} bits needs more than 53 bits`);
    }
    const prefix = this.fresh('c');
    let source = expression;
    if (expression === output || !/^[A-Za-z_$][\w$]*$/.test(expression)) {
      source = `${prefix}_in`;
      this.w.line(`const ${source} = ${expression};`);
    }
    const exact = this.constant('exact', (t: number, roundBit: boolean, sticky: boolean, negative: boolean) =>
      Number(quantizeTruncated({ t: BigInt(t), roundBit, sticky, negative }, to)),
    );
    emitRawCast(this.w, format, to, source, output, { prefix: `${prefix}_`, exactTruncated: exact, exactDouble: exact });
  }
}
