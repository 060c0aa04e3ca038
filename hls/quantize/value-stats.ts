// Running statistics of a tensor's values over a data set: min, max, and a histogram of log2|x| by
// power-of-two bins, which is what hls4ml's numerical profiling plots (hls4ml/model/profiling.py:
// array_to_summary over abs(x[x != 0]) on a log2 axis) and all a fixed-point type needs to be judged:
// |x| < 2^-F (below the type's resolution) exactly when floor(log2|x|) < -F.

/** Exponent range of the histogram; |x| outside [2^-BINS_LOW, 2^BINS_HIGH) lands in the end bins. */
const BINS_LOW = 64;
const BINS_HIGH = 64;

export interface ValueStats {
  count: number;
  zeros: number;
  min: number;
  max: number;
  /** Smallest non-zero |x| (Infinity when every value is zero). */
  minAbsNonZero: number;
  /** counts[e + BINS_LOW] = number of non-zero x with floor(log2|x|) = e (clamped to the ends). */
  readonly log2Counts: Float64Array;
}

export function emptyStats(): ValueStats {
  return { count: 0, zeros: 0, min: Infinity, max: -Infinity, minAbsNonZero: Infinity, log2Counts: new Float64Array(BINS_LOW + BINS_HIGH) };
}

export function addValues(stats: ValueStats, values: ArrayLike<number>): void {
  let { min, max, minAbsNonZero, zeros } = stats;
  const counts = stats.log2Counts;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (value < min) min = value;
    if (value > max) max = value;
    if (value === 0) {
      zeros++;
      continue;
    }
    const magnitude = Math.abs(value);
    if (magnitude < minAbsNonZero) minAbsNonZero = magnitude;
    const exponent = Math.floor(Math.log2(magnitude));
    counts[Math.min(Math.max(exponent + BINS_LOW, 0), BINS_LOW + BINS_HIGH - 1)]! += 1;
  }
  stats.count += values.length;
  Object.assign(stats, { min, max, minAbsNonZero, zeros });
}

export function statsOf(values: ArrayLike<number>): ValueStats {
  const stats = emptyStats();
  addValues(stats, values);
  return stats;
}

/** Non-zero values with |x| < 2^exponent (exact for exponents inside the histogram's range). */
export function countBelow(stats: ValueStats, exponent: number): number {
  const end = Math.min(Math.max(exponent + BINS_LOW, 0), BINS_LOW + BINS_HIGH);
  let total = 0;
  for (let bin = 0; bin < end; bin++) total += stats.log2Counts[bin] ?? 0;
  return total;
}

/** The non-empty histogram bins as [exponent, count] pairs (hls4ml's histogram plot). */
export function log2Histogram(stats: ValueStats): [number, number][] {
  const bins: [number, number][] = [];
  stats.log2Counts.forEach((count, bin) => {
    if (count > 0) bins.push([bin - BINS_LOW, count]);
  });
  return bins;
}
