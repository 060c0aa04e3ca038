// Every layer kind's declaration, keyed by kind: the one place the executor and importer look them up.
import type { Layer, LayerKind } from '../ir/layer.js';
import type { TensorInfo } from '../ir/tensor.js';
import type { FloatTensor } from '../exec/float-tensor.js';
import type { Check, Inferred, LayerDefinition } from './layer-definition.js';
import { activationLayer } from './activation.js';
import { batchNormalizationLayer } from './batch-normalization.js';
import { binaryLayer } from './binary.js';
import { concatLayer } from './concat.js';
import { convLayer } from './conv.js';
import { gatherLayer } from './gather.js';
import { gemmLayer } from './gemm.js';
import { globalPoolLayer } from './global-pool.js';
import { dequantizeLinearLayer, quantizeLinearLayer } from './linear-quantization.js';
import { floatQuantLayer } from './float-quant.js';
import { matmulLayer } from './matmul.js';
import { multiThresholdLayer } from './multithreshold.js';
import { poolLayer } from './pool.js';
import { bipolarQuantLayer, quantLayer, truncLayer } from './qonnx-quantizers.js';
import { reshapeLayer } from './reshape.js';
import { resizeLayer } from './resize.js';
import { softmaxLayer } from './softmax.js';
import { transposeLayer } from './transpose.js';

const LAYERS: { readonly [K in LayerKind]: LayerDefinition<K> } = {
  gemm: gemmLayer,
  matmul: matmulLayer,
  binary: binaryLayer,
  activation: activationLayer,
  softmax: softmaxLayer,
  conv: convLayer,
  batch_normalization: batchNormalizationLayer,
  pool: poolLayer,
  global_pool: globalPoolLayer,
  reshape: reshapeLayer,
  transpose: transposeLayer,
  concat: concatLayer,
  resize: resizeLayer,
  gather: gatherLayer,
  quantize_linear: quantizeLinearLayer,
  dequantize_linear: dequantizeLinearLayer,
  quant: quantLayer,
  bipolar_quant: bipolarQuantLayer,
  trunc: truncLayer,
  float_quant: floatQuantLayer,
  multithreshold: multiThresholdLayer,
};

/** Shape and type of a layer's output; the kind selects the matching declaration. */
export function inferLayer(layer: Layer, inputs: readonly TensorInfo[], check: Check): Inferred {
  return (LAYERS[layer.kind] as LayerDefinition<LayerKind>).infer(layer, inputs, check);
}

/** One sample's float64 output of a layer. */
export function computeLayer(layer: Layer, inputs: readonly FloatTensor[], outputShape: readonly number[]): Float64Array {
  return (LAYERS[layer.kind] as LayerDefinition<LayerKind>).compute(layer, inputs, outputShape);
}
