// Every hardware layer kind, one line each: the one place the lowering, the interpreter, the compiled
// simulator, the schedule and the estimate find a kind's declaration (kind.ts). The mapped type makes
// each kind declare every aspect; a new kind is its folder plus its line here.
import type { FixedType } from '@ngt/fxp';
import type { Signal } from '../rtl/netlist.js';
import type { VerilogContext } from '../rtl/values.js';
import { invariant } from '@ngt/fxp';
import type { Datapath } from '../datapath/ir.js';
import type { FlowNode } from '../ir/flow.js';
import type { HwLayer, HwLayerKind } from '../ir/hardware.js';
import { activation } from './activation/index.js';
import { add } from './add/index.js';
import { batchNorm } from './batch-norm/index.js';
import { concat } from './concat/index.js';
import { conv } from './conv/index.js';
import { dense } from './dense/index.js';
import type { LayerClassInfo, LayerContext, LayerKind, TokenPlan } from './kind.js';
import { minifloat } from './minifloat/index.js';
import { pool } from './pool/index.js';
import { reshape } from './reshape/index.js';
import { resize } from './resize/index.js';
import type { EmitContext } from './shared/emit-context.js';
import { softmax } from './softmax/index.js';
import { tableActivation } from './table-activation/index.js';
import { threshold } from './threshold/index.js';
import { transpose } from './transpose/index.js';

export const LAYER_KINDS: { readonly [K in HwLayerKind]: LayerKind<K> } = {
  dense,
  conv,
  batch_norm: batchNorm,
  activation,
  table_activation: tableActivation,
  softmax,
  pool,
  reshape,
  transpose,
  resize,
  threshold,
  minifloat,
  add,
  concat,
};

const declarations = Object.values(LAYER_KINDS) as unknown as readonly LayerKind<HwLayerKind>[];

function declarationOf(layer: HwLayer): LayerKind<HwLayerKind> {
  return LAYER_KINDS[layer.kind] as unknown as LayerKind<HwLayerKind>;
}

/** The kind that lowers a flow node, or null when none does (an imported op with no hardware yet). */
export function loweringOf(node: FlowNode): LayerKind<HwLayerKind> | null {
  return declarations.find((kind) => kind.lowers.includes(node.kind) && (kind.accepts?.(node) ?? true)) ?? null;
}

/** Every hls4ml class a hardware kind answers to, with what its configuration entries list. */
export const LAYER_CLASSES: ReadonlyMap<string, LayerClassInfo> = new Map(declarations.flatMap((kind) => Object.entries(kind.classes)));

/** The hls4ml classes that have a hardware layer, for messages. */
export function supportedClasses(): string[] {
  return [...LAYER_CLASSES.keys()];
}

export function referenceLayer(layer: HwLayer, inputs: readonly (readonly bigint[])[], inputTypes: readonly FixedType[], outputType: FixedType): bigint[] {
  return declarationOf(layer).reference(layer as never, inputs, inputTypes, outputType);
}

export function emitLayer(layer: HwLayer, context: EmitContext): void {
  declarationOf(layer).emit(layer as never, context);
}

export function multipliersOf(layer: HwLayer): number {
  return declarationOf(layer).multipliers(layer as never);
}

export function datapathOf(layer: HwLayer, context: LayerContext): Datapath {
  return declarationOf(layer).datapath(layer as never, context);
}

export function tokenPlanOf(layer: HwLayer, context: LayerContext): TokenPlan {
  const plan = declarationOf(layer).tokens(layer as never, context);
  invariant(plan.wire || plan.program.emits.length > 0, `layer '${layer.name}' has an empty token program`);
  return plan;
}

/** The layer's iteration as Verilog, or why it has none yet (the kind declares no Verilog, or refuses this form). */
export function verilogOf(layer: HwLayer, context: VerilogContext): Signal | { readonly unsupported: string } {
  const declaration = declarationOf(layer);
  if (!declaration.verilog) return { unsupported: `${layer.kind} layers (${layer.hlsClass})` };
  return declaration.verilog(layer as never, context);
}
