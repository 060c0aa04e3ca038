// Post-training quantization: integer bits per layer from the ranges profiled on a data set, then the
// fewest fraction bits that keep argmax agreement with the float model >= 1 - tolerance on that data
// set. First one fraction width for everything (binary search), then each precision variable alone
// narrowed bit by bit while the target holds, the others held (weights first: they set the multipliers). Every accepted state has been evaluated and passed, so the result meets the target on
// the data set by construction; accumulators are left to 'auto' (hls4ml's exact accumulator inference).
import { fixedType, NgtError, type FixedType } from '@ngt/fxp';
import { defaultHlsConfig, type HlsConfig, type PrecisionSpec } from '../config/index.js';
import { createEvaluator, type ConfigMetrics } from '../compare/evaluate.js';
import { withPrecisions } from '../compare/precision-override.js';
import type { FloatReference } from '../compare/reference.js';
import { convertModel } from '../convert/convert.js';
import { QuantizationError } from '../errors.js';
import { signedIntegerBits } from './integer-bits.js';
import { INPUT_LAYER_CLASS, profileModel, type ModelProfile } from './profile.js';

export interface QuantizeOptions {
  /** Argmax agreement with float must be at least 1 - tolerance; 0 to 1. */
  readonly tolerance: number;
  /** Extra integer bits above what the profiled ranges need (headroom for unseen data); default 0. */
  readonly intMargin?: number;
  /** Largest fraction width tried; default 20. */
  readonly maxFractionBits?: number;
  /** Called after each evaluation with the count so far and what is being searched. */
  readonly onProgress?: (evaluations: number, phase: string) => void;
}

export interface QuantizedVariable {
  readonly layer: string;
  readonly hlsClass: string;
  readonly variable: string;
  readonly intBits: number;
  readonly fractionBits: number;
  readonly type: FixedType;
}

export interface QuantizeResult {
  readonly target: number;
  readonly variables: readonly QuantizedVariable[];
  /** Metrics of the chosen configuration on the data set. */
  readonly metrics: ConfigMetrics;
  readonly config: HlsConfig;
  readonly evaluations: number;
  readonly profile: ModelProfile;
}

interface SearchVariable {
  readonly layer: string;
  readonly hlsClass: string;
  readonly variable: string;
  readonly intBits: number;
  /** Layers with an accumulator get accum 'auto'. */
  readonly accumulates: boolean;
  /** Variables of one group share their fraction width: a bias its layer's weights', an elementwise activation its input's. */
  readonly group: number;
}

const ROLE_ORDER = ['weight', 'scale', 'result', 'bias'];
/**
 * Ranges are widened by this fraction before integer bits are chosen: fixed-point layers do not
 * reproduce float values exactly, and a value just under a power of two in float (a softmax output
 * of 0.9999) can reach it in fixed point (1.0), which with one bit fewer wraps to -1.
 */
const RANGE_SLACK = 1 / 64;
/** The first uniform fraction width tried (fixed<16,6>'s is 10). */
const START_FRACTION_BITS = 12;

function searchVariables(reference: FloatReference, profile: ModelProfile, margin: number): SearchVariable[] {
  const converted = convertModel(reference.graph, defaultHlsConfig()).model;
  const outputs = new Map(profile.layers.flatMap((layer) => layer.tensors.filter((tensor) => tensor.role === 'output' || tensor.role === 'input').map((tensor) => [tensor.tensor, tensor])));
  const byName = new Map(profile.layers.map((layer) => [layer.name, layer]));
  const intBits = (range: { min: number; max: number } | undefined, what: string): number => {
    if (!range) throw new QuantizationError(`${reference.graph.source}: ${what} has no profiled range to choose integer bits from`);
    return signedIntegerBits(range.min * (1 + RANGE_SLACK), range.max * (1 + RANGE_SLACK)) + margin;
  };
  let groups = 0;
  const input = reference.graph.inputs[0] ?? '';
  const resultGroup = new Map<string, number>([[input, groups]]);
  const variables: SearchVariable[] = [{ layer: input, hlsClass: INPUT_LAYER_CLASS, variable: 'result', intBits: intBits(outputs.get(input), `input '${input}'`), accumulates: false, group: groups++ }];
  for (const layer of converted.layers) {
    const accumulates = layer.kind === 'dense' || layer.kind === 'conv';
    const parameters = accumulates ? ['weight', 'bias'] : layer.kind === 'batch_norm' ? ['scale', 'bias'] : [];
    const parameterGroup = groups++;
    for (const role of parameters) {
      const profiled = byName.get(layer.name)?.tensors.find((tensor) => tensor.role === role);
      if (profiled) variables.push({ layer: layer.name, hlsClass: layer.hlsClass, variable: role, intBits: intBits(profiled, `layer '${layer.name}' ${role}`), accumulates, group: parameterGroup });
    }
    // ReLU and the other table-free activations pass values through (or clip them): their input's resolution is all they can keep.
    const shared = layer.kind === 'activation' ? resultGroup.get(layer.inputs[0] ?? '') : undefined;
    const group = shared ?? groups++;
    resultGroup.set(layer.output, group);
    variables.push({ layer: layer.name, hlsClass: layer.hlsClass, variable: 'result', intBits: intBits(outputs.get(layer.output), `layer '${layer.name}' output`), accumulates, group });
  }
  return variables;
}

function typeOf(variable: SearchVariable, fractionBits: number): FixedType {
  return fixedType(variable.intBits + fractionBits, variable.intBits, { spelling: 'hls4ml' });
}

/** The configuration of a state: every variable's type, accumulators 'auto', the rest the default. */
export function configForTypes(variables: readonly { layer: string; variable: string; type: FixedType; accumulates?: boolean }[], source: string): HlsConfig {
  const layers = new Map<string, Map<string, PrecisionSpec>>();
  for (const entry of variables) {
    const types = layers.get(entry.layer) ?? new Map<string, PrecisionSpec>();
    types.set(entry.variable, entry.type);
    if (entry.accumulates) types.set('accum', 'auto');
    layers.set(entry.layer, types);
  }
  return withPrecisions(defaultHlsConfig(), { layers }, source);
}

export function quantizeModel(reference: FloatReference, options: QuantizeOptions): QuantizeResult {
  const { tolerance } = options;
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1) throw new QuantizationError(`tolerance must be a number from 0 to 1, not ${tolerance}`);
  const target = 1 - tolerance;
  const maxFraction = options.maxFractionBits ?? 20;
  const profile = profileModel(reference.graph, reference.input, () => 'auto', '<quantize>');
  const variables = searchVariables(reference, profile, options.intMargin ?? 0);
  const evaluate = createEvaluator(reference);
  let evaluations = 0;
  const attempt = (fractions: readonly number[], phase: string): ConfigMetrics | null => {
    const config = configForTypes(
      variables.map((variable) => ({ ...variable, type: typeOf(variable, fractions[variable.group] ?? maxFraction) })),
      '<quantize candidate>',
    );
    let metrics: ConfigMetrics | null = null;
    try {
      metrics = evaluate(config);
    } catch (error) {
      // A candidate the flow refuses (a softmax input too narrow for its table, ...) does not pass.
      if (!(error instanceof NgtError)) throw error;
    }
    evaluations++;
    options.onProgress?.(evaluations, phase);
    return metrics !== null && metrics.argmaxAgreement >= target ? metrics : null;
  };
  /** Smallest f in [low, high] passing with `place(f)`; `high` is known to pass. */
  const narrowest = (low: number, high: number, place: (fraction: number) => number[], phase: string): number => {
    let [lo, hi] = [low, high];
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const metrics = attempt(place(mid), phase);
      if (metrics) hi = mid;
      else lo = mid + 1;
    }
    return hi;
  };
  const groupCount = Math.max(...variables.map((variable) => variable.group)) + 1;
  const uniform = (fraction: number): number[] => Array.from({ length: groupCount }, () => fraction);
  // Start from a width that keeps accumulators within the compiled simulator's 53 bits (fast), and go
  // to the widest only when that is not enough.
  let start = Math.min(START_FRACTION_BITS, maxFraction);
  if (!attempt(uniform(start), 'uniform')) {
    start = maxFraction;
    if (!attempt(uniform(start), 'uniform')) {
      throw new QuantizationError(`${reference.graph.source}: no configuration with up to ${maxFraction} fraction bits keeps argmax agreement >= ${target} on ${reference.samples} samples; raise the tolerance or the largest fraction width`);
    }
  }
  const fractions = uniform(narrowest(0, start, uniform, 'uniform'));
  const rank = (group: number): number => Math.min(...variables.filter((variable) => variable.group === group).map((variable) => ROLE_ORDER.indexOf(variable.variable)));
  const order = Array.from({ length: groupCount }, (_, group) => group).sort((a, b) => rank(a) - rank(b) || a - b);
  for (const group of order) {
    // One bit at a time, stopping at the first failure: most groups move by a bit or two from the
    // uniform width, so this costs fewer evaluations than a binary search from zero.
    const members = variables.filter((variable) => variable.group === group);
    if (members.length === 0) continue;
    const phase = members.map((variable) => `${variable.layer} ${variable.variable}`).join(', ');
    const place = (fraction: number): number[] => fractions.map((value, at) => (at === group ? fraction : value));
    while ((fractions[group] ?? 0) > 0 && attempt(place((fractions[group] ?? 0) - 1), phase)) fractions[group] = (fractions[group] ?? 0) - 1;
  }
  // The last passing evaluation may belong to an earlier state: measure the final one.
  const chosen = variables.map((variable) => {
    const fractionBits = fractions[variable.group] ?? maxFraction;
    return { ...variable, fractionBits, type: typeOf(variable, fractionBits) };
  });
  const config = configForTypes(chosen, '<quantized>');
  const metrics = evaluate(config);
  evaluations++;
  return {
    target,
    variables: chosen.map(({ layer, hlsClass, variable, intBits, fractionBits, type }) => ({ layer, hlsClass, variable, intBits, fractionBits, type })),
    metrics,
    config,
    evaluations,
    profile,
  };
}
