// The pruner's user-facing error: a model or option that pruning cannot work with.
import { NgtError } from '@ngt/fxp';

/** A sparsity out of range, a model with no prunable weights, or weights stored in a form we cannot rewrite. */
export class PruneError extends NgtError {
  readonly code = 'PRUNE';
}
