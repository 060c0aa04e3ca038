// A starting configuration for a model, as hls4ml's config_from_onnx_model writes one
// (hls4ml/utils/config.py): Model {Precision, ReuseFactor, Strategy}, and for granularity 'type' one
// LayerType entry per hls4ml type (from its first layer), for 'name' one LayerName entry per layer,
// each with the layer's precision variables ('auto' where hls4ml's attribute has no default, so the
// precision-inference pass decides; the table types' defaults otherwise), ReuseFactor, Trace, and for
// activations TableSize (Softmax also Implementation). Wrapped in the top-level keys of hls4ml's YAML file.
import { formatFixedType } from '@ngt/fxp';
import { stringify } from 'yaml';
import type { Graph } from '../../models/index.js';
import {
  DEFAULT_CLOCK_PERIOD,
  DEFAULT_IO_TYPE,
  DEFAULT_OUTPUT_DIR,
  DEFAULT_PART,
  DEFAULT_PRECISION_TEXT,
  DEFAULT_PROJECT_NAME,
  DEFAULT_REUSE_FACTOR,
  DEFAULT_TABLE_PRECISIONS,
  DEFAULT_TABLE_SIZE,
} from './defaults.js';
import { layerTypesOf } from '../convert/layer-types.js';
import { HLS_LAYER_TYPES } from './layer-types.js';
import type { Granularity } from './types.js';

/** One LayerType / LayerName entry as written. */
export interface LayerEntry {
  Precision: Record<string, string>;
  ReuseFactor?: number;
  Trace: boolean;
  TableSize?: number;
  Implementation?: string;
}

/** The file `ngt config` writes: hls4ml's YAML configuration. */
export interface HlsConfigFile {
  OnnxModel: string;
  OutputDir: string;
  ProjectName: string;
  Backend: string;
  Part: string;
  ClockPeriod: number;
  IOType: string;
  HLSConfig: {
    Model: { Precision: string; ReuseFactor: number; Strategy: string };
    LayerType?: Record<string, LayerEntry>;
    LayerName?: Record<string, LayerEntry>;
  };
}

export interface ConfigFromModelOptions {
  readonly granularity: Granularity;
  /** Model.Precision, default fixed<16,6>. */
  readonly defaultPrecision?: string;
  /** Model.ReuseFactor and every layer's, default 1. */
  readonly defaultReuseFactor?: number;
}

function layerEntry(type: string, reuseFactor: number): LayerEntry {
  const info = HLS_LAYER_TYPES.get(type);
  const precision: Record<string, string> = { result: 'auto' };
  for (const variable of info?.variables ?? []) {
    const tableDefault = DEFAULT_TABLE_PRECISIONS.get(variable);
    precision[variable] = info?.generated?.[variable] ?? (tableDefault ? formatFixedType(tableDefault) : 'auto');
  }
  return {
    Precision: precision,
    ...(info?.reuse && { ReuseFactor: reuseFactor }),
    Trace: false,
    ...(info?.table && { TableSize: DEFAULT_TABLE_SIZE }),
    ...(type === 'Softmax' && { Implementation: 'stable' }),
  };
}

export function configFromModel(graph: Graph, options: ConfigFromModelOptions): HlsConfigFile {
  const reuseFactor = options.defaultReuseFactor ?? DEFAULT_REUSE_FACTOR;
  const hlsConfig: HlsConfigFile['HLSConfig'] = {
    Model: { Precision: options.defaultPrecision ?? DEFAULT_PRECISION_TEXT, ReuseFactor: reuseFactor, Strategy: 'Latency' },
  };
  const typeOf = layerTypesOf(graph);
  if (options.granularity === 'type') {
    const types: Record<string, LayerEntry> = {};
    for (const layer of graph.layers) {
      const type = typeOf.get(layer.name) ?? 'Activation';
      types[type] ??= layerEntry(type, reuseFactor);
    }
    hlsConfig.LayerType = types;
  } else if (options.granularity === 'name') {
    hlsConfig.LayerName = Object.fromEntries(graph.layers.map((layer) => [layer.name, layerEntry(typeOf.get(layer.name) ?? 'Activation', reuseFactor)]));
  }
  return {
    OnnxModel: graph.source,
    OutputDir: DEFAULT_OUTPUT_DIR,
    ProjectName: DEFAULT_PROJECT_NAME,
    Backend: 'Vivado',
    Part: DEFAULT_PART,
    ClockPeriod: DEFAULT_CLOCK_PERIOD,
    IOType: DEFAULT_IO_TYPE,
    HLSConfig: hlsConfig,
  };
}

/** The configuration as YAML, with a header saying where it came from. */
export function formatHlsConfigYaml(config: HlsConfigFile): string {
  const header = [
    `# hls4ml-style configuration for ${config.OnnxModel}, written by ngt config.`,
    "# Precision 'auto' is inferred as hls4ml's infer_precision does; lookup: LayerName, LayerType, Model.",
  ];
  return `${header.join('\n')}\n${stringify(config, { lineWidth: 0 })}`;
}
