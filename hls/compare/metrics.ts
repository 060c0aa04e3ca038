// How far a fixed-point model's outputs are from the float reference's, over a data set: the largest
// and the mean absolute difference over every output value, the fraction of samples whose argmax
// (predicted class) is the float model's, and the accuracy against labels when there are labels.
import { argmaxRows } from './labels.js';

export interface OutputMetrics {
  readonly samples: number;
  readonly maxAbsError: number;
  readonly meanAbsError: number;
  /** Fraction of samples whose argmax equals the float model's argmax. */
  readonly argmaxAgreement: number;
  /** Fraction of samples whose argmax equals the label; null without labels. */
  readonly accuracy: number | null;
}

/** Fraction of rows whose prediction equals the label. */
export function accuracyOf(predicted: Int32Array, labels: Int32Array): number {
  let hits = 0;
  for (let index = 0; index < predicted.length; index++) if (predicted[index] === labels[index]) hits++;
  return predicted.length === 0 ? 0 : hits / predicted.length;
}

/**
 * `reference` and `actual` are [samples, size] row-major; `referenceArgmax` the reference's argmax
 * per row (computed once per data set by the caller).
 */
export function outputMetrics(reference: Float64Array, actual: Float64Array, samples: number, referenceArgmax: Int32Array, labels: Int32Array | null): OutputMetrics {
  const size = samples === 0 ? 0 : reference.length / samples;
  let maxAbsError = 0;
  let sumAbsError = 0;
  for (let index = 0; index < reference.length; index++) {
    const error = Math.abs((actual[index] ?? 0) - (reference[index] ?? 0));
    if (error > maxAbsError) maxAbsError = error;
    sumAbsError += error;
  }
  const predicted = argmaxRows(actual, samples, size);
  return {
    samples,
    maxAbsError,
    meanAbsError: reference.length === 0 ? 0 : sumAbsError / reference.length,
    argmaxAgreement: accuracyOf(predicted, referenceArgmax),
    accuracy: labels === null ? null : accuracyOf(predicted, labels),
  };
}
