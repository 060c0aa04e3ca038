// hls4ml class names for the layers of our IR: the names LayerType sections use, and what each type
// carries in a generated config (its precision variables, whether it takes a ReuseFactor, a table).
//
// The names are the ones hls4ml's ONNX parser gives its layers (hls4ml/converters/onnx/core.py
// activation_map: Relu -> ReLU, LeakyRelu -> LeakyReLU, Elu -> ELU, Sigmoid/Tanh/Softplus ->
// Activation, Softmax -> Softmax; Gemm -> Dense; the convolution and pooling parsers' Conv1D/Conv2D,
// MaxPooling1D/2D, AveragePooling1D/2D, GlobalAveragePooling1D/2D; merge.py's Add, Subtract,
// Multiply, Concatenate; a Mul/Add with a constant operand becomes ApplyAlpha as hls4ml's
// merge_to_apply_alpha pass makes it). Where hls4ml has no class for one of our kinds (Clip, Divide,
// Power, Gather, the QONNX and ONNX quantizers other than Quant) the name is ngt's own, spelled the same way.
// This table is shared with the rest of hls/: a hardware layer kind that appears later gets its name here.
import type { Graph, Layer } from '../../models/index.js';

export interface LayerTypeInfo {
  /** Precision variables besides 'result' that hls4ml's generated configs list (hls4ml/backends/fpga/fpga_backend.py attribute_map). */
  readonly variables: readonly string[];
  /** Takes a ReuseFactor (fpga_backend.py rf_layers). */
  readonly reuse: boolean;
  /** An activation computed from a lookup table (TableSize, Precision.table). */
  readonly table: boolean;
  /** What hls4ml's config_from_* writes for variables whose attribute has a default of its own. */
  readonly generated?: Readonly<Record<string, string>>;
}

const dense: LayerTypeInfo = { variables: ['weight', 'bias', 'accum'], reuse: true, table: false };
const pooling: LayerTypeInfo = { variables: ['accum'], reuse: true, table: false };
const activation: LayerTypeInfo = { variables: ['table'], reuse: true, table: true };
const parametrized: LayerTypeInfo = { variables: ['table', 'param'], reuse: true, table: true };
const merge: LayerTypeInfo = { variables: [], reuse: true, table: false };
const plain: LayerTypeInfo = { variables: [], reuse: false, table: false };

/** Every hls4ml type name ngt gives a layer; LayerType sections may name only these. */
export const HLS_LAYER_TYPES: ReadonlyMap<string, LayerTypeInfo> = new Map<string, LayerTypeInfo>([
  ['Dense', dense],
  ['MatMul', { variables: ['accum'], reuse: true, table: false }],
  ['Conv1D', dense],
  ['Conv2D', dense],
  ['Conv', dense],
  ['DepthwiseConv1D', dense],
  ['DepthwiseConv2D', dense],
  ['BatchNormalization', { variables: ['scale', 'bias'], reuse: true, table: false }],
  ['ApplyAlpha', { variables: ['scale', 'bias'], reuse: true, table: false }],
  ['Activation', activation],
  ['ReLU', activation],
  // ParametrizedActivation: a param_t for alpha ('auto' in generated configs, as hls4ml writes it).
  ['LeakyReLU', parametrized],
  ['ELU', parametrized],
  ['HardActivation', activation],
  ['Clip', activation],
  // fpga_backend.py's Softmax attributes; accum's own default (18,8,RND,SAT) is what a generated config
  // lists, while a config that names no softmax accum falls back to the Model's as every accumulator.
  ['Softmax', { variables: ['table', 'exp_table', 'inv_table', 'inv_inp', 'accum'], reuse: true, table: true, generated: { accum: 'fixed<18,8,RND,SAT>' } }],
  ['MaxPooling1D', pooling],
  ['MaxPooling2D', pooling],
  ['AveragePooling1D', pooling],
  ['AveragePooling2D', pooling],
  ['GlobalMaxPooling1D', pooling],
  ['GlobalMaxPooling2D', pooling],
  ['GlobalAveragePooling1D', pooling],
  ['GlobalAveragePooling2D', pooling],
  ['Add', merge],
  ['Subtract', merge],
  ['Multiply', merge],
  ['Divide', merge],
  ['Power', merge],
  ['Concatenate', merge],
  ['Reshape', plain],
  ['Transpose', plain],
  ['Gather', plain],
  ['Quant', { variables: [], reuse: true, table: false }],
  ['BipolarQuant', plain],
  ['Trunc', plain],
  ['QuantizeLinear', plain],
  ['DequantizeLinear', plain],
]);

/** The canonical spelling of a type name written in any case (hls4ml lower-cases LayerType keys), or null. */
export function canonicalLayerType(name: string): string | null {
  const lower = name.toLowerCase();
  for (const type of HLS_LAYER_TYPES.keys()) if (type.toLowerCase() === lower) return type;
  return null;
}

function isConstant(graph: Graph, tensor: string | undefined): boolean {
  return tensor !== undefined && (graph.tensors.get(tensor)?.value ?? null) !== null;
}

function spatialSuffix(rank: number): string {
  return rank === 1 ? '1D' : '2D';
}

const binaryNames = { add: 'Add', sub: 'Subtract', mul: 'Multiply', div: 'Divide', pow: 'Power' } as const;

/** The hls4ml type name of one layer of `graph` (its LayerType key). */
export function hlsLayerType(layer: Layer, graph: Graph): string {
  switch (layer.kind) {
    case 'gemm':
      return 'Dense';
    case 'matmul':
      // hls4ml's matmul_const_to_dense pass turns a MatMul by a constant into a Dense.
      return isConstant(graph, layer.inputs[1]) ? 'Dense' : 'MatMul';
    case 'conv': {
      const rank = layer.kernelShape.length;
      if (rank > 2) return 'Conv';
      const channels = graph.tensors.get(layer.inputs[0] ?? '')?.shape.at(-1);
      return layer.group > 1 && layer.group === channels ? `DepthwiseConv${spatialSuffix(rank)}` : `Conv${spatialSuffix(rank)}`;
    }
    case 'batch_normalization':
      return 'BatchNormalization';
    case 'activation':
      switch (layer.activation.kind) {
        case 'relu':
          return 'ReLU';
        case 'leaky_relu':
          return 'LeakyReLU';
        case 'elu':
          return 'ELU';
        case 'hard_sigmoid':
          return 'HardActivation';
        case 'clip':
          return 'Clip';
        default:
          return 'Activation';
      }
    case 'softmax':
      return 'Softmax';
    case 'pool':
      return `${layer.mode === 'max' ? 'Max' : 'Average'}Pooling${spatialSuffix(layer.kernelShape.length)}`;
    case 'global_pool': {
      const rank = (graph.tensors.get(layer.inputs[0] ?? '')?.shape.length ?? 4) - 2;
      return `Global${layer.mode === 'max' ? 'Max' : 'Average'}Pooling${spatialSuffix(rank)}`;
    }
    case 'binary':
      if (['add', 'sub', 'mul', 'div'].includes(layer.operator) && layer.inputs.some((input) => isConstant(graph, input))) return 'ApplyAlpha';
      return binaryNames[layer.operator];
    case 'reshape':
      return 'Reshape';
    case 'transpose':
      return 'Transpose';
    case 'concat':
      return 'Concatenate';
    case 'gather':
      return 'Gather';
    case 'quant':
      return 'Quant';
    case 'bipolar_quant':
      return 'BipolarQuant';
    case 'trunc':
      return 'Trunc';
    case 'quantize_linear':
      return 'QuantizeLinear';
    case 'dequantize_linear':
      return 'DequantizeLinear';
  }
}

/** Every layer's hls4ml type name, by layer name (the `layerTypes` option of parseHlsConfig). */
export function layerTypesOf(graph: Graph): Map<string, string> {
  return new Map(graph.layers.map((layer) => [layer.name, hlsLayerType(layer, graph)]));
}
