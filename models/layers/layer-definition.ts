// What every layer kind declares once: how its output shape and type follow from its inputs (with
// typed errors for inputs it cannot take), and its float64 computation for one sample. The float
// executor, constant folding and the layout pass all go through these declarations.
import { invariant } from '@ngt/fxp';
import type { Layer, LayerKind, LayerOf } from '../ir/layer.js';
import type { TensorInfo, TensorType } from '../ir/tensor.js';
import type { FloatTensor } from '../exec/float-tensor.js';

/** Raises typed import errors that name the file and node at fault. */
export interface Check {
  /** A malformed model: "X must be Y, not Z". */
  fail(message: string): never;
  /** A well-formed model using an attribute value or input form we do not support. */
  unsupported(message: string): never;
}

export interface Inferred {
  readonly shape: readonly number[];
  readonly type: TensorType;
}

export interface LayerDefinition<K extends LayerKind> {
  readonly kind: K;
  infer(layer: LayerOf<K>, inputs: readonly TensorInfo[], check: Check): Inferred;
  compute(layer: LayerOf<K>, inputs: readonly FloatTensor[], outputShape: readonly number[]): Float64Array;
}

export function defineLayer<K extends LayerKind>(definition: LayerDefinition<K>): LayerDefinition<K> {
  return definition;
}

/** Input `index` of a layer, or a failure naming the position when it is absent. */
export function inputAt(inputs: readonly TensorInfo[], index: number, what: string, check: Check): TensorInfo {
  const input = inputs[index];
  if (!input) return check.fail(`input ${index} (${what}) must be present, not missing`);
  return input;
}

export function inputData(inputs: readonly FloatTensor[], index: number): FloatTensor {
  const input = inputs[index];
  invariant(input, `layer input ${index} must be present`);
  return input;
}

/** Normalizes a possibly negative axis into [0, rank). */
export function normalizeAxis(axis: number, rank: number, what: string, check: Check): number {
  const normalized = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(normalized) || normalized < 0 || normalized >= rank) {
    return check.fail(`${what} must be in [${-rank}, ${rank - 1}] for rank ${rank}, not ${axis}`);
  }
  return normalized;
}

/** The type a computed float tensor gets: float32 unless every input is an integer tensor. */
export function arithmeticType(inputs: readonly TensorInfo[]): TensorType {
  const allInt = inputs.length > 0 && inputs.every((input) => input.type.kind === 'int');
  return allInt ? { kind: 'int', bits: 64, signed: true } : { kind: 'float', bits: 32 };
}

export type { Layer };
