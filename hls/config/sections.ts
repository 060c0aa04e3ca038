// One HLSConfig section (Model, a LayerType entry, a LayerName entry) read into settings, checking
// every key. The keys are hls4ml's (hls4ml/model/graph.py HLSConfig._parse_hls_config and
// parse_name_config; per-layer attributes as hls4ml/utils/config.py writes them: Precision,
// ReuseFactor, Strategy, Trace, TableSize, Implementation). Keys that hls4ml's generated configs carry
// but ngt does not implement beyond their default (ParallelizationFactor 1, ConvImplementation
// LineBuffer, Compression false, Skip false) are accepted at that default only.
import { describeValue, type KeyPath } from './errors.js';
import { parsePrecision, precisionVariable, PRECISION_VARIABLES, TABLE_VARIABLES } from './precision.js';
import type { PrecisionSpec, SoftmaxImplementation, Strategy } from './types.js';

/** What one section sets; absent fields fall through to the next level of hls4ml's lookup. */
export interface SectionSettings {
  readonly path: KeyPath;
  readonly precision: ReadonlyMap<string, PrecisionSpec>;
  /**
   * Table types written inside Precision: hls4ml reads a table type only from the entry's own
   * 'exp_table_t'-style key (Layer.__init__ copies *_t keys; get_precision serves accum, result, weight,
   * bias and param only), so these have no effect there, nor here. Kept for the note that says so.
   */
  readonly unreadTables?: ReadonlyMap<string, { readonly spec: PrecisionSpec; readonly path: KeyPath }>;
  readonly reuseFactor?: number;
  /** Latency, Resource or distributed_arithmetic. */
  readonly strategy?: Strategy;
  /** A Softmax implementation from Implementation, or from Strategy: Stable|Latency|Legacy|Argmax. */
  readonly softmaxImplementation?: SoftmaxImplementation;
  /** The key that set softmaxImplementation, for messages when the layer is no Softmax. */
  readonly softmaxKey?: KeyPath;
  readonly tableSize?: number;
  readonly trace?: boolean;
}

const SOFTMAX_IMPLEMENTATIONS: readonly SoftmaxImplementation[] = ['stable', 'latency', 'legacy', 'argmax'];
const STRATEGIES: readonly Strategy[] = ['latency', 'resource', 'distributed_arithmetic'];
const STRATEGIES_SPELLED = 'Latency, Resource, distributed_arithmetic';

const MODEL_KEYS = ['Precision', 'ReuseFactor', 'Strategy', 'TraceOutput', 'BramFactor', 'Compression', 'ConvImplementation'] as const;
const LAYER_KEYS = [
  'Precision',
  'ReuseFactor',
  'Strategy',
  'Implementation',
  'Trace',
  'TableSize',
  'table_size',
  'ParallelizationFactor',
  'ConvImplementation',
  'Compression',
  'Skip',
  ...PRECISION_VARIABLES.filter((variable) => variable !== 'default').map((variable) => `${variable}_t`),
] as const;

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectMapping(value: unknown, path: KeyPath, what: string): Record<string, unknown> {
  if (!isMapping(value)) throw path.error(`must be a mapping of ${what}, not ${describeValue(value)}`);
  return value;
}

export function checkKeys(mapping: Record<string, unknown>, accepted: readonly string[], path: KeyPath, rejected?: (key: string) => string | null): void {
  for (const key of Object.keys(mapping)) {
    if (accepted.includes(key)) continue;
    const reason = rejected?.(key) ?? null;
    throw path.child(key).error(reason ?? `unknown key '${key}' (accepted: ${accepted.join(', ')})`);
  }
}

function positiveInteger(value: unknown, path: KeyPath): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw path.error(`must be a positive integer, not ${describeValue(value)}`);
  return value;
}

function boolean(value: unknown, path: KeyPath): boolean {
  if (typeof value !== 'boolean') throw path.error(`must be true or false, not ${describeValue(value)}`);
  return value;
}

function onlyDefault(value: unknown, expected: unknown, path: KeyPath): void {
  const same = typeof expected === 'string' && typeof value === 'string' ? value.toLowerCase() === expected.toLowerCase() : value === expected;
  if (!same) throw path.error(`must be ${describeValue(expected)} (the only value ngt implements), not ${describeValue(value)}`);
}

/** Other spellings hls4ml users write: the strategy enum's CamelCase name (nnet_common.h distributed_arithmetic). */
const SPELLINGS = new Map([['distributedarithmetic', 'distributed_arithmetic']]);

function choice<T extends string>(value: unknown, choices: readonly T[], path: KeyPath, spelled: string): T {
  const lower = typeof value === 'string' ? (SPELLINGS.get(value.toLowerCase()) ?? value.toLowerCase()) : null;
  const found = choices.find((option) => option === lower);
  if (found === undefined) throw path.error(`must be one of ${spelled}, not ${describeValue(value)}`);
  return found;
}

function readPrecision(value: unknown, path: KeyPath, allowAuto: boolean, into: Map<string, PrecisionSpec>, unread: Map<string, { spec: PrecisionSpec; path: KeyPath }>): void {
  if (!isMapping(value)) {
    into.set('default', parsePrecision(value, path, allowAuto));
    return;
  }
  for (const [key, text] of Object.entries(value)) {
    const variable = precisionVariable(key);
    if (variable === null) throw path.child(key).error(`unknown precision variable '${key}' (accepted: ${PRECISION_VARIABLES.join(', ')}, also spelled with _t)`);
    if (into.has(variable) || unread.has(variable)) throw path.child(key).error(`sets precision '${variable}' a second time`);
    const spec = parsePrecision(text, path.child(key), allowAuto);
    if (TABLE_VARIABLES.has(variable)) unread.set(variable, { spec, path: path.child(key) });
    else into.set(variable, spec);
  }
}

/** HLSConfig.Model: the last level of every lookup. 'auto' is not allowed here (hls4ml docs/api/configuration.rst). */
export function readModelSection(value: unknown, path: KeyPath): SectionSettings & { readonly traceOutput?: boolean } {
  const mapping = expectMapping(value, path, 'model settings (Precision, ReuseFactor, Strategy, ...)');
  checkKeys(mapping, MODEL_KEYS, path);
  const precision = new Map<string, PrecisionSpec>();
  const unreadTables = new Map<string, { spec: PrecisionSpec; path: KeyPath }>();
  if (mapping.Precision !== undefined) readPrecision(mapping.Precision, path.child('Precision'), false, precision, unreadTables);
  if (mapping.BramFactor !== undefined) {
    // hls4ml keeps weights larger than BramFactor off chip; ngt keeps every weight on chip, so the
    // value is checked and has no effect.
    const bramFactor = mapping.BramFactor;
    if (typeof bramFactor !== 'number' || !(bramFactor > 0)) throw path.child('BramFactor').error(`must be a positive number, not ${describeValue(bramFactor)}`);
  }
  if (mapping.Compression !== undefined) onlyDefault(mapping.Compression, false, path.child('Compression'));
  if (mapping.ConvImplementation !== undefined) onlyDefault(mapping.ConvImplementation, 'LineBuffer', path.child('ConvImplementation'));
  return {
    path,
    precision,
    unreadTables,
    ...(mapping.ReuseFactor !== undefined && { reuseFactor: positiveInteger(mapping.ReuseFactor, path.child('ReuseFactor')) }),
    ...(mapping.Strategy !== undefined && { strategy: choice(mapping.Strategy, STRATEGIES, path.child('Strategy'), STRATEGIES_SPELLED) }),
    ...(mapping.TraceOutput !== undefined && { trace: boolean(mapping.TraceOutput, path.child('TraceOutput')) }),
  };
}

/**
 * A LayerType or LayerName entry. `softmax` says whether the layer (type) is a Softmax: true, false,
 * or null when unknown (a LayerName entry read without the model's layer types).
 */
export function readLayerSection(value: unknown, path: KeyPath, softmax: boolean | null): SectionSettings {
  const mapping = expectMapping(value, path, 'layer settings (Precision, ReuseFactor, Strategy, ...)');
  checkKeys(mapping, LAYER_KEYS, path);
  const precision = new Map<string, PrecisionSpec>();
  const unreadTables = new Map<string, { spec: PrecisionSpec; path: KeyPath }>();
  if (mapping.Precision !== undefined) readPrecision(mapping.Precision, path.child('Precision'), true, precision, unreadTables);
  for (const key of Object.keys(mapping)) {
    const variable = key.endsWith('_t') ? precisionVariable(key) : null;
    if (variable === null) continue;
    if (precision.has(variable) || unreadTables.has(variable)) throw path.child(key).error(`sets precision '${variable}' a second time (it is also in Precision)`);
    precision.set(variable, parsePrecision(mapping[key], path.child(key), true));
  }
  let strategy: Strategy | undefined;
  let softmaxImplementation: SoftmaxImplementation | undefined;
  let softmaxKey: KeyPath | undefined;
  if (mapping.Strategy !== undefined) {
    const strategyPath = path.child('Strategy');
    const spelled = softmax === false ? STRATEGIES_SPELLED : softmax === true ? 'Stable, Latency, Legacy, Argmax (a Softmax implementation), Resource, distributed_arithmetic' : `${STRATEGIES_SPELLED}, or for a Softmax Stable, Legacy, Argmax`;
    const chosen = choice(mapping.Strategy, softmax === false ? STRATEGIES : [...STRATEGIES, 'stable', 'legacy', 'argmax'] as const, strategyPath, spelled);
    if (chosen === 'latency' || chosen === 'resource' || chosen === 'distributed_arithmetic') strategy = chosen;
    // hls4ml 0.5-0.6 read a Softmax layer's Strategy as its implementation (hls4ml/model/hls_layers.py
    // Softmax.initialize: implementation = get_strategy(layer)); later versions write Implementation.
    if (chosen !== 'resource' && chosen !== 'distributed_arithmetic' && softmax !== false) {
      softmaxImplementation = chosen;
      softmaxKey = strategyPath;
    }
  }
  if (mapping.Implementation !== undefined) {
    const implementationPath = path.child('Implementation');
    if (softmax === false) throw implementationPath.error(`applies to Softmax layers only`);
    softmaxImplementation = choice(mapping.Implementation, SOFTMAX_IMPLEMENTATIONS, implementationPath, 'stable, latency, legacy, argmax');
    softmaxKey = implementationPath;
  }
  if (mapping.TableSize !== undefined && mapping.table_size !== undefined) throw path.child('table_size').error('repeats TableSize; give one of the two');
  const tableSizeKey = mapping.TableSize !== undefined ? 'TableSize' : 'table_size';
  if (mapping.ParallelizationFactor !== undefined) onlyDefault(mapping.ParallelizationFactor, 1, path.child('ParallelizationFactor'));
  if (mapping.ConvImplementation !== undefined) onlyDefault(mapping.ConvImplementation, 'LineBuffer', path.child('ConvImplementation'));
  if (mapping.Compression !== undefined) onlyDefault(mapping.Compression, false, path.child('Compression'));
  if (mapping.Skip !== undefined) onlyDefault(mapping.Skip, false, path.child('Skip'));
  return {
    path,
    precision,
    unreadTables,
    ...(mapping.ReuseFactor !== undefined && { reuseFactor: positiveInteger(mapping.ReuseFactor, path.child('ReuseFactor')) }),
    ...(strategy !== undefined && { strategy }),
    ...(softmaxImplementation !== undefined && { softmaxImplementation, softmaxKey }),
    ...(mapping[tableSizeKey] !== undefined && { tableSize: positiveInteger(mapping[tableSizeKey], path.child(tableSizeKey)) }),
    ...(mapping.Trace !== undefined && { trace: boolean(mapping.Trace, path.child('Trace')) }),
  };
}
