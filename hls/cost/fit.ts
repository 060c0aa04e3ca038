// Whether a design fits its part and meets its clock, in words and by how much: what reports and
// comparisons say first (a design at 800% of the DSPs must not read as a success).
import type { ModelEstimate } from './estimate.js';

const RESOURCES = [
  ['dsp', 'DSP'],
  ['lut', 'LUT'],
  ['ff', 'FF'],
  ['bram', 'BRAM18'],
] as const;

const count = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The resources over 100% of the part, e.g. "DSP 1,758 of 220 (799%)"; empty when it fits. */
export function overCapacity(estimate: ModelEstimate): string[] {
  return RESOURCES.filter(([key]) => estimate.totals[key] > estimate.part[key]).map(
    ([key, label]) => `${label} ${count(estimate.totals[key])} of ${count(estimate.part[key])} (${Math.round(estimate.utilization[key])}%)`,
  );
}

/** The fit and timing warnings of a design (empty when it fits and meets the clock). */
export function designWarnings(estimate: ModelEstimate): string[] {
  const warnings: string[] = [];
  const over = overCapacity(estimate);
  if (over.length > 0) warnings.push(`does not fit ${estimate.part.name}: ${over.join(', ')}`);
  if (estimate.achievedPeriodNs > estimate.clockPeriodNs) {
    const missBy = estimate.achievedPeriodNs - estimate.clockPeriodNs;
    warnings.push(
      `misses the ${estimate.clockPeriodNs} ns clock (${(1000 / estimate.clockPeriodNs).toFixed(1)} MHz): the slowest stage needs ${estimate.achievedPeriodNs.toFixed(2)} ns (${estimate.clockMhz.toFixed(1)} MHz), ${missBy.toFixed(2)} ns over (latency in ns uses the slower period); raise ClockPeriod or the ReuseFactor`,
    );
  }
  return warnings;
}
