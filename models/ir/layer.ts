// The layers of the IR: one variant per kind, each with the ONNX node it came from, its inputs by
// position (tensor names; weights are constant tensors), and one output. Later stages (hls passes,
// bit-accurate layers, sim/, gpu/) match on `kind`; ONNX spellings stop at the importer.
import type { CoordinateMode, NearestMode } from '../layers/resize.js';
import type { RoundingMode } from './tensor.js';

interface LayerBase {
  /** The ONNX node name, or a generated one when the file has none; unique in the graph. */
  readonly name: string;
  /** The ONNX op type this layer was imported from (several layers may share one node). */
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly output: string;
}

export type ActivationFunction =
  | { readonly kind: 'relu' }
  | { readonly kind: 'leaky_relu'; readonly alpha: number }
  | { readonly kind: 'sigmoid' }
  | { readonly kind: 'tanh' }
  | { readonly kind: 'clip'; readonly min: number; readonly max: number }
  | { readonly kind: 'hard_sigmoid'; readonly alpha: number; readonly beta: number }
  | { readonly kind: 'elu'; readonly alpha: number }
  | { readonly kind: 'softplus' }
  | { readonly kind: 'softsign' }
  /** gamma * x for x > 0, gamma * alpha * (e^x - 1) otherwise (ONNX Selu). */
  | { readonly kind: 'selu'; readonly alpha: number; readonly gamma: number }
  | { readonly kind: 'exp' }
  | { readonly kind: 'sqrt' }
  | { readonly kind: 'neg' }
  | { readonly kind: 'abs' };

export type BinaryOperator = 'add' | 'sub' | 'mul' | 'div' | 'pow';

export type Layer =
  /** Y = alpha * A' B' + beta * C (ONNX Gemm); inputs [A, B, C?]; A' = transpose(A) if transA. */
  | (LayerBase & { readonly kind: 'gemm'; readonly alpha: number; readonly beta: number; readonly transA: boolean; readonly transB: boolean })
  /** numpy matmul with broadcasting over leading dimensions; inputs [A, B]. */
  | (LayerBase & { readonly kind: 'matmul' })
  /** Elementwise with numpy broadcasting; inputs [A, B]; integer: both are integer tensors. */
  | (LayerBase & { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly integer: boolean })
  /** Elementwise unary function; inputs [X]. */
  | (LayerBase & { readonly kind: 'activation'; readonly activation: ActivationFunction })
  /** Softmax along one axis (older ONNX opsets' flatten-to-2D form is imported as reshapes around this). */
  | (LayerBase & { readonly kind: 'softmax'; readonly axis: number })
  /**
   * Channels-last convolution, 1D or 2D (any rank): X [batch, ...spatial, C], W [...kernel, C / group,
   * M], B [M] optional; inputs [X, W, B?]. pads = [begin per spatial axis..., end per spatial axis...].
   */
  | (LayerBase & {
      readonly kind: 'conv';
      readonly kernelShape: readonly number[];
      readonly strides: readonly number[];
      readonly dilations: readonly number[];
      readonly pads: readonly number[];
      readonly group: number;
    })
  /** Channels-last (last axis) inference batch normalization; inputs [X, scale, bias, mean, variance]. */
  | (LayerBase & { readonly kind: 'batch_normalization'; readonly epsilon: number })
  /** Channels-last max or average pooling; inputs [X]. */
  | (LayerBase & {
      readonly kind: 'pool';
      readonly mode: 'max' | 'average';
      readonly kernelShape: readonly number[];
      readonly strides: readonly number[];
      readonly dilations: readonly number[];
      readonly pads: readonly number[];
      readonly countIncludePad: boolean;
    })
  /** Channels-last pooling over all spatial axes to [batch, 1, ..., 1, C]; inputs [X]. */
  | (LayerBase & { readonly kind: 'global_pool'; readonly mode: 'max' | 'average' })
  /** Reinterpret as `shape` (the static output shape, batch dimension included); inputs [X]. */
  | (LayerBase & { readonly kind: 'reshape'; readonly shape: readonly number[] })
  | (LayerBase & { readonly kind: 'transpose'; readonly perm: readonly number[] })
  | (LayerBase & { readonly kind: 'concat'; readonly axis: number })
  /**
   * Nearest-neighbour Resize / Upsample; inputs [X]. sizes: the output shape (batch axis included);
   * scales: per axis, what the coordinate transformation divides by (given, or sizes / input).
   */
  | (LayerBase & {
      readonly kind: 'resize';
      readonly sizes: readonly number[];
      readonly scales: readonly number[];
      readonly coordinateMode: CoordinateMode;
      readonly nearestMode: NearestMode;
    })
  /** ONNX Gather: inputs [data, indices]. */
  | (LayerBase & { readonly kind: 'gather'; readonly axis: number })
  /**
   * ONNX QuantizeLinear: saturate(round_half_even(X / scale) + zero point) to the output integer type;
   * inputs [X, scale, zeroPoint?]; axis applies to 1-D scales (per channel).
   */
  | (LayerBase & { readonly kind: 'quantize_linear'; readonly axis: number; readonly bits: 8 | 16; readonly signed: boolean })
  /** ONNX DequantizeLinear: (X - zero point) * scale; inputs [X, scale, zeroPoint?]. */
  | (LayerBase & { readonly kind: 'dequantize_linear'; readonly axis: number })
  /** QONNX Quant / IntQuant; inputs [X, scale, zeroPoint, bitWidth] (broadcast; bit width scalar). */
  | (LayerBase & { readonly kind: 'quant'; readonly signed: boolean; readonly narrow: boolean; readonly rounding: RoundingMode })
  /** QONNX BipolarQuant; inputs [X, scale]. */
  | (LayerBase & { readonly kind: 'bipolar_quant' })
  /** QONNX FloatQuant; inputs [X, scale, exponentBitwidth, mantissaBitwidth, exponentBias, maxVal]. */
  | (LayerBase & { readonly kind: 'float_quant'; readonly rounding: RoundingMode; readonly saturation: boolean })
  /** FINN MultiThreshold, channels last; inputs [X, thresholds [C or 1, T]]. */
  | (LayerBase & { readonly kind: 'multithreshold'; readonly outScale: number; readonly outBias: number })
  /**
   * QONNX Trunc; inputs [X, scale, zeroPoint, inputBitWidth, outputBitWidth] (version 1) or
   * [X, scale, zeroPoint, inputBitWidth, outputScale, outputBitWidth] (version 2, `version` 2).
   */
  | (LayerBase & {
      readonly kind: 'trunc';
      readonly version: 1 | 2;
      readonly signed: boolean;
      readonly narrow: boolean;
      readonly rounding: RoundingMode;
    });

export type LayerKind = Layer['kind'];
export type LayerOf<K extends LayerKind> = Extract<Layer, { kind: K }>;

/** Layers whose values depend on their parameters' exact grid; never folded away at import. */
export const QUANTIZER_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>(['quant', 'bipolar_quant', 'trunc', 'float_quant', 'multithreshold', 'quantize_linear', 'dequantize_linear']);
