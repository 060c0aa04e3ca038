// The configuration file `ngt quantize` writes: hls4ml's YAML layout (as `ngt config` writes it), with
// one LayerName entry per searched layer giving its weight, bias, result types and accum 'auto'. The
// graph input has no LayerName entry in hls4ml files (it is not a layer of the model), so its type is
// the Model section's 'result' precision, which every layer with its own result type overrides.
import { formatFixedType } from '@ngt/fxp';
import { stringify } from 'yaml';
import {
  DEFAULT_CLOCK_PERIOD,
  DEFAULT_IO_TYPE,
  DEFAULT_PART,
  DEFAULT_PRECISION,
  DEFAULT_REUSE_FACTOR,
} from '../config/index.js';
import { layerTypesOf } from '../convert/layer-types.js';
import type { Graph } from '../../models/index.js';
import { INPUT_LAYER_CLASS } from './profile.js';
import type { QuantizeResult } from './search.js';

export interface QuantizedConfigFile {
  readonly document: Record<string, unknown>;
  readonly yaml: string;
  /** Layers the search typed that the file cannot name (not layers of the ONNX graph). */
  readonly unnamed: readonly string[];
}

export function quantizedConfigFile(graph: Graph, result: QuantizeResult, tolerance: number): QuantizedConfigFile {
  const names = layerTypesOf(graph);
  const modelPrecision: Record<string, string> = { default: formatFixedType({ ...DEFAULT_PRECISION, spelling: 'hls4ml' }) };
  const layers: Record<string, { Precision: Record<string, string> }> = {};
  const unnamed = new Set<string>();
  for (const entry of result.variables) {
    const type = formatFixedType(entry.type);
    if (entry.hlsClass === INPUT_LAYER_CLASS) {
      modelPrecision.result = type;
      continue;
    }
    if (!names.has(entry.layer)) {
      unnamed.add(entry.layer);
      continue;
    }
    const precision = (layers[entry.layer] ??= { Precision: {} }).Precision;
    precision[entry.variable] = type;
    if (entry.variable === 'weight') precision.accum = 'auto';
  }
  const document = {
    OnnxModel: graph.source,
    Part: DEFAULT_PART,
    ClockPeriod: DEFAULT_CLOCK_PERIOD,
    IOType: DEFAULT_IO_TYPE,
    HLSConfig: {
      Model: { Precision: modelPrecision, ReuseFactor: DEFAULT_REUSE_FACTOR, Strategy: 'Latency' },
      LayerName: layers,
    },
  };
  const metrics = result.metrics;
  const header = [
    `# Post-training quantization of ${graph.source}, written by ngt quantize.`,
    `# Integer bits from ranges profiled on ${metrics.samples} samples; fraction bits the fewest keeping argmax agreement with float >= ${result.target} (tolerance ${tolerance}).`,
    `# On those samples: agreement ${metrics.argmaxAgreement}, max |error| ${metrics.maxAbsError}, multipliers ${metrics.multipliers}${metrics.accuracy === null ? '' : `, accuracy ${metrics.accuracy}`}.`,
    '# The graph input takes Model.Precision.result; every layer below sets its own result.',
  ];
  return { document, yaml: `${header.join('\n')}\n${stringify(document, { lineWidth: 0 })}`, unnamed: [...unnamed] };
}
