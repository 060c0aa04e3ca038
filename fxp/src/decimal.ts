/** The exact decimal text of raw * 2^-fractionBits: always finite, since 2^-F = 5^F / 10^F. */
export function rawToDecimal(raw: bigint, fractionBits: number): string {
  if (fractionBits <= 0) return (raw << BigInt(-fractionBits)).toString();
  const negative = raw < 0n;
  const digits = ((negative ? -raw : raw) * 5n ** BigInt(fractionBits)).toString().padStart(fractionBits + 1, '0');
  const whole = digits.slice(0, digits.length - fractionBits);
  const fraction = digits.slice(digits.length - fractionBits).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/**
 * raw * 2^-fractionBits rounded to the nearest double, ties to even (as ap_fixed's to_double). Number()
 * of a bigint rounds that way; scaling by a power of two is then exact unless the result leaves the
 * normal range.
 */
export function rawToNumber(raw: bigint, fractionBits: number): number {
  let shift = -fractionBits;
  const magnitude = raw < 0n ? -raw : raw;
  if (magnitude >= 1n << 64n) {
    // Keep 55 significant bits and fold the rest into a sticky LSB: Number() then rounds exactly as it
    // would the whole value, and a raw wider than 1024 bits never becomes Infinity on the way.
    const drop = magnitude.toString(2).length - 55;
    const kept = magnitude >> BigInt(drop);
    const sticky = kept << BigInt(drop) !== magnitude ? 1n : 0n;
    raw = (raw < 0n ? -1n : 1n) * (kept | sticky);
    shift += drop;
  }
  let value = Number(raw);
  while (shift !== 0) {
    const step = Math.max(-1000, Math.min(1000, shift));
    value *= 2 ** step;
    shift -= step;
  }
  return value;
}
