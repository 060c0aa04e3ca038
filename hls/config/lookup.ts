// Answers for one layer from the parsed sections, in hls4ml's lookup order (hls4ml/model/graph.py
// HLSConfig): precision LayerName+variable, LayerName default, LayerType+variable, LayerType
// default, Model+variable, Model default; reuse factor and strategy LayerName, LayerType, Model.
// Names and types match case-insensitively, as hls4ml lower-cases both.
import { DEFAULT_PRECISION, DEFAULT_REUSE_FACTOR, DEFAULT_TABLE_PRECISIONS, DEFAULT_TABLE_SIZE } from './defaults.js';
import type { SectionSettings } from './sections.js';
import { TABLE_VARIABLES } from './precision.js';
import type { LayerConfig, LayerQuery, PrecisionSpec, SoftmaxImplementation, Strategy } from './types.js';

export interface Sections {
  readonly model: SectionSettings;
  /** By lower-cased type name. */
  readonly types: ReadonlyMap<string, SectionSettings>;
  /** By lower-cased layer name. */
  readonly names: ReadonlyMap<string, SectionSettings>;
}

function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

/** The precision of `variable` ('exp_table_t' is read as 'exp_table'). */
export function lookupPrecision(sections: Sections, query: LayerQuery, variable: string): PrecisionSpec {
  const name = sections.names.get(query.name.toLowerCase());
  const type = sections.types.get(query.type.toLowerCase());
  const wanted = variable.endsWith('_t') ? variable.slice(0, -2) : variable;
  const tableDefault = DEFAULT_TABLE_PRECISIONS.get(wanted);
  if (TABLE_VARIABLES.has(wanted) && tableDefault) {
    // hls4ml sets table types from their own entries or the attribute default (fpga_backend.py),
    // never through get_precision's 'default' fallbacks.
    return firstDefined(name?.precision.get(wanted), type?.precision.get(wanted), sections.model.precision.get(wanted)) ?? tableDefault;
  }
  return (
    firstDefined(
      name?.precision.get(wanted),
      name?.precision.get('default'),
      type?.precision.get(wanted),
      type?.precision.get('default'),
      sections.model.precision.get(wanted),
      sections.model.precision.get('default'),
    ) ?? DEFAULT_PRECISION
  );
}

/** Everything the sections say about one layer. */
export function lookupLayer(sections: Sections, query: LayerQuery): LayerConfig {
  const name = sections.names.get(query.name.toLowerCase());
  const type = sections.types.get(query.type.toLowerCase());
  const softmax = query.type.toLowerCase() === 'softmax';
  if (!softmax) {
    // Only a LayerName entry read without the model's layer types can get here with a Softmax-only setting.
    const key = name?.softmaxKey;
    const implementation = name?.softmaxImplementation;
    if (key && implementation && (implementation !== 'latency' || key.path.endsWith('.Implementation'))) {
      throw key.error(`'${implementation}' is a Softmax implementation, but layer '${query.name}' is a ${query.type}`);
    }
  }
  const reuseFactor = firstDefined(name?.reuseFactor, type?.reuseFactor, sections.model.reuseFactor) ?? DEFAULT_REUSE_FACTOR;
  const strategy: Strategy = firstDefined(name?.strategy, type?.strategy, sections.model.strategy) ?? 'latency';
  const softmaxImplementation: SoftmaxImplementation = softmax ? (firstDefined(name?.softmaxImplementation, type?.softmaxImplementation) ?? 'stable') : 'stable';
  const tableSize = firstDefined(name?.tableSize, type?.tableSize) ?? DEFAULT_TABLE_SIZE;
  const trace = firstDefined(name?.trace, type?.trace, sections.model.trace) ?? false;
  return {
    precision: (variable: string) => lookupPrecision(sections, query, variable),
    reuseFactor,
    strategy,
    softmaxImplementation,
    tableSize,
    trace,
  };
}
