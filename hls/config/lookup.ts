// Answers for one layer from the parsed sections, in hls4ml's lookup order (hls4ml/model/graph.py
// HLSConfig): precision LayerName+variable, LayerName default, LayerType+variable, LayerType
// default, Model+variable, Model default; reuse factor and strategy LayerName, LayerType, Model.
// Names and types match case-insensitively, as hls4ml lower-cases both.
import { formatFixedType, sameType } from '@ngt/fxp';
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
  if (TABLE_VARIABLES.has(wanted)) {
    // hls4ml sets table types from the entry's own *_t key (LayerName over LayerType, as
    // get_layer_config merges them) or the attribute default (fpga_backend.py), never through
    // get_precision; 'auto' where there is no default (inp_norm, which the template derives).
    return firstDefined(name?.precision.get(wanted), type?.precision.get(wanted)) ?? DEFAULT_TABLE_PRECISIONS.get(wanted) ?? 'auto';
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

function sameSpec(a: PrecisionSpec, b: PrecisionSpec): boolean {
  return a === 'auto' || b === 'auto' ? a === b : sameType(a, b);
}

/** Table types this layer's sections write inside Precision that differ from what hls4ml (and ngt) use. */
function unreadTableNotes(sections: Sections, query: LayerQuery, variables: readonly string[]): string[] {
  const notes: string[] = [];
  const levels = [sections.names.get(query.name.toLowerCase()), sections.types.get(query.type.toLowerCase()), sections.model];
  for (const variable of variables) {
    if (!TABLE_VARIABLES.has(variable)) continue;
    const used = lookupPrecision(sections, query, variable);
    for (const level of levels) {
      const unread = level?.unreadTables?.get(variable);
      if (!unread || sameSpec(unread.spec, used)) continue;
      const shown = used === 'auto' ? 'derived from the input type' : formatFixedType(used);
      notes.push(`${unread.path.source}: ${unread.path.path}: hls4ml reads table types only from a '${variable}_t' key of the layer's entry, not from Precision, so layer '${query.name}' uses ${shown}`);
    }
  }
  return notes;
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
    unreadTableNotes: (variables: readonly string[]) => unreadTableNotes(sections, query, variables),
    reuseFactor,
    strategy,
    softmaxImplementation,
    tableSize,
    trace,
  };
}
