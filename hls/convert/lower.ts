// Flow graph to hardware IR: each node's configuration is looked up as hls4ml does (by layer name and
// hls4ml class), its precisions resolved ('auto' inferred per kind), its weights quantized to raws.
// Graph inputs get the configured 'result' precision of hls4ml's InputLayer.
import { fixedType, formatFixedType, invariant, type FixedType } from '@ngt/fxp';
import { HLS_LAYER_TYPES } from '../config/layer-types.js';
import { ConfigError } from '../config/errors.js';
import { checkReuseFactor } from '../config/reuse-factor.js';
import type { HlsConfig } from '../config/types.js';
import { UnsupportedLayerError } from '../errors.js';
import type { FlowGraph, FlowNode } from '../ir/flow.js';
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

/** hls4ml's merge_linear_activation parents (linear.py _safe_parents: Dense, Conv, BatchNormalization, Activation and its subclasses). */
const SAFE_PARENTS: ReadonlySet<HwLayer['kind']> = new Set<HwLayer['kind']>(['dense', 'conv', 'batch_norm', 'activation', 'table_activation', 'softmax']);

interface FoldState {
  readonly graph: FlowGraph;
  readonly tensors: Map<string, HwTensor>;
  readonly layers: HwLayer[];
  readonly autoResult: Set<string>;
  readonly readers: ReadonlyMap<string, number>;
  /** A folded Quant's output -> the tensor its readers read instead. */
  readonly aliases: Map<string, string>;
  readonly notes: string[];
}

/**
 * A QONNX Quant on activations folds into what computes its input when hls4ml's QONNX flow would fold it
 * (optimizer passes/linear.py): EliminateLinearActivation when it changes no type; MergeLinearActivation
 * when the producer is a safe parent whose result precision is 'auto' (unspecified), which then takes the
 * quantizer's type; and a graph input with an 'auto' InputLayer precision takes it too (its float values
 * are quantized once, as the Quant does). Returns false, with a note, when it stays a layer of its own.
 */
function foldQuantizer(node: Extract<FlowNode, { kind: 'quantize' }>, state: FoldState): boolean {
  const input = node.inputs[0] ?? '';
  const tensor = state.tensors.get(input);
  if (!tensor) return false;
  const sole = (state.readers.get(input) ?? 0) === 1;
  const sameType = formatFixedType(tensor.type) === formatFixedType(node.type);
  if (state.graph.inputs.includes(input) && sole && (sameType || state.autoResult.has(input))) {
    // The input is quantized straight to the quantizer's type; its readers read the input.
    state.tensors.set(input, { ...tensor, type: node.type });
    state.aliases.set(node.output, input);
    return true;
  }
  const index = state.layers.findIndex((layer) => layer.output === input);
  const producer = state.layers[index];
  if (producer && sole && (sameType || (state.autoResult.has(input) && SAFE_PARENTS.has(producer.kind)))) {
    state.layers[index] = { ...producer, output: node.output };
    state.tensors.delete(input);
    state.tensors.set(node.output, { name: node.output, shape: tensor.shape, type: node.type });
    return true;
  }
  const why = !sole
    ? 'its input has other readers'
    : !state.autoResult.has(input)
      ? `the result precision before it is set (${formatFixedType(tensor.type)}); 'result: auto' there folds it, as hls4ml's QONNX flow does`
      : `hls4ml folds Quant only after Dense, Conv, BatchNormalization and activations, not ${producer?.hlsClass ?? 'this'}`;
  state.notes.push(`${node.name}: QONNX Quant kept as a layer of its own (${formatFixedType(node.type)}): ${why}`);
  return false;
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
  // Tensors whose producer's (or the input's) result precision is 'auto': a QONNX Quant after them folds in.
  const autoResult = new Set(graph.inputs.filter((input) => config.layer({ name: input, type: 'InputLayer' }).precision('result') === 'auto'));
  const readers = new Map<string, number>();
  for (const node of graph.nodes) for (const input of node.inputs) readers.set(input, (readers.get(input) ?? 0) + 1);
  for (const output of graph.outputs) readers.set(output.tensor, (readers.get(output.tensor) ?? 0) + 1);
  const aliases = new Map<string, string>();
  const resolve = (name: string): string => aliases.get(name) ?? name;
  for (const original of graph.nodes) {
    const node = original.inputs.some((name) => aliases.has(name)) ? ({ ...original, inputs: original.inputs.map(resolve) } as FlowNode) : original;
    if (node.kind === 'quantize' && foldQuantizer(node, { graph, tensors, layers, autoResult, readers, aliases, notes })) continue;
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
        if (layerConfig.strategy === 'distributed_arithmetic' && reuseFactor !== 1) {
          // hls4ml's DistributedArithmeticCodegen.match raises for rf != 1 (vivado/passes/distributed_arithmetic.py).
          const where = `${config.source}: ReuseFactor of layer '${layer}'`;
          if (!adjust) throw new ConfigError(`${where} must be 1 with Strategy distributed_arithmetic, not ${reuseFactor}`);
          notes.push(`${where}: ${reuseFactor} is not valid with Strategy distributed_arithmetic; using 1`);
          return 1;
        }
        const checked = checkReuseFactor({ layer, nIn, nOut, reuseFactor, adjust, source: config.source });
        notes.push(...checked.warnings);
        return checked.reuseFactor;
      },
    });
    invariant(!tensors.has(layer.output), `tensor '${layer.output}' must be written once`);
    tensors.set(layer.output, { name: layer.output, shape: outputShape, type: outputType });
    if (layerConfig.precision('result') === 'auto') autoResult.add(layer.output);
    layers.push(layer);
  }
  const outputs = graph.outputs.map((output) => ({ name: output.name, tensor: resolve(output.tensor) }));
  for (const output of outputs) {
    if (!tensors.has(output.tensor)) throw new UnsupportedLayerError(`${graph.source}: output '${output.name}' must be computed from the inputs, not a constant`);
  }
  return { name: graph.name, source: graph.source, inputs: graph.inputs, outputs, tensors, layers, notes };
}
