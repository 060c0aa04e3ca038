// Which reuse factors a Dense or convolution layer may take, by hls4ml's rule
// (hls4ml/backends/fpga/fpga_backend.py get_valid_reuse_factors / _validate_reuse_factor, with
// n_in and n_out from get_layer_mult_size: Dense n_in x n_out; Conv1D n_chan*filt_width x n_filt;
// Conv2D n_chan*filt_height*filt_width x n_filt), and the closest valid one (get_closest_reuse_factor).
import { invariant } from '@ngt/fxp';
import { ConfigError, listNames } from './errors.js';
import type { Graph, Layer } from '../../models/index.js';

/**
 * hls4ml's _validate_reuse_factor: with multfactor = min(n_in, rf) and
 * multiplier_limit = ceil(n_in*n_out / multfactor), rf is valid when
 * (multiplier_limit % n_out == 0 or rf >= n_in) and (rf % n_in == 0 or rf < n_in) and (n_in*n_out) % rf == 0.
 */
export function isValidReuseFactor(nIn: number, nOut: number, reuseFactor: number): boolean {
  const multFactor = Math.min(nIn, reuseFactor);
  const multiplierLimit = Math.ceil((nIn * nOut) / multFactor);
  return (multiplierLimit % nOut === 0 || reuseFactor >= nIn) && (reuseFactor % nIn === 0 || reuseFactor < nIn) && (nIn * nOut) % reuseFactor === 0;
}

/**
 * All valid reuse factors in increasing order. hls4ml tries 1..n_in*n_out; every valid one divides
 * n_in*n_out, so trying the divisors alone gives the same list.
 */
export function validReuseFactors(nIn: number, nOut: number): number[] {
  invariant(Number.isSafeInteger(nIn) && nIn > 0 && Number.isSafeInteger(nOut) && nOut > 0, `n_in and n_out must be positive integers, not ${nIn}, ${nOut}`);
  const total = nIn * nOut;
  const small: number[] = [];
  const large: number[] = [];
  for (let divisor = 1; divisor * divisor <= total; divisor += 1) {
    if (total % divisor !== 0) continue;
    small.push(divisor);
    if (divisor * divisor !== total) large.unshift(total / divisor);
  }
  return [...small, ...large].filter((reuseFactor) => isValidReuseFactor(nIn, nOut, reuseFactor));
}

/** get_closest_reuse_factor: the nearest valid value, the smaller one on a tie. */
export function closestReuseFactor(valid: readonly number[], chosen: number): number {
  invariant(valid.length > 0, 'there is always at least one valid reuse factor (n_in*n_out)');
  let best = valid[0] as number;
  for (const candidate of valid) if (Math.abs(candidate - chosen) < Math.abs(best - chosen)) best = candidate;
  return best;
}

export interface ReuseFactorCheck {
  /** The layer's name, for messages. */
  readonly layer: string;
  readonly nIn: number;
  readonly nOut: number;
  readonly reuseFactor: number;
  /** Use the closest valid value with a warning instead of failing (hls4ml's own behaviour). */
  readonly adjust?: boolean;
  /** The configuration the value came from, for messages. */
  readonly source?: string;
}

export interface ReuseFactorResult {
  readonly reuseFactor: number;
  readonly warnings: readonly string[];
}

/** The reuse factor to use: the configured one when valid, else the closest (with adjust) or a ConfigError listing the valid ones. */
export function checkReuseFactor(check: ReuseFactorCheck): ReuseFactorResult {
  const valid = validReuseFactors(check.nIn, check.nOut);
  if (valid.includes(check.reuseFactor)) return { reuseFactor: check.reuseFactor, warnings: [] };
  const where = `${check.source ?? '<built-in default>'}: ReuseFactor of layer '${check.layer}'`;
  const rule = `hls4ml's rule for n_in=${check.nIn}, n_out=${check.nOut}`;
  if (!check.adjust) {
    throw new ConfigError(`${where} must be one of ${listNames(valid.map(String), 64)} (${rule}), not ${check.reuseFactor}`);
  }
  const closest = closestReuseFactor(valid, check.reuseFactor);
  return { reuseFactor: closest, warnings: [`${where}: ${check.reuseFactor} is not valid (${rule}); using ${closest}, the closest valid value`] };
}

/**
 * n_in and n_out of a layer's multiplications as hls4ml's get_layer_mult_size counts them: a Dense
 * (Gemm, or MatMul by a constant) n_in x n_out; a convolution (channels-last weights
 * [...kernel, C / group, M]) kernel size times C / group x M. Null for layers without a weight matrix.
 */
export function multiplicationSize(layer: Layer, graph: Graph): { readonly nIn: number; readonly nOut: number } | null {
  const weights = graph.tensors.get(layer.inputs[1] ?? '');
  if (!weights || weights.value === null) return null;
  const shape = weights.shape;
  switch (layer.kind) {
    case 'gemm': {
      const [rows, columns] = shape;
      if (shape.length !== 2 || rows === undefined || columns === undefined) return null;
      return layer.transB ? { nIn: columns, nOut: rows } : { nIn: rows, nOut: columns };
    }
    case 'matmul': {
      const [rows, columns] = shape;
      return shape.length === 2 && rows !== undefined && columns !== undefined ? { nIn: rows, nOut: columns } : null;
    }
    case 'conv': {
      const nOut = shape.at(-1);
      if (nOut === undefined) return null;
      return { nIn: shape.slice(0, -1).reduce((product, dim) => product * dim, 1), nOut };
    }
    default:
      return null;
  }
}
