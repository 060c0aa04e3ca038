// Reading a configuration: hls4ml's own YAML file as it is (top-level OutputDir, ProjectName,
// OnnxModel, Part, ClockPeriod, IOType, HLSConfig, ...; docs/api/configuration.rst and the Vivado
// backend's create_initial_config), or a bare HLSConfig (Model / LayerType / LayerName), in YAML or JSON.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import {
  DEFAULT_CLOCK_PERIOD,
  DEFAULT_IO_TYPE,
  DEFAULT_PART,
  DEFAULT_PROJECT_NAME,
} from './defaults.js';
import { ConfigError, describeValue, KeyPath, listNames } from './errors.js';
import { canonicalLayerType, HLS_LAYER_TYPES } from './layer-types.js';
import { lookupLayer, type Sections } from './lookup.js';
import { checkKeys, expectMapping, readLayerSection, readModelSection, type SectionSettings } from './sections.js';
import type { Granularity, HlsConfig, IoType } from './types.js';

export interface ParseOptions {
  /** The model's layer names: LayerName entries must name one of them. */
  readonly layerNames?: ReadonlySet<string>;
  /** The model's layers' hls4ml types by name (layerTypesOf(graph)); implies layerNames. */
  readonly layerTypes?: ReadonlyMap<string, string>;
}

const TOP_LEVEL_KEYS = [
  'OnnxModel',
  'OutputDir',
  'ProjectName',
  'ProjectDir',
  'Backend',
  'Version',
  'Stamp',
  'Part',
  'XilinxPart',
  'ClockPeriod',
  'ClockUncertainty',
  'IOType',
  'InputData',
  'OutputPredictions',
  'WriterConfig',
  'HLSConfig',
] as const;
const HLS_CONFIG_KEYS = ['Model', 'LayerType', 'LayerName'] as const;
/** Keys of hls4ml files for other frontends: recognised, and refused with a reason. */
const OTHER_FRONTENDS = ['KerasJson', 'KerasH5', 'KerasModel', 'PytorchModel', 'InputShape', 'TensorFlowModel'];

function refusedTopLevel(key: string): string | null {
  if (OTHER_FRONTENDS.includes(key)) return `ngt reads ONNX/QONNX models only, not ${key}; export the model to ONNX and name it in OnnxModel`;
  if ((HLS_CONFIG_KEYS as readonly string[]).includes(key)) return `'${key}' belongs under HLSConfig in a file with top-level keys`;
  return null;
}

function text(value: unknown, path: KeyPath): string {
  if (typeof value !== 'string' || value.trim() === '') throw path.error(`must be a non-empty string, not ${describeValue(value)}`);
  return value;
}

function positiveNumber(value: unknown, path: KeyPath): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw path.error(`must be a positive number of nanoseconds, not ${describeValue(value)}`);
  return value;
}

function readDocument(textContent: string, source: string): unknown {
  const json = extname(source).toLowerCase() === '.json' || (extname(source) === '' && textContent.trimStart().startsWith('{'));
  if (json) {
    try {
      return JSON.parse(textContent) as unknown;
    } catch (error) {
      throw new ConfigError(`${source}: not valid JSON: ${(error as Error).message}`, error);
    }
  }
  const document = parseDocument(textContent, { uniqueKeys: true, prettyErrors: false });
  const first = document.errors[0];
  if (first) throw new ConfigError(`${source}: not valid YAML: ${first.message}`, first);
  try {
    return document.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new ConfigError(`${source}: not valid YAML: ${(error as Error).message}`, error);
  }
}

function readLayerTypes(value: unknown, path: KeyPath): Map<string, SectionSettings> {
  const mapping = expectMapping(value, path, 'hls4ml layer types to settings');
  const types = new Map<string, SectionSettings>();
  for (const [key, entry] of Object.entries(mapping)) {
    const type = canonicalLayerType(key);
    if (type === null) throw path.child(key).error(`unknown layer type '${key}' (types: ${[...HLS_LAYER_TYPES.keys()].join(', ')})`);
    if (types.has(type.toLowerCase())) throw path.child(key).error(`configures layer type '${type}' a second time (type names are case-insensitive, as in hls4ml)`);
    types.set(type.toLowerCase(), readLayerSection(entry, path.child(key), type === 'Softmax'));
  }
  return types;
}

function readLayerNames(value: unknown, path: KeyPath, options: ParseOptions): Map<string, SectionSettings> {
  const mapping = expectMapping(value, path, 'layer names to settings');
  const known = options.layerTypes ? [...options.layerTypes.keys()] : options.layerNames ? [...options.layerNames] : null;
  const byLower = new Map((known ?? []).map((name) => [name.toLowerCase(), name]));
  const names = new Map<string, SectionSettings>();
  for (const [key, entry] of Object.entries(mapping)) {
    const lower = key.toLowerCase();
    const modelName = byLower.get(lower);
    if (known && modelName === undefined) throw path.child(key).error(`no layer '${key}' in the model (layers: ${listNames(known)})`);
    if (names.has(lower)) throw path.child(key).error(`configures layer '${key}' a second time (layer names are case-insensitive, as in hls4ml)`);
    const type = modelName === undefined ? undefined : options.layerTypes?.get(modelName);
    names.set(lower, readLayerSection(entry, path.child(key), type === undefined ? null : type === 'Softmax'));
  }
  return names;
}

function readSections(value: unknown, path: KeyPath, options: ParseOptions): { sections: Sections; granularity: Granularity } {
  const mapping = value === null || value === undefined ? {} : expectMapping(value, path, 'Model, LayerType and LayerName sections');
  checkKeys(mapping, HLS_CONFIG_KEYS, path, (key) =>
    (TOP_LEVEL_KEYS as readonly string[]).includes(key) ? `'${key}' is a top-level key, not part of HLSConfig` : null,
  );
  const model = readModelSection(mapping.Model ?? {}, path.child('Model'));
  const types = mapping.LayerType === undefined ? new Map() : readLayerTypes(mapping.LayerType, path.child('LayerType'));
  const names = mapping.LayerName === undefined ? new Map() : readLayerNames(mapping.LayerName, path.child('LayerName'), options);
  const granularity: Granularity = names.size > 0 ? 'name' : types.size > 0 ? 'type' : 'model';
  return { sections: { model, types, names }, granularity };
}

/** hls4ml's Vivado backend default ClockUncertainty. */
const DEFAULT_CLOCK_UNCERTAINTY = { percent: 12.5 } as const;

/** ClockUncertainty as a fraction of the period (ns divided by the period), capped below 1. */
export function clockUncertaintyFraction(config: Pick<HlsConfig, 'clockPeriod' | 'clockUncertainty'>): number {
  const u = config.clockUncertainty;
  const fraction = 'ns' in u ? u.ns / config.clockPeriod : u.percent / 100;
  return Math.min(fraction, 0.95);
}

function makeConfig(fields: Omit<HlsConfig, 'layer' | 'granularity'>, sections: Sections, granularity: Granularity): HlsConfig {
  return { ...fields, granularity, layer: (query) => lookupLayer(sections, query) };
}

/**
 * Parses a configuration from text. `source` names it in messages and picks the format: '.json'
 * is JSON, anything else YAML (which also reads JSON), or JSON when it has no extension and starts with '{'.
 */
export function parseHlsConfig(textContent: string, source: string, options: ParseOptions = {}): HlsConfig {
  const document = readDocument(textContent, source);
  const root = new KeyPath(source, '');
  if (document === null || document === undefined) return makeConfig(defaultFields(source), readSections({}, root, options).sections, 'model');
  const mapping = expectMapping(document, root, 'hls4ml configuration keys');
  const keys = Object.keys(mapping);
  const bare = keys.length > 0 && keys.every((key) => (HLS_CONFIG_KEYS as readonly string[]).includes(key));
  if (bare) {
    const { sections, granularity } = readSections(mapping, root, options);
    return makeConfig(defaultFields(source), sections, granularity);
  }
  checkKeys(mapping, TOP_LEVEL_KEYS, root, refusedTopLevel);
  if (mapping.Part !== undefined && mapping.XilinxPart !== undefined) throw root.child('XilinxPart').error(`repeats Part; give one of the two`);
  if (mapping.Backend !== undefined) {
    const backend = mapping.Backend;
    if (typeof backend !== 'string' || !['vivado', 'vitis'].includes(backend.toLowerCase())) {
      throw root.child('Backend').error(`must be Vivado or Vitis (ngt follows hls4ml's Vivado/Vitis backends), not ${describeValue(backend)}`);
    }
  }
  for (const key of ['Version', 'Stamp', 'ProjectDir', 'InputData', 'OutputPredictions'] as const) {
    if (mapping[key] !== undefined) text(String(mapping[key] ?? ''), root.child(key));
  }
  let clockUncertainty: HlsConfig['clockUncertainty'] = DEFAULT_CLOCK_UNCERTAINTY;
  if (mapping.ClockUncertainty !== undefined) {
    const uncertainty = mapping.ClockUncertainty;
    const match = typeof uncertainty === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(uncertainty) : null;
    if (typeof uncertainty === 'number' && uncertainty >= 0) clockUncertainty = { ns: uncertainty };
    else if (match) clockUncertainty = match[2] ? { percent: Number(match[1]) } : { ns: Number(match[1]) };
    else throw root.child('ClockUncertainty').error(`must be a number of nanoseconds or a percentage such as '12.5%', not ${describeValue(uncertainty)}`);
  }
  if (mapping.WriterConfig !== undefined) expectMapping(mapping.WriterConfig, root.child('WriterConfig'), "hls4ml's C++ writer options");
  let ioType: IoType = DEFAULT_IO_TYPE;
  if (mapping.IOType !== undefined) {
    if (mapping.IOType !== 'io_parallel' && mapping.IOType !== 'io_stream') throw root.child('IOType').error(`must be io_parallel or io_stream, not ${describeValue(mapping.IOType)}`);
    ioType = mapping.IOType;
  }
  const partKey = mapping.XilinxPart !== undefined ? 'XilinxPart' : 'Part';
  const { sections, granularity } = readSections(mapping.HLSConfig, root.child('HLSConfig'), options);
  return makeConfig(
    {
      source,
      projectName: mapping.ProjectName === undefined ? DEFAULT_PROJECT_NAME : text(mapping.ProjectName, root.child('ProjectName')),
      outputDir: mapping.OutputDir === undefined ? null : text(mapping.OutputDir, root.child('OutputDir')),
      part: mapping[partKey] === undefined ? DEFAULT_PART : text(mapping[partKey], root.child(partKey)),
      clockPeriod: mapping.ClockPeriod === undefined ? DEFAULT_CLOCK_PERIOD : positiveNumber(mapping.ClockPeriod, root.child('ClockPeriod')),
      clockUncertainty,
      ioType,
      model: mapping.OnnxModel === undefined ? null : text(mapping.OnnxModel, root.child('OnnxModel')),
    },
    sections,
    granularity,
  );
}

function defaultFields(source: string): Omit<HlsConfig, 'layer' | 'granularity'> {
  return {
    source,
    projectName: DEFAULT_PROJECT_NAME,
    outputDir: null,
    part: DEFAULT_PART,
    clockPeriod: DEFAULT_CLOCK_PERIOD,
    clockUncertainty: DEFAULT_CLOCK_UNCERTAINTY,
    ioType: DEFAULT_IO_TYPE,
    model: null,
  };
}

/** Reads and parses a configuration file (YAML, or JSON by extension or content). */
export function loadHlsConfig(path: string, options: ParseOptions = {}): HlsConfig {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the configuration file: ${(error as Error).message}`, error);
  }
  return parseHlsConfig(content, path, options);
}

/** hls4ml's defaults: fixed<16,6>, ReuseFactor 1, Latency, io_parallel, 5 ns, xcvu13p-flga2577-2-e. */
export function defaultHlsConfig(): HlsConfig {
  const source = '<built-in default>';
  return makeConfig(defaultFields(source), readSections({}, new KeyPath(source, ''), {}).sections, 'model');
}
