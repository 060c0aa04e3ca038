// Flow graph to hardware IR: each node's configuration is looked up as hls4ml does (by layer name and
// hls4ml class), its precisions resolved ('auto' inferred per kind), its weights quantized to raws.
// Graph inputs get the configured 'result' precision of hls4ml's InputLayer.
import { fixedType, invariant, type FixedType } from '@ngt/fxp';
import { HLS_LAYER_TYPES } from '../config/layer-types.js';
import { checkReuseFactor } from '../config/reuse-factor.js';
import type { HlsConfig } from '../config/types.js';
import { UnsupportedLayerError } from '../errors.js';
import type { FlowGraph } from '../ir/flow.js';
import type { HwLayer, HwModel, HwTensor } from '../ir/hardware.js';
import { loweringOf, supportedClasses } from '../layers/registry.js';

/** hls4ml's own default, for configurations that leave even the Model default to 'auto'. */
const HLS4ML_DEFAULT = fixedType(16, 6, { spelling: 'hls4ml' });

/** The Model-level default precision (hls4ml's model_precision['default']). */
export function modelDefaultPrecision(config: HlsConfig): FixedType {
  const spec = config.layer({ name: '\u0000model', type: '\u0000model' }).precision('default');
  return spec === 'auto' ? HLS4ML_DEFAULT : spec;
}

/** One sample's shape from a batch-1 IR shape. */
function sampleShape(shape: readonly number[]): number[] {
  return shape.slice(1);
}

export interface LowerOptions {
  /**
   * An invalid ReuseFactor: 'error' (a ConfigError listing the valid values; the CLI's default) or
   * 'adjust' (the closest valid one and a note, as hls4ml's set_closest_reuse_factor; the CLI's --adjust).
   */
  readonly reuseFactors?: 'error' | 'adjust';
}

export function lowerGraph(graph: FlowGraph, config: HlsConfig, options: LowerOptions = {}): HwModel {
  const adjust = (options.reuseFactors ?? 'adjust') === 'adjust';
  const modelDefault = modelDefaultPrecision(config);
  const tensors = new Map<string, HwTensor>();
  const notes: string[] = [...graph.notes];
  for (const input of graph.inputs) {
    const spec = config.layer({ name: input, type: 'InputLayer' }).precision('result');
    const shape = graph.tensors.get(input)?.shape ?? [];
    tensors.set(input, { name: input, shape: sampleShape(shape), type: spec === 'auto' ? modelDefault : spec });
  }
  const layers: HwLayer[] = [];
  for (const node of graph.nodes) {
    const lowering = loweringOf(node);
    if (!lowering) {
      const what = node.kind !== 'onnx' ? `'${node.kind}'` : node.layer.kind === 'activation' ? `activation '${node.layer.activation.kind}'` : `'${node.layer.opType}' (${node.layer.kind})`;
      throw new UnsupportedLayerError(`${graph.source}: node '${node.name}': ${what} has no hardware layer; supported hls4ml classes: ${supportedClasses().join(', ')}`);
    }
    const inputs = node.inputs.map((name) => {
      const tensor = tensors.get(name);
      if (!tensor) throw new UnsupportedLayerError(`${graph.source}: node '${node.name}': input '${name}' must be computed by a supported layer, not a constant or unknown tensor`);
      return tensor;
    });
    const inputShapes = inputs.map((tensor) => tensor.shape);
    const hlsClass = lowering.hlsClass(node, inputShapes);
    const outputShape = sampleShape(graph.tensors.get(node.output)?.shape ?? []);
    const layerConfig = config.layer({ name: node.name, type: hlsClass });
    for (const note of layerConfig.unreadTableNotes(HLS_LAYER_TYPES.get(hlsClass)?.variables ?? [])) if (!notes.includes(note)) notes.push(note);
    const { layer, outputType } = lowering.lower(node, hlsClass, {
      layerConfig,
      modelDefault,
      inputTypes: inputs.map((tensor) => tensor.type),
      inputShapes,
      outputShape,
      ioType: config.ioType,
      note: (text) => notes.push(text),
      reuseFactor: (layer, nIn, nOut) => {
        const reuseFactor = config.layer({ name: node.name, type: hlsClass }).reuseFactor;
        const checked = checkReuseFactor({ layer, nIn, nOut, reuseFactor, adjust, source: config.source });
        notes.push(...checked.warnings);
        return checked.reuseFactor;
      },
    });
    invariant(!tensors.has(layer.output), `tensor '${layer.output}' must be written once`);
    tensors.set(layer.output, { name: layer.output, shape: outputShape, type: outputType });
    layers.push(layer);
  }
  for (const output of graph.outputs) {
    if (!tensors.has(output.tensor)) throw new UnsupportedLayerError(`${graph.source}: output '${output.name}' must be computed from the inputs, not a constant`);
  }
  return { name: graph.name, source: graph.source, inputs: graph.inputs, outputs: graph.outputs, tensors, layers, notes };
}
