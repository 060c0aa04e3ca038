// The one evaluation every comparison, sweep and quantization search runs: a configuration is
// converted and compiled once, run over the whole data set by the compiled simulator, and measured
// against the float reference; the multipliers it instantiates (zero weights skipped, as hls4ml's
// Latency dense does) and, when asked, the latency and resource estimate come with it.
import { clockUncertaintyFraction, type HlsConfig } from '../config/index.js';
import { convertModel } from '../convert/convert.js';
import { configLabel, tuningOf } from '../convert/config-label.js';
import { estimateModel } from '../cost/estimate.js';
import { designWarnings } from '../cost/fit.js';
import type { HwModel } from '../ir/hardware.js';
import { multipliersOf } from '../layers/registry.js';
import { compileModel, rawsToValues } from '../simulate/compile.js';
import { outputMetrics, type OutputMetrics } from './metrics.js';
import { floatTensors, layerErrors, type LayerError } from './layer-errors.js';
import type { FloatReference } from './reference.js';

export interface EstimateColumns {
  readonly latencyCycles: number;
  readonly latencyNs: number;
  readonly ii: number;
  readonly clockMhz: number;
  readonly dsp: number;
  readonly lut: number;
  readonly ff: number;
  readonly bram: number;
  /** Percent of the part's scarcest resource used: max of DSP, LUT, FF and BRAM18 utilisation. */
  readonly utilization: number;
  /** Does not fit the part / misses the clock, in words (hls/cost/fit.ts); empty when it fits. */
  readonly warnings: readonly string[];
  /** Where the figures come from (DESIGN.md contract 3). */
  readonly source: 'estimate';
}

export interface ConfigMetrics extends OutputMetrics {
  /** Multipliers instantiated by all layers (hls4ml's multiplier_limit; zero weights skipped under Latency). */
  readonly multipliers: number;
  /** Zero weights after quantization to the configured weight types. */
  readonly zeroWeights: number;
  readonly weights: number;
  /** 'compiled' (generated JavaScript) or 'wide' (the exact interpreter for > 53-bit arithmetic). */
  readonly simulator: 'compiled' | 'wide';
  /** What was run (configLabel): model default, per-layer types, RF, strategy, io type, clock. */
  readonly label: string;
  /** Reuse factors and strategies of the Dense/Conv layers run ('1', '2-8'; 'latency', 'latency/resource'). */
  readonly reuseFactor: string;
  readonly strategy: string;
  readonly ioType: string;
  readonly clockPeriodNs: number;
  readonly estimate: EstimateColumns | null;
  /** With the trace option: each layer's error against the float model's same tensor. */
  readonly layers: readonly LayerError[] | null;
}

export interface EvaluateOptions {
  /** Add per-layer errors against float (compare --trace); `floats` are the float tensors to use. */
  readonly trace?: boolean;
  readonly floats?: ReadonlyMap<string, Float64Array>;
  /** Add the latency and resource estimate (hls/cost) to each result. */
  readonly estimate?: boolean;
  /** What an invalid ReuseFactor does (convertModel's option); default 'adjust'. */
  readonly reuseFactors?: 'error' | 'adjust';
}

export type Evaluator = (config: HlsConfig) => ConfigMetrics;

function weightCounts(model: HwModel): { zeros: number; total: number } {
  let zeros = 0;
  let total = 0;
  for (const layer of model.layers) {
    if (layer.kind !== 'dense' && layer.kind !== 'conv') continue;
    total += layer.weights.length;
    for (const weight of layer.weights) if (weight === 0n) zeros++;
  }
  return { zeros, total };
}

function estimateColumns(model: HwModel, config: HlsConfig): EstimateColumns {
  const estimate = estimateModel(model, { part: config.part, clockPeriod: config.clockPeriod, clockUncertainty: clockUncertaintyFraction(config), ioType: config.ioType });
  return {
    latencyCycles: estimate.latencyCycles,
    latencyNs: estimate.latencyNs,
    ii: estimate.ii,
    clockMhz: estimate.clockMhz,
    dsp: estimate.totals.dsp,
    lut: estimate.totals.lut,
    ff: estimate.totals.ff,
    bram: estimate.totals.bram,
    utilization: Math.max(estimate.utilization.dsp, estimate.utilization.lut, estimate.utilization.ff, estimate.utilization.bram),
    warnings: designWarnings(estimate),
    source: 'estimate',
  };
}

/** Metrics of one already-converted model (for callers that keep the HwModel). */
export function evaluateModel(model: HwModel, config: HlsConfig, reference: FloatReference, options: EvaluateOptions = {}): ConfigMetrics {
  const simulator = compileModel(model);
  const output = model.outputs[0]?.tensor ?? '';
  const raws = simulator.run([reference.input.data], reference.samples, [output]).get(output) ?? new Float64Array();
  const type = model.tensors.get(output)?.type;
  const values = type ? rawsToValues(raws, type) : raws;
  const counts = weightCounts(model);
  return {
    ...outputMetrics(reference.outputs, values, reference.samples, reference.argmax, reference.labels),
    multipliers: model.layers.reduce((sum, layer) => sum + multipliersOf(layer), 0),
    zeroWeights: counts.zeros,
    weights: counts.total,
    simulator: simulator.path,
    label: configLabel(model, config),
    ...tuningOf(model, config),
    ioType: config.ioType,
    clockPeriodNs: config.clockPeriod,
    estimate: options.estimate ? estimateColumns(model, config) : null,
    layers: options.trace ? layerErrors(model, simulator, reference, options.floats ?? floatTensors(reference.graph, reference)) : null,
  };
}

/** config -> metrics over the reference's data set. */
export function createEvaluator(reference: FloatReference, options: EvaluateOptions = {}): Evaluator {
  // The float tensors of a trace are the same for every configuration: computed once, on first use.
  let floats = options.floats;
  return (config) => {
    if (options.trace) floats ??= floatTensors(reference.graph, reference);
    return evaluateModel(convertModel(reference.graph, config, { reuseFactors: options.reuseFactors }).model, config, reference, { ...options, floats });
  };
}
