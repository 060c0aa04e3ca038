// Every layer's schedule, from its datapath (the layer kind's declaration) by delay-driven register
// placement (hls/datapath/schedule.ts) at the clock and part given, and its token program.
//
// Folding: a layer whose datapath is combinational only (a ReLU, a cast, a clip), with one input that
// a process alone produces (through wiring, no fork, not a model output), goes into that producer's
// output stage when the producer's last stage still has room for it: the producer's output register
// moves behind it, and the layer becomes a wire. Cheap logic so costs no cycle of its own.
import { invariant, type FixedType } from '@ngt/fxp';
import { DEFAULT_CLOCK_PERIOD, DEFAULT_PART } from '../config/defaults.js';
import type { IoType } from '../config/types.js';
import { DEFAULT_CLOCK_UNCERTAINTY, stageBudgetNs, stepDelayNs } from '../datapath/delays.js';
import { combinational, type Datapath } from '../datapath/ir.js';
import { placeRegisters } from '../datapath/schedule.js';
import type { HwLayer, HwModel } from '../ir/hardware.js';
import type { LayerContext, TokenPlan } from '../layers/kind.js';
import { datapathOf, tokenPlanOf } from '../layers/registry.js';
import { findPart } from '../parts/parts.js';
import type { LayerSchedule, Stage } from './types.js';

export interface ScheduleOptions {
  readonly ioType: IoType;
  /** Target clock period, ns; default 5 (hls4ml's). */
  readonly clockPeriod?: number;
  /** The part whose delays the registers are placed by; default xcvu13p-flga2577-2-e. */
  readonly part?: string;
  /** Fraction of the period kept as margin; default hls4ml's 12.5%. */
  readonly clockUncertainty?: number;
  /** Datapaths to use instead of the layers' own, by layer name (what-if studies and tests). */
  readonly datapaths?: ReadonlyMap<string, Datapath>;
  /** false: every layer with logic keeps a process and an output register of its own (no folding). */
  readonly fold?: boolean;
}

/** A layer's types and one-sample shapes in its model, with the part's family and the io type. */
export function layerContext(model: HwModel, layer: HwLayer, options: { ioType: IoType; part?: string }): LayerContext {
  const tensor = (name: string) => {
    const found = model.tensors.get(name);
    invariant(found !== undefined, `model '${model.name}' has no tensor '${name}'`);
    return found;
  };
  const inputs = layer.inputs.map(tensor);
  const output = tensor(layer.output);
  return {
    family: findPart(options.part ?? DEFAULT_PART).family,
    ioType: options.ioType,
    inputTypes: inputs.map((t) => t.type as FixedType),
    inputShapes: inputs.map((t) => t.shape),
    outputType: output.type,
    outputShape: output.shape,
  };
}

interface Draft {
  kind: HwLayer['kind'];
  ioType: IoType;
  plan: TokenPlan;
  datapath: Datapath;
  stages: Stage[];
  registerBits: number;
  /** Bits of the output register (a fold moves it behind the folded layer). */
  outputBits: number;
  stageDelayNs: number;
  foldedInto: string | null;
}

function describe(stages: readonly Stage[]): string {
  return stages.map((stage) => `${stage.name} ${stage.delayNs.toFixed(2)} ns${stage.cycles > 1 ? ` x ${stage.cycles} cycles` : ''}`).join(' | ');
}

function finish(draft: Draft): LayerSchedule {
  const base = { kind: draft.kind, ioType: draft.ioType, datapath: draft.datapath };
  if (draft.plan.wire) {
    const tokens = draft.plan.tokens;
    return {
      ...base,
      wire: true,
      foldedInto: draft.foldedInto,
      latency: 0,
      ii: 0,
      iteration: { latency: 0, ii: 0 },
      stages: [],
      tokensIn: [tokens],
      tokensOut: tokens,
      program: { reads: new Uint32Array(0), emits: new Uint8Array(0) },
      formula: draft.foldedInto ? `folded into ${draft.foldedInto}'s output stage = 0` : 'wire = 0',
      registerBits: 0,
      stageDelayNs: 0,
    };
  }
  const { program, tokensIn, tokensOut } = draft.plan;
  const iterationLatency = draft.stages.reduce((total, stage) => total + stage.cycles, 0);
  const iterationIi = draft.datapath.iterationIi;
  let lastEmit = -1;
  for (let i = 0; i < program.emits.length; i++) if (program.emits[i]) lastEmit = i;
  const iterations = program.emits.length;
  const latency = lastEmit * iterationIi + iterationLatency;
  const stagesText = `${iterationLatency} (${describe(draft.stages)})`;
  const formula = iterations === 1 ? `${stagesText}` : `${lastEmit} * ${iterationIi} + ${stagesText} (last output after iteration ${lastEmit} of ${iterations})`;
  return {
    ...base,
    wire: false,
    foldedInto: null,
    latency,
    ii: iterations * iterationIi,
    iteration: { latency: iterationLatency, ii: iterationIi },
    stages: draft.stages,
    tokensIn,
    tokensOut,
    program,
    formula: `${formula} = ${latency}`,
    registerBits: draft.registerBits,
    stageDelayNs: draft.stageDelayNs,
  };
}

/** Whether a plan reads one token and emits one every iteration (a token-wise layer a fold can join). */
function tokenwise(plan: TokenPlan): boolean {
  if (plan.wire || plan.tokensIn.length !== 1 || plan.tokensIn[0] !== plan.tokensOut) return false;
  return plan.program.emits.every((emit) => emit === 1) && plan.program.reads.every((read) => read === 1);
}

/** Every layer's schedule, in the model's layer order. */
export function scheduleModel(model: HwModel, options: ScheduleOptions): LayerSchedule[] {
  const family = findPart(options.part ?? DEFAULT_PART).family;
  const budgetNs = stageBudgetNs(options.clockPeriod ?? DEFAULT_CLOCK_PERIOD, family, options.clockUncertainty ?? DEFAULT_CLOCK_UNCERTAINTY);
  const consumers = new Map<string, number>();
  for (const layer of model.layers) for (const input of layer.inputs) consumers.set(input, (consumers.get(input) ?? 0) + 1);
  const outputs = new Set(model.outputs.map((output) => output.tensor));
  const drafts: Draft[] = [];
  /** The index of the process producing a tensor (through wires), or -1 for a model input. */
  const producer = new Map<string, number>();
  model.layers.forEach((layer, index) => {
    const context = layerContext(model, layer, options);
    const datapath = options.datapaths?.get(layer.name) ?? datapathOf(layer, context);
    const plan = tokenPlanOf(layer, context);
    const draft: Draft = { kind: layer.kind, ioType: options.ioType, plan, datapath, stages: [], registerBits: 0, outputBits: datapath.outputBits, stageDelayNs: 0, foldedInto: null };
    drafts.push(draft);
    const input = layer.inputs[0] ?? '';
    const from = producer.get(input) ?? -1;
    if (plan.wire || datapath.steps.length === 0) {
      draft.plan = plan.wire ? plan : { wire: true, tokens: plan.tokensOut };
      producer.set(layer.output, layer.inputs.length === 1 && (consumers.get(input) ?? 0) === 1 && !outputs.has(input) ? from : -1);
      return;
    }
    const host = drafts[from];
    const last = host?.stages[host.stages.length - 1];
    if (options.fold !== false && host && last && !host.plan.wire && layer.inputs.length === 1 && (consumers.get(input) ?? 0) === 1 && !outputs.has(input) && combinational(datapath) && tokenwise(plan)) {
      const delay = datapath.steps.reduce((total, step) => total + stepDelayNs(step, family), 0);
      if (last.delayNs + delay <= budgetNs + 1e-9) {
        host.stages[host.stages.length - 1] = { ...last, name: last.name.replace(/(, )?output register$/, (_, comma: string | undefined) => `${comma ?? ''}${layer.name}, output register`), delayNs: last.delayNs + delay };
        host.stageDelayNs = Math.max(host.stageDelayNs, last.delayNs + delay + family.timing.registerNs);
        host.registerBits += datapath.outputBits - host.outputBits;
        host.outputBits = datapath.outputBits;
        draft.plan = { wire: true, tokens: plan.tokensOut };
        draft.foldedInto = model.layers[from]?.name ?? null;
        producer.set(layer.output, from);
        return;
      }
    }
    const pipeline = placeRegisters(datapath, { family, budgetNs });
    draft.stages = pipeline.stages.map((stage) => ({ name: stage.name, cycles: stage.cycles, delayNs: stage.delayNs }));
    draft.registerBits = pipeline.ff;
    draft.stageDelayNs = pipeline.stageDelayNs;
    producer.set(layer.output, index);
  });
  return drafts.map(finish);
}

export type { LayerSchedule, Stage } from './types.js';
export { modelTiming, type LayerTokenTimes, type ModelTiming, type ModelTimingOptions } from './model-timing.js';
