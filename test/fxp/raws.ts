import type { AnyRawArray } from '@ngt/fxp';

/** Any raw array as bigints, for exact comparison with the scalar path. */
export function asBigInts(raws: AnyRawArray): bigint[] {
  return Array.from(raws as ArrayLike<number | bigint>, (raw) => BigInt(raw));
}
