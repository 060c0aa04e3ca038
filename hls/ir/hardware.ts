// The hardware IR: the small, normalised graph every back end reads (bit-accurate interpreter, compiled
// simulator; later schedule, cost and Verilog). Every tensor carries its explicit FixedType, every
// weight is a raw integer of its explicit type, and every layer has already resolved its precisions,
// reuse factor and strategy, so back ends never re-derive types (STYLE.md, after Amaranth's lowest IR).
//
// Shapes are one sample's, without the batch dimension, channels last (as hls4ml's io_parallel arrays).
import type { FixedType } from '@ngt/fxp';
import type { SoftmaxImplementation, Strategy } from '../config/types.js';

export interface HwTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: FixedType;
}

interface HwBase {
  /** The layer's name (the ONNX node's, or the pass that made it says how it was derived). */
  readonly name: string;
  /** hls4ml's class name for this layer (Dense, Conv2D, ReLU, Softmax, ...): what the config's LayerType keys match. */
  readonly hlsClass: string;
  readonly inputs: readonly string[];
  readonly output: string;
}

/** Activation functions computed without tables (nnet_activation.h). Constants are raws of the input type. */
export type PlainActivation =
  | { readonly kind: 'linear' }
  | { readonly kind: 'relu' }
  /** nnet_activation.h leaky_relu(data, param_T alpha, res): alpha a raw of param_t, res = (res_T)(alpha * x) for x <= 0. */
  | { readonly kind: 'leaky_relu'; readonly alpha: bigint; readonly paramType: FixedType }
  /** relu_max (ReLU6, ReLU1) and general Clip: min and max as raws of `boundType`. */
  | { readonly kind: 'clip'; readonly min: bigint; readonly max: bigint; readonly boundType: FixedType }
  /** nnet_activation.h binary_tanh: x >= 0 ? 1 : -1 (the result an ap_int<2>, hls4ml's XnorPrecisionType values). */
  | { readonly kind: 'binary_tanh' };

export const TABLE_FUNCTIONS = ['sigmoid', 'tanh', 'softsign', 'softplus', 'elu', 'selu'] as const;
export type TableFunction = (typeof TABLE_FUNCTIONS)[number];

export interface SoftmaxTables {
  /** stable: exp(-x) over inp_norm_t's top bits; latency: exp over the input's; legacy: exp over [-8, 8). Raws of the table type. */
  readonly exp: readonly bigint[];
  /** stable and latency: 1/x over inv_inp_t's top bits; legacy: 1/x over [0, 64). */
  readonly invert: readonly bigint[];
}

export type HwLayer =
  | (HwBase & {
      readonly kind: 'dense';
      readonly nIn: number;
      readonly nOut: number;
      readonly weightType: FixedType;
      readonly biasType: FixedType;
      readonly accumType: FixedType;
      /** Raw weights, index i * nOut + j (hls4ml's layout before any Resource transpose). */
      readonly weights: readonly bigint[];
      readonly bias: readonly bigint[];
      readonly strategy: Strategy;
      readonly reuseFactor: number;
    })
  | (HwBase & {
      readonly kind: 'conv';
      /** Input [...spatial, C] and output [...spatial, M] of one sample. */
      readonly inShape: readonly number[];
      readonly outShape: readonly number[];
      readonly kernel: readonly number[];
      readonly strides: readonly number[];
      readonly dilations: readonly number[];
      /** [begin per spatial axis..., end per spatial axis...]. */
      readonly pads: readonly number[];
      readonly group: number;
      readonly weightType: FixedType;
      readonly biasType: FixedType;
      readonly accumType: FixedType;
      /** Raw weights [...kernel, C / group, M], row-major: hls4ml's filt_width * n_chan * n_filt order. */
      readonly weights: readonly bigint[];
      readonly bias: readonly bigint[];
      readonly strategy: Strategy;
      readonly reuseFactor: number;
    })
  | (HwBase & {
      /** nnet_batchnorm.h normalize: res = (res_t)(x * scale + bias), per channel (last axis). */
      readonly kind: 'batch_norm';
      readonly channels: number;
      readonly scaleType: FixedType;
      readonly biasType: FixedType;
      readonly scale: readonly bigint[];
      readonly bias: readonly bigint[];
    })
  | (HwBase & { readonly kind: 'activation'; readonly activation: PlainActivation })
  | (HwBase & {
      /** Activations by table (nnet_activation.h): sigmoid, tanh, softsign, softplus, elu, selu. */
      readonly kind: 'table_activation';
      readonly function: TableFunction;
      readonly tableType: FixedType;
      readonly table: readonly bigint[];
      /** elu: alpha as a raw of param_t, multiplying each entry. */
      readonly alpha?: { readonly raw: bigint; readonly type: FixedType };
    })
  | (HwBase & {
      readonly kind: 'softmax';
      readonly implementation: SoftmaxImplementation;
      /** Length of the last axis, over which each softmax runs (hls4ml's n_in, or n_slice for N-D inputs). */
      readonly length: number;
      /** stable/latency: exp_table_t and inv_table_t; legacy: nnet::activ_config's table_t for both. */
      readonly expTableType: FixedType;
      readonly invTableType: FixedType;
      /** stable/latency: accum_t, the type of the exp values, the sum tree and the products' first operand. */
      readonly accumType: FixedType;
      /** stable/latency: inv_inp_t, the exp sum as it addresses the 1/x table. */
      readonly invInputType: FixedType;
      /** stable: inp_norm_t, x_max - x_i as it addresses the exp table; null otherwise. */
      readonly normType: FixedType | null;
      readonly tables: SoftmaxTables;
    })
  | (HwBase & {
      readonly kind: 'pool';
      readonly mode: 'max' | 'average';
      readonly inShape: readonly number[];
      readonly outShape: readonly number[];
      /** Pool size equals stride (what nnet_pooling.h's loops implement). */
      readonly pool: readonly number[];
      readonly pads: readonly number[];
      readonly countIncludePad: boolean;
      readonly accumType: FixedType;
    })
  /** Flatten / Reshape: the same values in the same order (hls4ml io_parallel passes the array through). */
  | (HwBase & { readonly kind: 'reshape' })
  /** nnet_transpose: a permutation of the one-sample shape `inShape` (perm over its axes); values and type unchanged. */
  | (HwBase & { readonly kind: 'transpose'; readonly inShape: readonly number[]; readonly perm: readonly number[] })
  /** nnet_image.h resize_nearest: one-sample shapes [H, W, C] or [W, C]; values and type unchanged. */
  | (HwBase & { readonly kind: 'resize'; readonly inShape: readonly number[]; readonly outShape: readonly number[] })
  /**
   * MultiThreshold: value i (channel i % rows, or 0 when rows is 1) counts the thresholds (raws of the
   * input type, `steps` per row) it reaches; the output is levels[count], raws of the output type.
   */
  | (HwBase & { readonly kind: 'threshold'; readonly rows: number; readonly steps: number; readonly thresholds: readonly bigint[]; readonly levels: readonly bigint[] })
  /** FloatQuant on activations: scale 2^scaleExponent, mantissa and exponent bias, |y| clamped to maxRaw (raw of the output type). */
  | (HwBase & { readonly kind: 'minifloat'; readonly scaleExponent: number; readonly mantissaBits: number; readonly exponentBias: number; readonly rounding: 'ROUND' | 'CEIL' | 'FLOOR'; readonly maxRaw: bigint })
  /** nnet_merge.h add: res = (res_t)(a + b). */
  | (HwBase & { readonly kind: 'add' })
  /** nnet_merge.h concatenate along `axis` of the one-sample shape. */
  | (HwBase & { readonly kind: 'concat'; readonly axis: number; readonly inShapes: readonly (readonly number[])[] });

export type HwLayerKind = HwLayer['kind'];
export type HwLayerOf<K extends HwLayerKind> = Extract<HwLayer, { kind: K }>;

export interface HwOutput {
  /** The output's name in the ONNX file. */
  readonly name: string;
  readonly tensor: string;
}

export interface HwModel {
  readonly name: string;
  readonly source: string;
  /** Input tensors, each quantized from float to its type on entry (hls4ml's input layer). */
  readonly inputs: readonly string[];
  readonly outputs: readonly HwOutput[];
  readonly tensors: ReadonlyMap<string, HwTensor>;
  /** In evaluation order. */
  readonly layers: readonly HwLayer[];
  /** What the flow changed on the way (reuse factors moved to valid ones, ...), for reports. */
  readonly notes: readonly string[];
}
