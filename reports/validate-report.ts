// validateReport: checks that a parsed JSON value is a Report of this schema version, field by field, and
// throws a ReportError naming the first bad field's path ("layers[2].ii[0].cycles must be ..., not ...").
import { ReportError } from './report-error.js';
import {
  figureSources,
  reportStrategies,
  resourceKeys,
  schemaName,
  schemaVersion,
  type FigureSource,
  type LayerRow,
  type Report,
  type ResourceSummary,
  type Timeline,
} from './schema.js';

type Json = unknown;
type Obj = Readonly<Record<string, Json>>;

function describe(value: Json): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

function fail(path: string, expected: string, value: Json): never {
  throw new ReportError(path, `${path === '' ? 'the report' : path} must be ${expected}, not ${describe(value)}`);
}

function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function object(value: Json, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Obj;
}

function array(value: Json, path: string): readonly Json[] {
  if (!Array.isArray(value)) fail(path, 'an array', value);
  return value;
}

function string(value: Json, path: string): string {
  if (typeof value !== 'string') fail(path, 'a string', value);
  return value;
}

function nonEmptyString(value: Json, path: string): string {
  if (typeof value !== 'string' || value === '') fail(path, 'a non-empty string', value);
  return value;
}

function number(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(path, 'a finite number >= 0', value);
  return value;
}

function positive(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(path, 'a finite number > 0', value);
  return value;
}

function count(value: Json, path: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(path, `an integer >= ${min}`, value);
  return value;
}

function fraction(value: Json, path: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(path, 'a fraction in [0, 1]', value);
  return value;
}

function oneOf<T extends string>(value: Json, path: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(path, `one of ${options.map((option) => `'${option}'`).join(', ')}`, value);
  }
  return value as T;
}

function shape(value: Json, path: string): void {
  array(value, path).forEach((dimension, index) => count(dimension, at(path, index), 1));
}

/** A list of readings of one figure: non-empty, each a known source, no source twice. */
function readings(value: Json, path: string, fields: Readonly<Record<string, (v: Json, p: string) => unknown>>): void {
  const list = array(value, path);
  if (list.length === 0) fail(path, 'a non-empty array of readings', value);
  const seen = new Set<FigureSource>();
  list.forEach((item, index) => {
    const itemPath = at(path, index);
    const reading = object(item, itemPath);
    for (const [key, check] of Object.entries(fields)) check(reading[key], at(itemPath, key));
    const source = oneOf(reading['source'], at(itemPath, 'source'), figureSources);
    if (seen.has(source)) fail(at(itemPath, 'source'), `a source not already read in ${path}`, source);
    seen.add(source);
  });
}

const cycleFields = { cycles: (v: Json, p: string) => count(v, p) };
const resourceFields = Object.fromEntries(resourceKeys.map((key) => [key, (v: Json, p: string) => count(v, p)]));
const utilizationFields = Object.fromEntries(resourceKeys.map((key) => [key, (v: Json, p: string) => number(v, p)]));

function layer(value: Json, path: string): void {
  const row = object(value, path);
  nonEmptyString(row['name'], at(path, 'name'));
  nonEmptyString(row['kind'], at(path, 'kind'));
  shape(row['inputShape'], at(path, 'inputShape'));
  shape(row['outputShape'], at(path, 'outputShape'));
  const precision = object(row['precision'], at(path, 'precision'));
  nonEmptyString(precision['result'], at(at(path, 'precision'), 'result'));
  for (const [key, text] of Object.entries(precision)) nonEmptyString(text, at(at(path, 'precision'), key));
  count(row['reuseFactor'], at(path, 'reuseFactor'), 1);
  oneOf(row['strategy'], at(path, 'strategy'), reportStrategies);
  readings(row['latency'], at(path, 'latency'), cycleFields);
  readings(row['ii'], at(path, 'ii'), { cycles: (v: Json, p: string) => count(v, p, 1) });
  readings(row['resources'], at(path, 'resources'), resourceFields);
}

function resourceSummary(value: Json, path: string): void {
  const summary = object(value, path);
  nonEmptyString(summary['part'], at(path, 'part'));
  const capacity = object(summary['capacity'], at(path, 'capacity'));
  for (const key of resourceKeys) count(capacity[key], at(at(path, 'capacity'), key), 1);
  readings(summary['totals'], at(path, 'totals'), resourceFields);
  readings(summary['utilization'], at(path, 'utilization'), utilizationFields);
  // Percentages are derived data: they must agree with totals / capacity, or a reader is misled.
  const typed = summary as unknown as ResourceSummary;
  typed.utilization.forEach((reading, index) => {
    const total = typed.totals.find((candidate) => candidate.source === reading.source);
    const readingPath = at(at(path, 'utilization'), index);
    if (total === undefined) fail(at(readingPath, 'source'), 'a source that totals also has', reading.source);
    for (const key of resourceKeys) {
      const expected = (100 * total[key]) / typed.capacity[key];
      if (Math.abs(reading[key] - expected) > 1e-6 * Math.max(1, expected)) {
        fail(at(readingPath, key), `100 * totals / capacity = ${expected}`, reading[key]);
      }
    }
  });
}

function timeline(value: Json, path: string): void {
  const timelineObject = object(value, path);
  oneOf(timelineObject['source'], at(path, 'source'), figureSources);
  array(timelineObject['spans'], at(path, 'spans')).forEach((item, index) => {
    const spanPath = at(at(path, 'spans'), index);
    const span = object(item, spanPath);
    nonEmptyString(span['layer'], at(spanPath, 'layer'));
    count(span['sample'], at(spanPath, 'sample'));
    const start = count(span['startCycle'], at(spanPath, 'startCycle'));
    count(span['endCycle'], at(spanPath, 'endCycle'), start);
  });
}

function fifoOccupancy(value: Json, path: string): void {
  const occupancy = object(value, path);
  oneOf(occupancy['source'], at(path, 'source'), figureSources);
  array(occupancy['fifos'], at(path, 'fifos')).forEach((item, index) => {
    const fifoPath = at(at(path, 'fifos'), index);
    const fifo = object(item, fifoPath);
    nonEmptyString(fifo['name'], at(fifoPath, 'name'));
    const depth = count(fifo['depth'], at(fifoPath, 'depth'), 1);
    let previous = -1;
    array(fifo['points'], at(fifoPath, 'points')).forEach((point, pointIndex) => {
      const pointPath = at(at(fifoPath, 'points'), pointIndex);
      const pair = array(point, pointPath);
      if (pair.length !== 2) fail(pointPath, 'a [cycle, occupancy] pair', point);
      const cycle = count(pair[0], at(pointPath, 0));
      if (cycle <= previous) fail(at(pointPath, 0), `a cycle after ${previous}`, cycle);
      previous = cycle;
      const level = count(pair[1], at(pointPath, 1));
      if (level > depth) fail(at(pointPath, 1), `an occupancy <= depth ${depth}`, level);
    });
  });
}

function comparison(value: Json, path: string): void {
  const row = object(value, path);
  nonEmptyString(row['name'], at(path, 'name'));
  count(row['samples'], at(path, 'samples'), 1);
  number(row['maxAbsError'], at(path, 'maxAbsError'));
  number(row['meanAbsError'], at(path, 'meanAbsError'));
  fraction(row['argmaxAgreement'], at(path, 'argmaxAgreement'));
  if (row['accuracy'] !== null) fraction(row['accuracy'], at(path, 'accuracy'));
  if (row['floatAccuracy'] !== null) fraction(row['floatAccuracy'], at(path, 'floatAccuracy'));
  count(row['multipliers'], at(path, 'multipliers'));
  readings(row['resources'], at(path, 'resources'), resourceFields);
  readings(row['latency'], at(path, 'latency'), cycleFields);
}

/** Checks a parsed report.json; returns it typed, or throws a ReportError naming the bad field. */
export function validateReport(json: unknown): Report {
  const root = object(json, '');
  if (root['schema'] !== schemaName) fail('schema', `'${schemaName}'`, root['schema']);
  if (root['schemaVersion'] !== schemaVersion) fail('schemaVersion', String(schemaVersion), root['schemaVersion']);
  const tool = object(root['tool'], 'tool');
  nonEmptyString(tool['name'], 'tool.name');
  nonEmptyString(tool['version'], 'tool.version');
  const date = string(root['date'], 'date');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(date)) fail('date', 'an ISO 8601 date-time', date);
  const model = object(root['model'], 'model');
  nonEmptyString(model['name'], 'model.name');
  string(model['source'], 'model.source');
  const config = object(root['config'], 'config');
  nonEmptyString(config['part'], 'config.part');
  positive(config['clockPeriodNs'], 'config.clockPeriodNs');
  oneOf(config['ioType'], 'config.ioType', ['io_parallel', 'io_stream']);
  nonEmptyString(config['label'], 'config.label');
  if (config['file'] !== null) {
    const file = object(config['file'], 'config.file');
    nonEmptyString(file['path'], 'config.file.path');
    string(file['text'], 'config.file.text');
  }
  nonEmptyString(config['defaultPrecision'], 'config.defaultPrecision');
  count(config['defaultReuseFactor'], 'config.defaultReuseFactor', 1);
  oneOf(config['defaultStrategy'], 'config.defaultStrategy', reportStrategies);
  const layers = array(root['layers'], 'layers');
  if (layers.length === 0) fail('layers', 'a non-empty array', layers);
  layers.forEach((item, index) => layer(item, at('layers', index)));
  const names = new Set<string>();
  (layers as readonly LayerRow[]).forEach((row, index) => {
    if (names.has(row.name)) fail(at(at('layers', index), 'name'), 'a name no other layer has', row.name);
    names.add(row.name);
  });
  resourceSummary(root['resources'], 'resources');
  readings(root['latency'], 'latency', { cycles: (v: Json, p: string) => count(v, p), ns: (v: Json, p: string) => number(v, p) });
  readings(root['ii'], 'ii', { cycles: (v: Json, p: string) => count(v, p, 1) });
  readings(root['maxClock'], 'maxClock', { mhz: (v: Json, p: string) => positive(v, p) });
  if (root['timeline'] !== null) {
    timeline(root['timeline'], 'timeline');
    (root['timeline'] as Timeline).spans.forEach((span, index) => {
      if (!names.has(span.layer)) fail(`timeline.spans[${index}].layer`, 'the name of a layer', span.layer);
    });
  }
  if (root['fifoOccupancy'] !== null) fifoOccupancy(root['fifoOccupancy'], 'fifoOccupancy');
  array(root['comparisons'], 'comparisons').forEach((item, index) => comparison(item, at('comparisons', index)));
  if (root['overflows'] !== null) {
    const overflows = object(root['overflows'], 'overflows');
    const samples = count(overflows['samples'], 'overflows.samples', 1);
    if (count(overflows['of'], 'overflows.of', 1) < samples) fail('overflows.of', `at least overflows.samples (${samples})`, overflows['of']);
    array(overflows['rows'], 'overflows.rows').forEach((item, index) => {
      const path = at('overflows.rows', index);
      const row = object(item, path);
      nonEmptyString(row['layer'], at(path, 'layer'));
      nonEmptyString(row['variable'], at(path, 'variable'));
      nonEmptyString(row['type'], at(path, 'type'));
      oneOf(row['mode'], at(path, 'mode'), ['wrap', 'saturate']);
      const casts = count(row['casts'], at(path, 'casts'), 1);
      if (count(row['overflows'], at(path, 'overflows'), 1) > casts) fail(at(path, 'overflows'), `at most casts (${casts})`, row['overflows']);
    });
  }
  array(root['warnings'], 'warnings').forEach((warning, index) => nonEmptyString(warning, at('warnings', index)));
  array(root['notes'], 'notes').forEach((note, index) => string(note, at('notes', index)));
  return json as Report;
}

