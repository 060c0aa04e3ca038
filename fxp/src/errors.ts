/**
 * Base of every user-facing ngt error: a named class with a stable code. The CLI maps these to exit
 * status 2 (bad usage or bad input); anything else escaping is our bug (exit 1).
 */
export abstract class NgtError extends Error {
  abstract readonly code: string;
  readonly exitCode: number = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Our own bug, never the user's: raised by `invariant`. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(message);
}

/** Malformed fixed-point type text or parameters, e.g. 'ap_fixed<0,3>'. */
export class FixedTypeError extends NgtError {
  readonly code = 'FIXED_TYPE';
}

/** A value that cannot become a fixed-point number (NaN, infinity, malformed decimal, raw out of range). */
export class FixedValueError extends NgtError {
  readonly code = 'FIXED_VALUE';
}
