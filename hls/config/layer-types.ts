// hls4ml class names: the names LayerType sections use, and what each carries in a generated config
// (its precision variables, whether it takes a ReuseFactor, a table). Every hardware layer kind
// declares its own classes (hls/layers/<kind>/index.ts); this adds the classes of imported ops with no
// hardware layer yet, so that configurations naming them still read.
//
// The names are the ones hls4ml's ONNX parser gives its layers (hls4ml/converters/onnx/core.py
// activation_map: Relu -> ReLU, LeakyRelu -> LeakyReLU, Elu -> ELU, Sigmoid/Tanh/Softplus ->
// Activation, Softmax -> Softmax; Gemm -> Dense; the convolution and pooling parsers' Conv1D/Conv2D,
// MaxPooling1D/2D, AveragePooling1D/2D, GlobalAveragePooling1D/2D; merge.py's Add, Subtract,
// Multiply, Concatenate; a Mul/Add with a constant operand becomes ApplyAlpha as hls4ml's
// merge_to_apply_alpha pass makes it). Where hls4ml has no class for one of our kinds (Clip, Divide,
// Power, Gather, the QONNX and ONNX quantizers other than Quant) the name is ngt's own, spelled the same way.
import type { Graph, Layer } from '../../models/index.js';
import type { LayerClassInfo } from '../layers/kind.js';
import { convClass, poolClass } from '../layers/shared/class-names.js';
import { LAYER_CLASSES } from '../layers/registry.js';

export type LayerTypeInfo = LayerClassInfo;

const merge: LayerTypeInfo = { variables: [], reuse: true, table: false };
const plain: LayerTypeInfo = { variables: [], reuse: false, table: false };

/** Classes of imported ops that no hardware kind takes yet. */
const WITHOUT_HARDWARE: ReadonlyMap<string, LayerTypeInfo> = new Map<string, LayerTypeInfo>([
  ['MatMul', { variables: ['accum'], reuse: true, table: false }],
  ['HardActivation', { variables: ['table'], reuse: true, table: true }],
  ['Subtract', merge],
  ['Multiply', merge],
  ['Divide', merge],
  ['Power', merge],
  ['Gather', plain],
  ['BipolarQuant', plain],
  ['Trunc', plain],
  ['QuantizeLinear', plain],
  ['DequantizeLinear', plain],
]);

/** Every hls4ml type name ngt knows; LayerType sections may name only these. */
export const HLS_LAYER_TYPES: ReadonlyMap<string, LayerTypeInfo> = new Map([...WITHOUT_HARDWARE, ...LAYER_CLASSES]);

/** The canonical spelling of a type name written in any case (hls4ml lower-cases LayerType keys), or null. */
export function canonicalLayerType(name: string): string | null {
  const lower = name.toLowerCase();
  for (const type of HLS_LAYER_TYPES.keys()) if (type.toLowerCase() === lower) return type;
  return null;
}

function isConstant(graph: Graph, tensor: string | undefined): boolean {
  return tensor !== undefined && (graph.tensors.get(tensor)?.value ?? null) !== null;
}

const binaryNames = { add: 'Add', sub: 'Subtract', mul: 'Multiply', div: 'Divide', pow: 'Power' } as const;

/**
 * The hls4ml type name of one imported layer, before conversion: what the configuration of a layer
 * without a hardware kind is keyed on (convert/layer-types.ts names the converted ones by their
 * kinds' declarations, which agree with this for every op both know).
 */
export function hlsLayerType(layer: Layer, graph: Graph): string {
  switch (layer.kind) {
    case 'gemm':
      return 'Dense';
    case 'matmul':
      // hls4ml's matmul_const_to_dense pass turns a MatMul by a constant into a Dense.
      return isConstant(graph, layer.inputs[1]) ? 'Dense' : 'MatMul';
    case 'conv':
      return convClass(layer.kernelShape.length, layer.group, graph.tensors.get(layer.inputs[0] ?? '')?.shape.at(-1) ?? 1);
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
      return poolClass(false, layer.mode, layer.kernelShape.length);
    case 'global_pool': {
      const rank = (graph.tensors.get(layer.inputs[0] ?? '')?.shape.length ?? 4) - 2;
      return poolClass(true, layer.mode, rank);
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
    case 'resize':
      return 'Resize';
    case 'gather':
      return 'Gather';
    case 'quant':
      return 'Quant';
    case 'bipolar_quant':
      return 'BipolarQuant';
    case 'trunc':
      return 'Trunc';
    case 'float_quant':
      return 'FloatQuant';
    case 'multithreshold':
      return 'MultiThreshold';
    case 'quantize_linear':
      return 'QuantizeLinear';
    case 'dequantize_linear':
      return 'DequantizeLinear';
  }
}

