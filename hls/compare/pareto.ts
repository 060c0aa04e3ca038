// The Pareto front of a comparison: the configurations that fit their part and clock and that no other
// one beats on quality (accuracy with labels, else agreement with float) while costing no more of the
// part's scarcest resource, latency and II; and the one to recommend from it.
import type { ConfigMetrics } from './evaluate.js';

export interface Candidate {
  readonly name: string;
  readonly metrics: ConfigMetrics;
}

/** Higher is better: accuracy when labels were given, else agreement with float. */
export function qualityOf(metrics: ConfigMetrics): number {
  return metrics.accuracy ?? metrics.argmaxAgreement;
}

/** Lower is better: % of the scarcest resource, latency in ns, II; multipliers without an estimate. */
function costs(metrics: ConfigMetrics): number[] {
  const estimate = metrics.estimate;
  return estimate ? [estimate.utilization, estimate.latencyNs, estimate.ii] : [metrics.multipliers];
}

/** -1: a beats b (no worse anywhere, better somewhere); 0: equal everywhere; 1: neither beats the other, or b beats a. */
function compareTo(a: ConfigMetrics, b: ConfigMetrics): -1 | 0 | 1 {
  const [ca, cb] = [costs(a), costs(b)];
  const noWorse = qualityOf(a) >= qualityOf(b) && ca.every((cost, i) => cost <= (cb[i] ?? Infinity));
  if (!noWorse) return 1;
  const better = qualityOf(a) > qualityOf(b) || ca.some((cost, i) => cost < (cb[i] ?? Infinity));
  return better ? -1 : 0;
}

/** The non-dominated candidates that fit (of identical ones, the first), best quality first. */
export function paretoFront(candidates: readonly Candidate[]): Candidate[] {
  const fitting = candidates.filter((candidate) => (candidate.metrics.estimate?.warnings.length ?? 0) === 0);
  const front = fitting.filter((candidate, index) =>
    fitting.every((other, otherIndex) => {
      if (other === candidate) return true;
      const order = compareTo(other.metrics, candidate.metrics);
      return order === 1 || (order === 0 && otherIndex > index);
    }),
  );
  return front.sort((a, b) => qualityOf(b.metrics) - qualityOf(a.metrics) || (costs(a.metrics)[0] ?? 0) - (costs(b.metrics)[0] ?? 0));
}

/**
 * The recommendation: of the front points whose quality is within `tolerance` (absolute, default 0.01:
 * one point) of the best, the one using least of its scarcest resource, then the lowest latency.
 */
export function recommend(front: readonly Candidate[], tolerance = 0.01): Candidate | null {
  const best = Math.max(...front.map((candidate) => qualityOf(candidate.metrics)));
  const good = front.filter((candidate) => qualityOf(candidate.metrics) >= best - tolerance);
  good.sort((a, b) => {
    const [ca, cb] = [costs(a.metrics), costs(b.metrics)];
    return (ca[0] ?? 0) - (cb[0] ?? 0) || (ca[1] ?? 0) - (cb[1] ?? 0);
  });
  return good[0] ?? null;
}
