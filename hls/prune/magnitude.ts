// Magnitude pruning (Han et al. 2015; what tensorflow-model-optimization's prune_low_magnitude, used
// with QKeras models for hls4ml, does at its final sparsity): the weights of smallest absolute value
// become exact zeros. Per layer, each weight tensor of n values loses round(sparsity * n); globally,
// round(sparsity * N) of all N prunable weights go, wherever they are. Ties in magnitude break by
// position (tensor order, then index), so the result is deterministic. Weights already zero count
// among the smallest, so pruning a pruned model to the same sparsity changes nothing.
import { PruneError } from './errors.js';
import { onnx } from '../../models/index.js';
import { findWeightTensors, writeValues, type WeightTensor } from './weight-tensors.js';

export interface PruneOptions {
  /** Fraction of weights to zero, in [0, 1]. */
  readonly sparsity: number;
  /** Prune each layer's weights to the sparsity (true) or all weights together (false, the default). */
  readonly perLayer?: boolean;
}

export interface PrunedTensor {
  readonly layer: string;
  readonly opType: string;
  readonly tensor: string;
  readonly count: number;
  readonly zerosBefore: number;
  readonly zerosAfter: number;
  /** The largest magnitude zeroed (0 when none). */
  readonly threshold: number;
}

export interface PruneReport {
  readonly sparsity: number;
  readonly perLayer: boolean;
  readonly tensors: readonly PrunedTensor[];
  readonly count: number;
  readonly zeros: number;
}

interface Candidate {
  readonly tensor: number;
  readonly index: number;
  readonly magnitude: number;
}

function byMagnitude(a: Candidate, b: Candidate): number {
  return a.magnitude - b.magnitude || a.tensor - b.tensor || a.index - b.index;
}

function candidatesOf(weights: readonly WeightTensor[], which: readonly number[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const tensor of which) {
    const values = weights[tensor]?.values ?? new Float64Array();
    values.forEach((value, index) => candidates.push({ tensor, index, magnitude: Math.abs(value) }));
  }
  return candidates.sort(byMagnitude);
}

/** Which values of each tensor to zero: the `round(sparsity * n)` smallest of each group. */
export function pruneMasks(weights: readonly WeightTensor[], options: PruneOptions): Uint8Array[] {
  const masks = weights.map((weight) => new Uint8Array(weight.values.length));
  const groups = options.perLayer ? weights.map((_, index) => [index]) : [weights.map((_, index) => index)];
  for (const group of groups) {
    const candidates = candidatesOf(weights, group);
    const zeros = Math.round(options.sparsity * candidates.length);
    for (const candidate of candidates.slice(0, zeros)) {
      const mask = masks[candidate.tensor];
      if (mask) mask[candidate.index] = 1;
    }
  }
  return masks;
}

function countZeros(values: Float64Array): number {
  let zeros = 0;
  for (const value of values) if (value === 0) zeros++;
  return zeros;
}

function checkSparsity(sparsity: number, source: string): void {
  if (!Number.isFinite(sparsity) || sparsity < 0 || sparsity > 1) throw new PruneError(`${source}: sparsity must be a number from 0 to 1, not ${sparsity}`);
}

/** Prunes a decoded model in place; returns what was zeroed. */
export function pruneModelProto(model: onnx.IModelProto, source: string, options: PruneOptions): PruneReport {
  checkSparsity(options.sparsity, source);
  const weights = findWeightTensors(model, source);
  if (weights.length === 0) throw new PruneError(`${source}: the model must have Gemm, MatMul or Conv weights stored as initializers to prune, not none`);
  const masks = pruneMasks(weights, options);
  const tensors = weights.map((weight, tensor): PrunedTensor => {
    const mask = masks[tensor] ?? new Uint8Array();
    const values = Float64Array.from(weight.values);
    let threshold = 0;
    mask.forEach((zero, index) => {
      if (!zero) return;
      threshold = Math.max(threshold, Math.abs(values[index] ?? 0));
      values[index] = 0;
    });
    writeValues(weight, values);
    return { layer: weight.layer, opType: weight.opType, tensor: weight.name, count: values.length, zerosBefore: countZeros(weight.values), zerosAfter: countZeros(values), threshold };
  });
  return {
    sparsity: options.sparsity,
    perLayer: options.perLayer ?? false,
    tensors,
    count: tensors.reduce((sum, tensor) => sum + tensor.count, 0),
    zeros: tensors.reduce((sum, tensor) => sum + tensor.zerosAfter, 0),
  };
}

/** Prunes ONNX model bytes; returns the new bytes (everything but the pruned weights as it was) and the report. */
export function pruneOnnxBytes(bytes: Uint8Array, source: string, options: PruneOptions): { bytes: Uint8Array; report: PruneReport } {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new PruneError(`${source} must be an ONNX model (protobuf ModelProto), not undecodable bytes: ${(error as Error).message}`);
  }
  const report = pruneModelProto(model, source, options);
  return { bytes: onnx.ModelProto.encode(model).finish(), report };
}
