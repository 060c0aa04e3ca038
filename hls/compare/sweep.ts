// Precision sweeps: a grid of ap_fixed<W,I> types (widths and integer bits), applied model-wide or
// one layer at a time to chosen precision variables over a base configuration, each point evaluated
// by the one evaluation function (evaluate.ts). Points whose configuration the flow refuses (a
// softmax input too narrow for its table, ...) are kept with the reason instead of ending the sweep.
import { fixedType, formatFixedType, NgtError, type FixedType } from '@ngt/fxp';
import type { HlsConfig } from '../config/index.js';
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

export interface SweepPoint {
  /** The layer swept alone, or null for model-wide. */
  readonly layer: string | null;
  readonly type: FixedType;
  readonly variables: readonly string[];
  readonly config: HlsConfig;
}

/** Model-wide (layers null) or per layer: one point per type, or per (layer, type). */
export function sweepPoints(base: HlsConfig, types: readonly FixedType[], variables: readonly string[], layers: readonly string[] | null): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const layer of layers ?? [null]) {
    for (const type of types) {
      const assigned = new Map(variables.map((variable) => [variable, type]));
      const label = `${layer ?? 'model'}:${variables.join('+')}=${formatFixedType(type)}`;
      const config = withPrecisions(base, layer === null ? { all: assigned } : { layers: new Map([[layer, assigned]]) }, label);
      points.push({ layer, type, variables, config });
    }
  }
  return points;
}

export interface SweepRow {
  readonly layer: string | null;
  readonly type: string;
  readonly variables: readonly string[];
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
    return { layer: point.layer, type: formatFixedType(point.type), variables: point.variables, metrics, error };
  });
}
