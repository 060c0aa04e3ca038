// Numerical profiling, as hls4ml's (hls4ml/model/profiling.py numerical(): per-layer weight
// distributions and activation ranges drawn against each precision's representable band): for every
// layer that runs per sample, the ranges of its weights, bias (or batch-norm scale) and output over a
// data set, each beside the type the configuration gives it and whether the values fit.
import type { FixedType } from '@ngt/fxp';
import { hlsLayerType, type HlsConfig, type LayerQuery } from '../config/index.js';
import { foldConstants, type BatchTensor, type FloatTensor, type Graph, type Layer } from '../../models/index.js';
import { traceFloatRanges, type FloatTraceOptions } from './float-trace.js';
import { checkRange, typeRange, type RangeStatus, type TypeRange } from './type-range.js';
import { log2Histogram, statsOf, type ValueStats } from './value-stats.js';

/** hls4ml's class name for the graph input (its InputLayer), which LayerName entries may configure by the input's name. */
export const INPUT_LAYER_CLASS = 'InputLayer';

export type ProfiledRole = 'input' | 'weight' | 'bias' | 'scale' | 'output';

export interface TensorProfile {
  readonly role: ProfiledRole;
  readonly tensor: string;
  readonly count: number;
  readonly zeros: number;
  readonly min: number;
  readonly max: number;
  /** Smallest non-zero |x|, null when all are zero. */
  readonly minAbsNonZero: number | null;
  /** [floor(log2|x|), count] over the non-zero values. */
  readonly log2Histogram: readonly [number, number][];
  /** The configured type ('auto' until precision inference decides it). */
  readonly type: string;
  readonly range: TypeRange | null;
  readonly status: RangeStatus;
  /** Non-zero values with |x| < 2^-F. */
  readonly belowResolution: number;
}

export interface LayerProfile {
  readonly name: string;
  readonly hlsClass: string;
  readonly tensors: readonly TensorProfile[];
}

export interface ModelProfile {
  readonly model: string;
  readonly config: string;
  readonly samples: number;
  readonly layers: readonly LayerProfile[];
}

/** The type of one precision variable of one layer; 'auto' when precision inference decides it. */
export type PrecisionResolver = (query: LayerQuery, variable: string) => FixedType | 'auto';

export function configResolver(config: HlsConfig): PrecisionResolver {
  return (query, variable) => config.layer(query).precision(variable);
}

function tensorProfile(role: ProfiledRole, tensor: string, stats: ValueStats, type: FixedType | 'auto'): TensorProfile {
  const range = type === 'auto' ? null : typeRange(type);
  const check = checkRange(stats, range);
  return {
    role,
    tensor,
    count: stats.count,
    zeros: stats.zeros,
    min: stats.min,
    max: stats.max,
    minAbsNonZero: Number.isFinite(stats.minAbsNonZero) ? stats.minAbsNonZero : null,
    log2Histogram: log2Histogram(stats),
    type: range?.type ?? 'auto',
    range,
    status: check.status,
    belowResolution: check.belowResolution,
  };
}

/** The constant parameters hls4ml profiles for a layer, as (role, tensor, values). */
function parametersOf(layer: Layer, constants: ReadonlyMap<string, FloatTensor>): [ProfiledRole, string, Float64Array][] {
  const constant = (index: number): [string, Float64Array] | null => {
    const name = layer.inputs[index];
    const value = name === undefined ? undefined : constants.get(name);
    return name !== undefined && value ? [name, value.data] : null;
  };
  const found: [ProfiledRole, string, Float64Array][] = [];
  const add = (role: ProfiledRole, entry: [string, Float64Array] | null): void => {
    if (entry) found.push([role, ...entry]);
  };
  switch (layer.kind) {
    case 'gemm':
    case 'conv':
      add('weight', constant(1));
      add('bias', constant(2));
      break;
    case 'matmul':
      add('weight', constant(1));
      break;
    case 'batch_normalization': {
      // hls4ml folds inference batch norm to scale = gamma / sqrt(var + eps), bias = beta - mean * scale.
      const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((index) => constant(index)?.[1]);
      if (gamma && beta && mean && variance) {
        const scale = gamma.map((value, index) => value / Math.sqrt((variance[index] ?? 0) + layer.epsilon));
        found.push(['scale', `${layer.name}/scale`, scale], ['bias', `${layer.name}/bias`, beta.map((value, index) => value - (mean[index] ?? 0) * (scale[index] ?? 0))]);
      }
      break;
    }
    default:
      break;
  }
  return found;
}

/** Profiles `graph` on `input` against the types `resolve` gives (a configuration's, or the converted model's). */
export function profileModel(graph: Graph, input: BatchTensor, resolve: PrecisionResolver, configSource: string, options: FloatTraceOptions = {}): ModelProfile {
  const activations = traceFloatRanges(graph, input, options);
  const { constants, perSample } = foldConstants(graph);
  const inputName = graph.inputs[0] ?? '';
  const inputQuery = { name: inputName, type: INPUT_LAYER_CLASS };
  const layers: LayerProfile[] = [
    { name: inputName, hlsClass: INPUT_LAYER_CLASS, tensors: [tensorProfile('input', inputName, activations.get(inputName) ?? statsOf([]), resolve(inputQuery, 'result'))] },
  ];
  for (const layer of perSample) {
    const query = { name: layer.name, type: hlsLayerType(layer, graph) };
    const tensors = parametersOf(layer, constants).map(([role, tensor, values]) => tensorProfile(role, tensor, statsOf(values), resolve(query, role)));
    tensors.push(tensorProfile('output', layer.output, activations.get(layer.output) ?? statsOf([]), resolve(query, 'result')));
    layers.push({ name: layer.name, hlsClass: query.type, tensors });
  }
  return { model: graph.source, config: configSource, samples: input.shape[0] ?? 0, layers };
}
