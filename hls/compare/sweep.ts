// Sweeps: the product of axes (grids of ap_fixed<W,I> types for chosen precision variables, reuse
// factors, strategies) over a base configuration, model-wide or one layer at a time, each point evaluated
// by the one evaluation function (evaluate.ts). Points whose configuration the flow refuses (a
// softmax input too narrow for its table, ...) are kept with the reason instead of ending the sweep.
import { fixedType, formatFixedType, NgtError, type FixedType } from '@ngt/fxp';
import type { HlsConfig, Strategy } from '../config/index.js';
import { ConfigError } from '../config/index.js';
import type { ConfigMetrics, Evaluator } from './evaluate.js';
import { withPrecisions } from './precision-override.js';

export interface PrecisionGrid {
  readonly widths: readonly number[];
  readonly intBits: readonly number[];
}

export const DEFAULT_GRID_TEXT = 'W=4..16,I=1..8';

function parseValues(text: string, key: string, source: string): number[] {
  const values: number[] = [];
  for (const part of text.split('|')) {
    const range = /^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*(?:\/\s*(\d+)\s*)?$/.exec(part);
    if (range) {
      const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
      if (to < from || step < 1) throw new ConfigError(`${source}: ${key} range must go up with a positive step, not '${part.trim()}'`);
      for (let value = from; value <= to; value += step) values.push(value);
    } else if (/^\s*-?\d+\s*$/.test(part)) values.push(Number(part));
    else throw new ConfigError(`${source}: ${key} must be integers or ranges such as 4..16, 4..16/2 or 8|12|16, not '${part.trim()}'`);
  }
  return [...new Set(values)];
}

/** Reads 'W=4..16,I=1..8' (ranges a..b, stepped a..b/s, or lists a|b|c); `source` names the option in messages. */
export function parseGrid(text: string, source = '--sweep'): PrecisionGrid {
  const entries = new Map<string, string>();
  for (const item of text.split(',')) {
    const match = /^\s*([A-Za-z]+)\s*=\s*(.+)$/.exec(item);
    const key = match?.[1]?.toUpperCase();
    if (!match || (key !== 'W' && key !== 'I')) throw new ConfigError(`${source}: each entry must be W=<widths> or I=<integer bits>, not '${item.trim()}'`);
    if (entries.has(key)) throw new ConfigError(`${source}: ${key} is given twice`);
    entries.set(key, match[2] ?? '');
  }
  if (!entries.has('W') || !entries.has('I')) throw new ConfigError(`${source}: the grid must give both W (widths) and I (integer bits), as in '${DEFAULT_GRID_TEXT}'`);
  const widths = parseValues(entries.get('W') ?? '', 'W', source);
  const intBits = parseValues(entries.get('I') ?? '', 'I', source);
  const badWidth = widths.find((width) => width < 1 || width > 64);
  if (badWidth !== undefined) throw new ConfigError(`${source}: widths must be from 1 to 64, not ${badWidth}`);
  return { widths, intBits };
}

/** The grid's types, skipping I > W (more integer bits than bits: a coarser step than 1, never useful here). */
export function gridTypes(grid: PrecisionGrid): FixedType[] {
  const types: FixedType[] = [];
  for (const width of grid.widths) for (const intBits of grid.intBits) if (intBits <= width) types.push(fixedType(width, intBits, { spelling: 'hls4ml' }));
  return types;
}

/** One swept dimension: precision variables set together to each type, the reuse factor, or the strategy. */
export type SweepAxis =
  | { readonly kind: 'precision'; readonly variables: readonly string[]; readonly types: readonly FixedType[] }
  | { readonly kind: 'reuse'; readonly values: readonly number[] }
  | { readonly kind: 'strategy'; readonly values: readonly Strategy[] };

export const PRECISION_VARIABLES = ['weight', 'bias', 'result', 'accum'] as const;
const STRATEGIES: readonly Strategy[] = ['latency', 'resource', 'distributed_arithmetic'];

/**
 * Reads a sweep: axes separated by ';', each one of
 *   'W=4..16,I=1..8'                 the types over the grid, for `defaultVariables`
 *   'weight+bias:W=4..12,I=2..6'     the types for the named precision variables
 *   'rf=1|2|4'                       ReuseFactor of every layer (hls4ml's valid values taken closest)
 *   'strategy=latency|resource'      Strategy of every layer (also distributed_arithmetic, or DistributedArithmetic)
 * The sweep is the product of its axes.
 */
export function parseSweep(text: string, defaultVariables: readonly string[], source = '--sweep'): SweepAxis[] {
  const axes: SweepAxis[] = [];
  for (const item of text.split(';').map((part) => part.trim()).filter((part) => part.length > 0)) {
    const knob = /^(rf|reusefactor|strategy)\s*=\s*(.+)$/i.exec(item);
    if (knob) {
      const key = (knob[1] ?? '').toLowerCase();
      const value = knob[2] ?? '';
      if (key === 'strategy') {
        const values = value.split('|').map((name) => name.trim().toLowerCase()).map((name) => (name === 'distributedarithmetic' ? 'distributed_arithmetic' : name));
        const bad = values.find((name) => !STRATEGIES.includes(name as Strategy));
        if (bad !== undefined) throw new ConfigError(`${source}: strategy must be ${STRATEGIES.join('|')}, not '${bad}'`);
        axes.push({ kind: 'strategy', values: [...new Set(values)] as Strategy[] });
      } else {
        const values = parseValues(value, 'rf', source);
        const bad = values.find((factor) => factor < 1);
        if (bad !== undefined) throw new ConfigError(`${source}: rf must be positive integers, not ${bad}`);
        axes.push({ kind: 'reuse', values });
      }
      continue;
    }
    const named = /^([A-Za-z+_]+)\s*:\s*(.+)$/.exec(item);
    const variables = named ? (named[1] ?? '').split('+').map((name) => name.trim().toLowerCase()) : [...defaultVariables];
    const unknown = variables.find((variable) => !(PRECISION_VARIABLES as readonly string[]).includes(variable));
    if (unknown !== undefined) throw new ConfigError(`${source}: precision variables are ${PRECISION_VARIABLES.join(', ')}, not '${unknown}' (in '${item}')`);
    axes.push({ kind: 'precision', variables, types: gridTypes(parseGrid(named ? (named[2] ?? '') : item, source)) });
  }
  if (axes.length === 0) throw new ConfigError(`${source}: give at least one axis, as in '${DEFAULT_GRID_TEXT}' or 'weight:W=4..12,I=2..6; rf=1|2|4'`);
  const seen = new Set<string>();
  for (const axis of axes) {
    for (const name of axis.kind === 'precision' ? axis.variables : [axis.kind === 'reuse' ? 'rf' : 'strategy']) {
      if (seen.has(name)) throw new ConfigError(`${source}: ${name} is swept twice`);
      seen.add(name);
    }
  }
  return axes;
}

/** The axis's values as (setting name, shown value) pairs and what each sets. */
function axisSettings(axis: SweepAxis): { name: string; value: string; apply: (overrides: Overrides) => Overrides }[] {
  switch (axis.kind) {
    case 'precision':
      return axis.types.map((type) => ({
        name: axis.variables.join('+'),
        value: formatFixedType(type),
        apply: (overrides) => ({ ...overrides, precisions: new Map([...overrides.precisions, ...axis.variables.map((variable) => [variable, type] as const)]) }),
      }));
    case 'reuse':
      return axis.values.map((factor) => ({ name: 'RF', value: String(factor), apply: (overrides) => ({ ...overrides, reuseFactor: factor }) }));
    case 'strategy':
      return axis.values.map((strategy) => ({ name: 'strategy', value: strategy, apply: (overrides) => ({ ...overrides, strategy }) }));
  }
}

interface Overrides {
  readonly precisions: ReadonlyMap<string, FixedType>;
  readonly reuseFactor?: number;
  readonly strategy?: Strategy;
}

export interface SweepPoint {
  /** The layer swept alone, or null for model-wide. */
  readonly layer: string | null;
  /** What this point sets, in axis order: e.g. [['weight', 'fixed<8,3>'], ['RF', '2']]. */
  readonly settings: readonly (readonly [string, string])[];
  readonly config: HlsConfig;
}

/** The product of the axes over `base`, model-wide (layers null) or for each layer alone (precision axes only). */
export function sweepPoints(base: HlsConfig, axes: readonly SweepAxis[], layers: readonly string[] | null): SweepPoint[] {
  let combos: { settings: [string, string][]; overrides: Overrides }[] = [{ settings: [], overrides: { precisions: new Map() } }];
  for (const axis of axes) {
    combos = combos.flatMap((combo) => axisSettings(axis).map(({ name, value, apply }) => ({ settings: [...combo.settings, [name, value] as [string, string]], overrides: apply(combo.overrides) })));
  }
  const points: SweepPoint[] = [];
  for (const layer of layers ?? [null]) {
    for (const { settings, overrides } of combos) {
      const label = `${layer ?? 'model'}:${settings.map(([name, value]) => `${name}=${value}`).join(',')}`;
      const precisions = overrides.precisions;
      const knobs = { reuseFactor: overrides.reuseFactor, strategy: overrides.strategy };
      const config = withPrecisions(base, layer === null ? { all: precisions, ...knobs } : { layers: new Map([[layer, precisions]]), ...knobs }, label);
      points.push({ layer, settings, config });
    }
  }
  return points;
}

/** A point's name in tables: 'dense_3 weight=fixed<6,2>', 'weight=fixed<8,3> RF=2 strategy=resource'. */
export function sweepPointName(point: Pick<SweepPoint, 'layer' | 'settings'>): string {
  return [...(point.layer === null ? [] : [point.layer]), ...point.settings.map(([name, value]) => `${name}=${value}`)].join(' ');
}

export interface SweepRow {
  readonly layer: string | null;
  readonly settings: readonly (readonly [string, string])[];
  readonly metrics: ConfigMetrics | null;
  /** Why the flow refused this point (metrics null). */
  readonly error: string | null;
}

/** Evaluates every point; `onProgress(done, total)` after each. */
export function runSweep(evaluate: Evaluator, points: readonly SweepPoint[], onProgress?: (done: number, total: number) => void): SweepRow[] {
  return points.map((point, index) => {
    let metrics: ConfigMetrics | null = null;
    let error: string | null = null;
    try {
      metrics = evaluate(point.config);
    } catch (caught) {
      // Only the flow's own refusals of a configuration; our bugs still end the sweep.
      if (!(caught instanceof NgtError)) throw caught;
      error = `${caught.name}: ${caught.message}`;
    }
    onProgress?.(index + 1, points.length);
    return { layer: point.layer, settings: point.settings, metrics, error };
  });
}
