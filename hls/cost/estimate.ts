// The whole model's estimate: per-layer resources (the operators of each layer's datapath,
// hls/datapath/resources.ts) and pipeline registers (where hls/schedule placed them), stream FIFOs,
// totals, percentages of the part, the achievable clock and the latency.
//
// - Layer latency and II: hls/schedule's (the one micro-architecture the simulator and the Verilog
//   implement, read from the same datapaths), or the caller's `schedules` (the same form).
// - Model latency and II (cycles): the cycle simulator's when given; else hls/schedule's modelTiming
//   (the layers' token programs run with unbounded FIFOs: exactly what the simulator measures when no
//   FIFO fills; io_parallel chains: the sum of the layer latencies, II the slowest layer's; io_stream:
//   the layers overlap).
// - Achievable clock: the slowest register-to-register stage over all layers (its operators' delays,
//   hls/datapath/delays.ts, plus the register overhead), fmax = 1000 / that.
// - Latency in ns = cycles * max(target period, achieved period): a design that cannot close at the
//   target runs at its achievable clock.
// - Percentages: totals / part capacity * 100.
import { invariant, type FixedType } from '@ngt/fxp';
import { DEFAULT_CLOCK_PERIOD, DEFAULT_IO_TYPE, DEFAULT_PART } from '../config/defaults.js';
import type { IoType } from '../config/types.js';
import type { HwLayer, HwModel } from '../ir/hardware.js';
import { fifoCost } from '../datapath/memory.js';
import { datapathResources, type Resources } from '../datapath/resources.js';
import { findPart, type Part } from '../parts/parts.js';
import { modelTiming, scheduleModel, type LayerSchedule } from '../schedule/index.js';

export interface EstimateOptions {
  /** hls4ml Part; default xcvu13p-flga2577-2-e. */
  readonly part?: string;
  /** Target clock period in ns; default 5. */
  readonly clockPeriod?: number;
  /** ClockUncertainty as a fraction of the period; default 0.125. */
  readonly clockUncertainty?: number;
  readonly ioType?: IoType;
  /** Every layer's schedule in the model's order; default hls/schedule's scheduleModel at this part and clock. */
  readonly schedules?: readonly LayerSchedule[];
  /** io_stream FIFO depths by tensor name (from the cycle simulator / FIFO optimisation). */
  readonly fifoDepths?: ReadonlyMap<string, number>;
  /** The model's latency and II as the cycle simulator measured them. */
  readonly measured?: { readonly latencyCycles: number; readonly ii: number };
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
  invariant(tensor !== undefined, `estimate: model '${model.name}' has no tensor '${name}'`);
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
  const schedules = options.schedules ?? scheduleModel(model, { ioType, clockPeriod: clockPeriodNs, part: part.name, clockUncertainty: options.clockUncertainty });
  invariant(schedules.length === model.layers.length, `estimate: ${schedules.length} schedules for ${model.layers.length} layers`);
  const layers: LayerEstimate[] = model.layers.map((layer, index) => {
    const schedule = schedules[index] as LayerSchedule;
    const resources = datapathResources(schedule.datapath, family);
    return {
      name: layer.name,
      kind: layer.kind,
      hlsClass: layer.hlsClass,
      dsp: resources.dsp,
      lut: Math.ceil(resources.lut),
      ff: resources.ff + schedule.registerBits,
      bram: resources.bram,
      latency: schedule.latency,
      ii: Math.max(1, schedule.ii),
      stageDelayNs: schedule.stageDelayNs,
      notes: schedule.foldedInto ? [...schedule.datapath.notes, `folded into ${schedule.foldedInto}'s output stage`] : schedule.datapath.notes,
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
  const timing = options.measured || model.layers.length === 0 ? null : modelTiming(model, schedules);
  const ii = options.measured?.ii ?? (timing ? Math.max(1, timing.ii) : Math.max(1, ...layers.map((layer) => layer.ii)));
  const latencyCycles = options.measured?.latencyCycles ?? timing?.latency ?? 0;
  const achievedPeriodNs = Math.max(family.timing.registerNs, ...layers.map((layer) => layer.stageDelayNs));
  const clockMhz = 1000 / achievedPeriodNs;
  const latencyNs = latencyCycles * Math.max(clockPeriodNs, achievedPeriodNs);
  return { part, ioType, layers, fifos, totals, utilization, latencyCycles, ii, clockPeriodNs, achievedPeriodNs, clockMhz, latencyNs, ...totals, notes };
}
