// The flow graph: what the passes rewrite (hls4ml's ModelGraph, kept small). Nodes start as the
// imported models/ layers ('onnx') and are rewritten to hardware layer kinds with float weights and
// optional fixed types that QONNX quantizers imposed; lowering (convert/lower.ts) then resolves every
// precision from the configuration and quantizes the weights into the hardware IR.
import type { FixedType } from '@ngt/fxp';
import type { ActivationFunction, Layer } from '../../models/index.js';

interface NodeBase {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly output: string;
}

/** A constant's float values; `type` when a QONNX quantizer put them on an ap_fixed grid. */
export interface QuantizedConstant {
  readonly values: Float64Array;
  readonly type: FixedType | null;
}

/** linear: identity (QONNX activation quantizers); binary_tanh: a BipolarQuant of scale 1 (hls4ml bipolar_quant_opt.py). */
export type FlowActivation = ActivationFunction | { readonly kind: 'linear' } | { readonly kind: 'binary_tanh' };

export type FlowNode =
  /** Not yet converted: an imported layer (passes rewrite these; lowering rejects what is left). */
  | (NodeBase & { readonly kind: 'onnx'; readonly layer: Layer })
  | (NodeBase & {
      readonly kind: 'dense';
      readonly nIn: number;
      readonly nOut: number;
      /** index i * nOut + j. */
      readonly weight: QuantizedConstant;
      readonly bias: QuantizedConstant | null;
    })
  | (NodeBase & {
      readonly kind: 'conv';
      readonly kernel: readonly number[];
      readonly strides: readonly number[];
      readonly dilations: readonly number[];
      readonly pads: readonly number[];
      readonly group: number;
      /** [...kernel, C / group, M]. */
      readonly weight: QuantizedConstant;
      readonly bias: QuantizedConstant | null;
    })
  /** y = x * scale + bias per channel (last axis); BatchNormalization, ApplyAlpha and constant Mul/Add. */
  | (NodeBase & { readonly kind: 'batch_norm'; readonly hlsClass: string; readonly scale: Float64Array; readonly bias: Float64Array })
  | (NodeBase & { readonly kind: 'activation'; readonly activation: FlowActivation })
  /** A QONNX Quant on activations, power-of-two scale and zero point 0: a linear activation of that type. */
  | (NodeBase & { readonly kind: 'quantize'; readonly type: FixedType })
  | (NodeBase & { readonly kind: 'softmax' })
  | (NodeBase & {
      readonly kind: 'pool';
      readonly mode: 'max' | 'average';
      readonly kernel: readonly number[];
      readonly strides: readonly number[];
      readonly pads: readonly number[];
      readonly countIncludePad: boolean;
      readonly global: boolean;
    })
  | (NodeBase & { readonly kind: 'reshape' })
  | (NodeBase & { readonly kind: 'transpose'; readonly perm: readonly number[] })
  /** Nearest Resize: `sources`, the model's input index for each output element of one sample. */
  | (NodeBase & { readonly kind: 'resize'; readonly sources: Int32Array })
  /** MultiThreshold: thresholds [rows, steps] over the last axis (rows 1: shared), levels out_scale * k + out_bias. */
  | (NodeBase & { readonly kind: 'threshold'; readonly rows: number; readonly steps: number; readonly thresholds: Float64Array; readonly outScale: number; readonly outBias: number })
  /** FloatQuant on activations, its parameters constant scalars. */
  | (NodeBase & {
      readonly kind: 'minifloat';
      readonly scale: number;
      readonly exponentBits: number;
      readonly mantissaBits: number;
      readonly exponentBias: number;
      readonly maxVal: number;
      readonly rounding: 'ROUND' | 'CEIL' | 'FLOOR';
    })
  | (NodeBase & { readonly kind: 'add' })
  | (NodeBase & { readonly kind: 'concat'; readonly axis: number });

export type FlowNodeKind = FlowNode['kind'];
export type FlowNodeOf<K extends FlowNodeKind> = Extract<FlowNode, { kind: K }>;

export interface FlowTensor {
  readonly name: string;
  /** The batch-1 shape, as the models/ IR records it. */
  readonly shape: readonly number[];
  /** Constants only. */
  readonly constant: QuantizedConstant | null;
}

/** Mutable on purpose: passes replace nodes and add tensors in place. */
export interface FlowGraph {
  readonly name: string;
  readonly source: string;
  readonly inputs: readonly string[];
  outputs: { name: string; tensor: string }[];
  readonly tensors: Map<string, FlowTensor>;
  nodes: FlowNode[];
  /** The importer's notes (models/ Graph.notes), carried into the hardware model's. */
  readonly notes: readonly string[];
}
