// What every hardware layer kind declares once (STYLE.md): how a flow node of that kind becomes a
// hardware layer (its precisions resolved from the configuration, 'auto' ones inferred as hls4ml's
// infer_precision.py does), its bit-accurate reference computation on exact raws, the JavaScript its
// compiled simulator runs, and the multipliers it instantiates. Schedule, cost and Verilog join here later.
import { fixedType, quantizeTruncated, truncateNumber, fractionBits, type FixedType } from '@ngt/fxp';
import type { IoType, LayerConfig, PrecisionSpec } from '../config/types.js';
import type { HwLayer, HwLayerKind, HwLayerOf } from '../ir/hardware.js';
import type { FlowNode, FlowNodeKind, FlowNodeOf } from '../ir/flow.js';
import type { EmitContext } from '../simulate/emit-context.js';

export interface LowerContext {
  readonly layerConfig: LayerConfig;
  /** The configuration's Model default precision (what hls4ml's _infer_default_type falls back to). */
  readonly modelDefault: FixedType;
  readonly inputTypes: readonly FixedType[];
  /** One sample's shapes (no batch dimension). */
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
  /** The model's IOType (a few hls4ml templates differ between io_parallel and io_stream). */
  readonly ioType: IoType;
  /** Records something the flow changed, for reports. */
  note(text: string): void;
  /**
   * The configured ReuseFactor checked against hls4ml's rule for an n_in x n_out product: returned when
   * valid; otherwise a ConfigError listing the valid values, or (when the conversion adjusts) the
   * closest valid one with a note.
   */
  reuseFactor(layer: string, nIn: number, nOut: number): number;
}

export interface Lowered<K extends HwLayerKind = HwLayerKind> {
  readonly layer: HwLayerOf<K>;
  readonly outputType: FixedType;
}

export interface NodeLowering<K extends FlowNodeKind> {
  readonly kind: K;
  /** hls4ml's class name, which the configuration's LayerType sections key on. */
  hlsClass(node: FlowNodeOf<K>, inputShapes: readonly (readonly number[])[]): string;
  lower(node: FlowNodeOf<K>, hlsClass: string, context: LowerContext): Lowered;
}

export interface HwLayerDefinition<K extends HwLayerKind> {
  readonly kind: K;
  /** One sample: exact raws of each input's type in, raws of the output type out. */
  reference(layer: HwLayerOf<K>, inputs: readonly (readonly bigint[])[], inputTypes: readonly FixedType[], outputType: FixedType): bigint[];
  /** Emits the body of `function (inputs..., output)` over typed arrays of raws. */
  emit(layer: HwLayerOf<K>, context: EmitContext): void;
  /** Multipliers the layer instantiates (zero weights skipped as hls4ml's n_zeros does). */
  multipliers(layer: HwLayerOf<K>): number;
}

export function defineHwLayer<K extends HwLayerKind>(definition: HwLayerDefinition<K>): HwLayerDefinition<K> {
  return definition;
}

export function defineLowering<K extends FlowNodeKind>(lowering: NodeLowering<K>): NodeLowering<K> {
  return lowering;
}

export type AnyHwLayer = HwLayer;
export type AnyFlowNode = FlowNode;

/** A precision from the configuration, 'auto' resolved by `infer` (or the model default when it has nothing to say). */
export function resolvePrecision(spec: PrecisionSpec, infer: () => FixedType | null, modelDefault: FixedType): FixedType {
  if (spec !== 'auto') return spec;
  return infer() ?? modelDefault;
}

/** Doubles to raws of `type` as ap_fixed's double constructor; infinities as the value 2^±1024 (ap_fixed_base.h reads their bits that way). */
export function quantizeDouble(x: number, type: FixedType): bigint {
  if (x === Infinity || x === -Infinity) {
    // ap_fixed_base(double): exponent field 0x7ff gives exp = 1024 and mantissa 1.0, i.e. 2^1024.
    const f = fractionBits(type);
    const magnitude = f + 1024 >= 0 ? 1n << BigInt(f + 1024) : 0n;
    return quantizeTruncated({ t: x > 0 ? magnitude : -magnitude, roundBit: false, sticky: false, negative: x < 0 }, type);
  }
  return quantizeTruncated(truncateNumber(x, fractionBits(type)), type);
}

export function quantizeValues(values: ArrayLike<number>, type: FixedType): bigint[] {
  return Array.from({ length: values.length }, (_, i) => quantizeDouble(values[i] ?? 0, type));
}

/** hls4ml's FixedPrecisionType(width, integer, signed) with default modes (AP_TRN, AP_WRAP). */
export function plainFixed(width: number, integer: number, signed: boolean): FixedType {
  return fixedType(width, integer, { signed });
}

/** ceil(log2(n)) as math.ceil(np.log2(n)) in infer_precision.py. */
export function ceilLog2(n: number): number {
  return Math.ceil(Math.log2(n));
}

/**
 * hls4ml's _infer_common_precision (infer_precision.py) for Dense and Conv: the product of input and
 * weight widths grown by ceil(log2(n_ops)), then the bias folded in.
 */
export function inferAccumulator(input: FixedType, weight: FixedType, bias: FixedType | null, nOps: number): FixedType {
  const grow = ceilLog2(nOps);
  let width = weight.width + input.width + grow;
  let integers = weight.intBits + input.intBits + grow;
  let signed = weight.signed || input.signed;
  const frac = width - integers;
  if (bias) {
    integers = Math.max(integers + (bias.signed && !signed ? 1 : 0), bias.intBits + (signed && !bias.signed ? 1 : 0)) + 1;
    width = integers + Math.max(frac, bias.width - bias.intBits);
    signed = signed || bias.signed;
  }
  return plainFixed(width, integers, signed);
}
