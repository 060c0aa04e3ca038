// Tensors of the IR: a static shape, an element type, and for constants (weights, biases, folded
// shape arithmetic) their values.
//
// Shapes. Every tensor keeps its full ONNX rank. The first dimension of each graph input is the
// batch, whatever the file declares there (1, an odd fixed number such as 789444, or a symbol such
// as 'N'); the IR records the graph at batch 1, so every tensor computed from the inputs has the
// static shape of a single sample, and a batch of N samples is N independent applications of the
// graph (how hls4ml sees a model too). Shape subgraphs (Shape, Gather, Concat, ...) fold to
// constants under that convention.
//
// Layout. Convolutions, pooling and batch normalization over images are channels-last in the IR
// ([batch, ...spatial, channels], weights [...kernel, channels in / group, channels out]), as
// hls4ml converts ONNX models: the streaming hardware reads one pixel's channels at a time. The
// importer wraps each such ONNX op (channels-first) in the transposes that keep the graph's meaning,
// then cancels the transposes that meet (import/layout.ts), so a Keras model exported with explicit
// NHWC<->NCHW transposes comes out with none.

/** QONNX/Brevitas rounding modes (qonnx docs/qonnx-custom-ops/intquant_v1.md; ROUND is half to even). */
export type RoundingMode = 'ROUND' | 'CEIL' | 'FLOOR' | 'UP' | 'DOWN' | 'HALF_UP' | 'HALF_DOWN' | 'ROUND_TO_ZERO';

/**
 * Quantization parameters that broadcast over a tensor: one value (per tensor) or one per index
 * along `axis` (per channel).
 */
export interface QuantParameter {
  readonly values: readonly number[];
  readonly axis: number | null;
}

export type TensorType =
  /** IEEE floating point as stored in the file; the float executor computes in float64 regardless. */
  | { readonly kind: 'float'; readonly bits: 16 | 32 | 64 }
  /** Integers (shape tensors, QuantizeLinear outputs); bits 1 is bool. */
  | { readonly kind: 'int'; readonly bits: 1 | 8 | 16 | 32 | 64; readonly signed: boolean }
  /**
   * Float values on an integer grid, the output of a QONNX Quant (or Trunc) with constant
   * parameters: value = (q - zeroPoint) * scale with q an integer in [min, max] of bitWidth bits.
   * Quant(zeroPoint 0, scale 2^e) is exactly ap_fixed<bitWidth, bitWidth + e> (ap_ufixed if unsigned).
   */
  | {
      readonly kind: 'quantized';
      readonly bitWidth: number;
      readonly signed: boolean;
      readonly narrow: boolean;
      readonly rounding: RoundingMode;
      readonly scale: QuantParameter;
      readonly zeroPoint: QuantParameter;
    }
  /** The output of a QONNX BipolarQuant: values +scale or -scale. */
  | { readonly kind: 'bipolar'; readonly scale: QuantParameter };

export interface TensorInfo {
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: TensorType;
  /** Row-major values of a constant; null for tensors computed from the graph inputs. */
  readonly value: Float64Array | null;
}


export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis] ?? 1;
  }
  return strides;
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function formatType(type: TensorType): string {
  switch (type.kind) {
    case 'float':
      return `float${type.bits}`;
    case 'int':
      return type.bits === 1 ? 'bool' : `${type.signed ? 'int' : 'uint'}${type.bits}`;
    case 'quantized': {
      const scale = type.scale.values.length === 1 ? String(type.scale.values[0]) : `per-channel(${type.scale.values.length})`;
      const zero = type.zeroPoint.values.every((value) => value === 0) ? '' : `, zero point ${type.zeroPoint.values.length === 1 ? String(type.zeroPoint.values[0]) : 'per-channel'}`;
      return `${type.signed ? 'int' : 'uint'}${type.bitWidth}${type.narrow ? ' narrow' : ''} x ${scale}${zero}, ${type.rounding}`;
    }
    case 'bipolar':
      return `bipolar x ${type.scale.values.length === 1 ? String(type.scale.values[0]) : `per-channel(${type.scale.values.length})`}`;
  }
}
