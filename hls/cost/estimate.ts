// The whole model's estimate: per-layer resources (layer-costs.ts) pipelined at their latency
// (pipeline.ts), stream FIFOs, totals, percentages of the part, the achievable clock and the latency.
//
// - Layer latency and II: hls/schedule's (the one micro-architecture the simulator and the Verilog
//   implement), or the caller's `schedule` map; a layer missing from a given map gets the smallest
//   latency whose slowest stage meets the target clock period (pipeline.ts), II = reuse factor.
// - Model latency and II (cycles): the cycle simulator's when given; else hls/schedule's modelTiming
//   (the layers' token programs run with unbounded FIFOs: exactly what the simulator measures when no
//   FIFO fills; io_parallel chains: the sum of the layer latencies, II the slowest layer's; io_stream:
//   the layers overlap). A caller's own per-layer `schedule` that departs from hls/schedule's has no
//   token programs: then io_parallel sums the layer latencies and io_stream adds (input pixels - 1)
//   times the slowest II (a rough pipeline fill), the II being the slowest layer's.
// - Achievable clock: the slowest register-to-register stage over all layers (longest combinational
//   path per stage: levels * (carry or LUT delay + routing) + register overhead), fmax = 1000 / that.
// - Latency in ns = cycles * max(target period, achieved period): a design that cannot close at the
//   target runs at its achievable clock.
// - Percentages: totals / part capacity * 100.
import type { FixedType } from '@ngt/fxp';
import { DEFAULT_CLOCK_PERIOD, DEFAULT_IO_TYPE, DEFAULT_PART } from '../config/defaults.js';
import type { IoType } from '../config/types.js';
import type { HwLayer, HwModel } from '../ir/hardware.js';
import { findPart, type Part } from '../parts/parts.js';
import { modelTiming, scheduleModel } from '../schedule/index.js';
import { layerDatapath } from './layer-costs.js';
import { fifoCost } from './memory.js';
import { latencyForPeriod, pipelineAt } from './pipeline.js';

export interface LayerTiming {
  readonly latency: number;
  readonly ii: number;
}

export interface EstimateOptions {
  /** hls4ml Part; default xcvu13p-flga2577-2-e. */
  readonly part?: string;
  /** Target clock period in ns; default 5. */
  readonly clockPeriod?: number;
  readonly ioType?: IoType;
  /** Per-layer latency and II by layer name; default hls/schedule's scheduleModel. */
  readonly schedule?: ReadonlyMap<string, LayerTiming>;
  /** io_stream FIFO depths by tensor name (from the cycle simulator / FIFO optimisation). */
  readonly fifoDepths?: ReadonlyMap<string, number>;
  /** The model's latency and II as the cycle simulator measured them. */
  readonly measured?: { readonly latencyCycles: number; readonly ii: number };
}

export interface Resources {
  readonly dsp: number;
  readonly lut: number;
  readonly ff: number;
  /** Block RAM primitives (parts.ts: RAMB18 halves on Xilinx). */
  readonly bram: number;
}

export interface LayerEstimate extends Resources {
  readonly name: string;
  readonly kind: HwLayer['kind'];
  readonly hlsClass: string;
  readonly latency: number;
  readonly ii: number;
  /** Slowest register-to-register path of this layer, ns. */
  readonly stageDelayNs: number;
  readonly notes: readonly string[];
}

export interface FifoEstimate extends Resources {
  readonly tensor: string;
  readonly depth: number;
  readonly width: number;
}

export interface ModelEstimate extends Resources {
  readonly part: Part;
  readonly ioType: IoType;
  readonly layers: readonly LayerEstimate[];
  readonly fifos: readonly FifoEstimate[];
  readonly totals: Resources;
  /** Percent of the part. */
  readonly utilization: Resources;
  readonly latencyCycles: number;
  readonly ii: number;
  readonly clockPeriodNs: number;
  readonly achievedPeriodNs: number;
  /** Estimated achievable clock, MHz. */
  readonly clockMhz: number;
  readonly latencyNs: number;
  readonly notes: readonly string[];
}

function tensorOf(model: HwModel, name: string): { type: FixedType; shape: readonly number[] } {
  const tensor = model.tensors.get(name);
  if (!tensor) throw new Error(`estimate: model '${model.name}' has no tensor '${name}'`);
  return tensor;
}

const sum = (items: readonly Resources[]): Resources =>
  items.reduce((total, item) => ({ dsp: total.dsp + item.dsp, lut: total.lut + item.lut, ff: total.ff + item.ff, bram: total.bram + item.bram }), { dsp: 0, lut: 0, ff: 0, bram: 0 });

export function estimateModel(model: HwModel, options: EstimateOptions = {}): ModelEstimate {
  const part = findPart(options.part ?? DEFAULT_PART);
  const family = part.family;
  const ioType = options.ioType ?? DEFAULT_IO_TYPE;
  const clockPeriodNs = options.clockPeriod ?? DEFAULT_CLOCK_PERIOD;
  const notes: string[] = [];
  const schedules = scheduleModel(model, { ioType, clockPeriod: clockPeriodNs });
  const ownTiming = new Map(schedules.map((layer, index) => [model.layers[index]?.name ?? '', { latency: layer.latency, ii: Math.max(1, layer.ii) }]));
  const schedule = options.schedule ?? ownTiming;
  // The token programs describe the caller's figures only when those are hls/schedule's.
  const programsApply = model.layers.every((layer) => {
    const given = schedule.get(layer.name);
    const own = ownTiming.get(layer.name);
    return given !== undefined && own !== undefined && given.latency === own.latency && given.ii === own.ii;
  });
  const layers: LayerEstimate[] = model.layers.map((layer) => {
    const inputs = layer.inputs.map((name) => tensorOf(model, name));
    const output = tensorOf(model, layer.output);
    const path = layerDatapath(layer, { family, ioType, inputTypes: inputs.map((t) => t.type), inputShapes: inputs.map((t) => t.shape), outputType: output.type, outputShape: output.shape });
    const scheduled = schedule.get(layer.name);
    const latency = scheduled?.latency ?? (path.levels.length === 0 ? 0 : latencyForPeriod(path, clockPeriodNs, family));
    const pipelined = pipelineAt(path, latency, family, clockPeriodNs);
    return {
      name: layer.name,
      kind: layer.kind,
      hlsClass: layer.hlsClass,
      dsp: path.dsp,
      lut: Math.ceil(path.lut),
      ff: path.ff + pipelined.ff,
      bram: path.bram,
      latency,
      ii: scheduled?.ii ?? path.ii,
      stageDelayNs: pipelined.stageDelayNs,
      notes: path.notes,
    };
  });
  const fifos: FifoEstimate[] = [];
  if (ioType === 'io_stream') {
    // One FIFO per tensor between layers (and at the inputs), a word being one pixel's channels.
    const streamed = new Set([...model.inputs, ...model.layers.map((layer) => layer.output)]);
    for (const name of streamed) {
      const tensor = tensorOf(model, name);
      const channels = tensor.shape[tensor.shape.length - 1] ?? 1;
      const pixels = tensor.shape.reduce((product, size) => product * size, 1) / channels;
      const depth = options.fifoDepths?.get(name) ?? pixels;
      const width = channels * tensor.type.width;
      fifos.push({ tensor: name, depth, width, dsp: 0, ...fifoCost(depth, width, family) });
    }
    if (!options.fifoDepths) notes.push('FIFO depths: one sample of each stream (hls4ml default) until FIFO optimisation sets them');
  }
  const totals = sum([...layers, ...fifos]);
  const capacity = { dsp: part.dsp, lut: part.lut, ff: part.ff, bram: part.bram };
  const utilization = {
    dsp: (100 * totals.dsp) / capacity.dsp,
    lut: (100 * totals.lut) / capacity.lut,
    ff: (100 * totals.ff) / capacity.ff,
    bram: (100 * totals.bram) / capacity.bram,
  };
  const timing = options.measured || !programsApply || model.layers.length === 0 ? null : modelTiming(model, schedules);
  const ii = options.measured?.ii ?? (timing ? Math.max(1, timing.ii) : Math.max(1, ...layers.map((layer) => layer.ii)));
  const pipelineLatency = layers.reduce((total, layer) => total + layer.latency, 0);
  let latencyCycles = pipelineLatency;
  if (options.measured) latencyCycles = options.measured.latencyCycles;
  else if (timing) latencyCycles = timing.latency;
  else if (ioType === 'io_stream') {
    const input = tensorOf(model, model.inputs[0] ?? '');
    const pixels = input.shape.reduce((product, size) => product * size, 1) / (input.shape[input.shape.length - 1] ?? 1);
    latencyCycles = pipelineLatency + (pixels - 1) * ii;
  }
  const achievedPeriodNs = Math.max(family.timing.registerNs, ...layers.map((layer) => layer.stageDelayNs));
  const clockMhz = 1000 / achievedPeriodNs;
  if (achievedPeriodNs > clockPeriodNs) {
    notes.push(`the estimated achievable clock (${clockMhz.toFixed(0)} MHz) is slower than the target ${clockPeriodNs} ns; latency in ns uses the achievable period`);
  }
  const latencyNs = latencyCycles * Math.max(clockPeriodNs, achievedPeriodNs);
  return { part, ioType, layers, fifos, totals, utilization, latencyCycles, ii, clockPeriodNs, achievedPeriodNs, clockMhz, latencyNs, ...totals, notes };
}
