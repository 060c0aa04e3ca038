// What every hardware layer kind declares, once, in its own folder (STYLE.md): the hls4ml classes it
// answers to (the configuration's LayerType keys and what their entries list), how flow nodes become
// it (lowering: precisions from the configuration, 'auto' inferred as hls4ml's infer_precision.py does),
// its bit-accurate reference on exact raws, the JavaScript the compiled simulator runs, its structural
// datapath (from which its schedule, resources and cycle timing are all read) and its token program.
// The registry's mapped type makes every kind declare every aspect.
import { invariant, type FixedType } from '@ngt/fxp';
import type { IoType, LayerConfig } from '../config/types.js';
import type { Datapath } from '../datapath/ir.js';
import type { FlowNode, FlowNodeKind } from '../ir/flow.js';
import type { HwLayerKind, HwLayerOf } from '../ir/hardware.js';
import type { Family } from '../parts/families.js';
import type { TokenProgram } from '../tokens/tokens.js';
import type { EmitContext } from './shared/emit-context.js';
import type { Signal } from '../rtl/netlist.js';
import type { VerilogContext } from '../rtl/values.js';

/** What a generated configuration lists for a class (hls4ml/utils/config.py config_from_*). */
export interface LayerClassInfo {
  /** Precision variables besides 'result' (fpga_backend.py attribute_map). */
  readonly variables: readonly string[];
  /** Takes a ReuseFactor (fpga_backend.py rf_layers). */
  readonly reuse: boolean;
  /** An activation computed from a lookup table (TableSize, table_t). */
  readonly table: boolean;
  /** What a generated config writes for variables whose attribute has its own default. */
  readonly generated?: Readonly<Record<string, string>>;
}

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

/** A layer in its model: the types and one-sample shapes of its tensors, the part and io type. */
export interface LayerContext {
  readonly family: Family;
  readonly ioType: IoType;
  readonly inputTypes: readonly FixedType[];
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputType: FixedType;
  readonly outputShape: readonly number[];
}

/** Which input tokens each iteration reads and which emit (hls/tokens), or no process at all. */
export type TokenPlan =
  | { readonly wire: true; readonly tokens: number }
  | { readonly wire: false; readonly tokensIn: readonly number[]; readonly tokensOut: number; readonly program: TokenProgram };

export interface LayerKind<K extends HwLayerKind> {
  readonly kind: K;
  readonly classes: Readonly<Record<string, LayerClassInfo>>;
  /** The flow node kinds this kind lowers (and, when two kinds share one, which nodes). */
  readonly lowers: readonly FlowNodeKind[];
  accepts?(node: FlowNode): boolean;
  /** hls4ml's class name for the node: what the configuration's LayerType sections key on. */
  hlsClass(node: FlowNode, inputShapes: readonly (readonly number[])[]): string;
  lower(node: FlowNode, hlsClass: string, context: LowerContext): Lowered<K>;
  /** One sample: exact raws of each input's type in, raws of the output type out. */
  reference(layer: HwLayerOf<K>, inputs: readonly (readonly bigint[])[], inputTypes: readonly FixedType[], outputType: FixedType): bigint[];
  /** Emits the body of the layer's function over typed arrays of raws. */
  emit(layer: HwLayerOf<K>, context: EmitContext): void;
  /** Multipliers the layer instantiates (zero weights skipped as hls4ml's n_zeros does). */
  multipliers(layer: HwLayerOf<K>): number;
  datapath(layer: HwLayerOf<K>, context: LayerContext): Datapath;
  tokens(layer: HwLayerOf<K>, context: LayerContext): TokenPlan;
  /**
   * One iteration as combinational Verilog (hls/rtl): the output token's bus from the input tokens',
   * bit for bit the reference. A kind without it (or one returning a reason) has no RTL yet, and
   * `ngt rtl` says so naming the layer.
   */
  verilog?(layer: HwLayerOf<K>, context: VerilogContext): Signal | { readonly unsupported: string };
}

export function defineLayerKind<K extends HwLayerKind>(kind: LayerKind<K>): LayerKind<K> {
  return kind;
}

/** Narrows a flow node to the kind a lowering was registered for (the registry dispatches by kind). */
export function nodeOf<F extends FlowNodeKind>(node: FlowNode, kind: F): Extract<FlowNode, { kind: F }> {
  invariant(node.kind === kind, `lowering for '${kind}' called with a '${node.kind}' node`);
  return node as Extract<FlowNode, { kind: F }>;
}
