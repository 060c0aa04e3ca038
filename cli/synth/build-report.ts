// Assembles the report data model (reports/schema.ts) from the flow's results: the hardware model,
// its configuration, the per-layer schedule and the cost estimate. Lives in cli/ because hls/ may not
// import reports/. Every figure is tagged 'estimate' (DESIGN.md contract 3: our model): the model's latency,
// II, timeline and FIFO occupancy come from the cycle simulator (sim/, which runs hls/schedule's
// micro-architecture), per-layer cycles from the schedule, resources from hls/cost; 'yosys' and 'cosim'
// readings join when those steps run.
import { formatFixedType, invariant, type FixedType } from '@ngt/fxp';
import { configLabel, designWarnings, multipliersOf, type OverflowCount, type HlsConfig, type HwLayer, type HwModel, type LayerSchedule, type ModelEstimate } from '../../hls/index.js';
import { schemaName, schemaVersion, type FifoOccupancy, type LayerRow, type Report, type Timeline } from '../../reports/index.js';
import type { CycleResult } from '../../sim/index.js';

export interface Accuracy {
  readonly samples: number;
  readonly maxAbsError: number;
  readonly meanAbsError: number;
  readonly argmaxAgreement: number;
  readonly accuracy: number | null;
  readonly floatAccuracy: number | null;
}

/** Overflow counts of the first `samples` of `of` samples. */
export interface Overflows {
  readonly samples: number;
  readonly of: number;
  readonly counts: readonly OverflowCount[];
}

export interface ReportInputs {
  readonly model: HwModel;
  readonly config: HlsConfig;
  readonly estimate: ModelEstimate;
  readonly schedules: readonly LayerSchedule[];
  readonly accuracy: Accuracy | null;
  /** The cycle simulation of the samples (null: no samples). */
  readonly cycles: CycleResult | null;
  /** What the flow has to say about its runs (cycle simulation, FIFO optimisation). */
  readonly notes: readonly string[];
  readonly overflows: Overflows | null;
  /** The configuration file as given, or null for the defaults. */
  readonly configFile: { readonly path: string; readonly text: string } | null;
  readonly toolVersion: string;
  readonly defaultPrecision: string;
}

const source = 'estimate' as const;

/** The precisions a layer has beyond its result type, by hls4ml's variable names. */
function precisionsOf(layer: HwLayer, result: FixedType): Record<string, string> {
  const precision: Record<string, string> = { result: formatFixedType(result) };
  switch (layer.kind) {
    case 'dense':
    case 'conv':
      precision['weight'] = formatFixedType(layer.weightType);
      precision['bias'] = formatFixedType(layer.biasType);
      precision['accum'] = formatFixedType(layer.accumType);
      break;
    case 'batch_norm':
      precision['scale'] = formatFixedType(layer.scaleType);
      precision['bias'] = formatFixedType(layer.biasType);
      break;
    case 'table_activation':
      precision['table'] = formatFixedType(layer.tableType);
      break;
    case 'softmax':
      precision['exp_table'] = formatFixedType(layer.expTableType);
      precision['inv_table'] = formatFixedType(layer.invTableType);
      if (layer.implementation === 'stable' || layer.implementation === 'latency') {
        precision['accum'] = formatFixedType(layer.accumType);
        precision['inv_inp'] = formatFixedType(layer.invInputType);
      }
      if (layer.normType) precision['inp_norm'] = formatFixedType(layer.normType);
      break;
    case 'pool':
      precision['accum'] = formatFixedType(layer.accumType);
      break;
    default:
      break;
  }
  return precision;
}

/** Shapes in reports have >= 1 axis of size >= 1; a scalar is shown as [1]. */
const shown = (shape: readonly number[]): number[] => (shape.length === 0 ? [1] : shape.map((size) => Math.max(1, size)));

/**
 * When each layer works on each sample, as the cycle simulator saw it. A layer folded into its
 * producer's output stage finishes with it: a 0-cycle span at the producer's end. Wiring layers take
 * no time and are left out.
 */
function cycleTimeline(cycles: CycleResult, model: HwModel, schedules: readonly LayerSchedule[]): Timeline {
  const simulated = new Map(cycles.layers.map((layer) => [layer.name, layer.firings.filter((firing) => firing.start >= 0 && firing.end >= firing.start)]));
  const spans = model.layers.flatMap((layer, index) => {
    const own = simulated.get(layer.name);
    if (own && own.length > 0) return own.map((firing) => ({ layer: layer.name, sample: firing.sample, startCycle: firing.start, endCycle: firing.end }));
    const host = schedules[index]?.foldedInto;
    const hosted = host ? simulated.get(host) : undefined;
    return (hosted ?? []).map((firing) => ({ layer: layer.name, sample: firing.sample, startCycle: firing.end, endCycle: firing.end }));
  });
  return { source, spans };
}

/** Every stream's occupancy (io_parallel: the single-register slices between layers). */
function fifoOccupancy(cycles: CycleResult): FifoOccupancy {
  return { source, fifos: cycles.fifos.map((fifo) => ({ name: fifo.name, depth: fifo.depth, points: fifo.series })) };
}

function overflowSummary(overflows: Overflows | null): Report['overflows'] {
  if (!overflows) return null;
  return { samples: overflows.samples, of: overflows.of, rows: overflows.counts.filter((count) => count.overflows > 0).map((count) => ({ ...count })) };
}

/** One warning naming the overflowing variables (the worst first) and the fix. */
function overflowWarnings(overflows: Overflows | null): string[] {
  const bad = (overflows?.counts ?? []).filter((count) => count.overflows > 0).sort((a, b) => b.overflows / b.casts - a.overflows / a.casts);
  if (!overflows || bad.length === 0) return [];
  const listed = bad.slice(0, 4).map((count) => `${count.layer} ${count.variable} (${count.type}) ${count.mode === 'wrap' ? 'wrapped' : 'saturated'} ${count.overflows.toLocaleString('en-US')} of ${count.casts.toLocaleString('en-US')}`);
  const more = bad.length > 4 ? `, and ${bad.length - 4} more` : '';
  const of = overflows.samples < overflows.of ? ` (first ${overflows.samples.toLocaleString('en-US')} of ${overflows.of.toLocaleString('en-US')} samples)` : ` (${overflows.samples.toLocaleString('en-US')} samples)`;
  return [`values overflow${of}: ${listed.join('; ')}${more}. \`ngt profile\` shows each layer's range against its type; \`ngt quantize\` picks types that hold them`];
}

export function buildReport(inputs: ReportInputs): Report {
  const { model, config, estimate, schedules } = inputs;
  const modelDefaults = config.layer({ name: '', type: '' });
  const layers: LayerRow[] = model.layers.map((layer, index) => {
    const output = model.tensors.get(layer.output);
    const input = model.tensors.get(layer.inputs[0] ?? '');
    const cost = estimate.layers[index];
    const schedule = schedules[index];
    invariant(output !== undefined && input !== undefined && cost !== undefined, `report: layer '${layer.name}' has no output tensor or estimate`);
    const tuned = layer.kind === 'dense' || layer.kind === 'conv';
    return {
      name: layer.name,
      kind: layer.hlsClass,
      inputShape: shown(input.shape),
      outputShape: shown(output.shape),
      precision: precisionsOf(layer, output.type),
      reuseFactor: tuned ? layer.reuseFactor : 1,
      strategy: tuned ? layer.strategy : modelDefaults.strategy,
      latency: [{ cycles: schedule?.latency ?? cost.latency, source }],
      ii: [{ cycles: Math.max(1, schedule?.ii ?? cost.ii), source }],
      resources: [{ dsp: cost.dsp, lut: cost.lut, ff: cost.ff, bram18: cost.bram, source }],
    };
  });
  const part = estimate.part;
  const capacity = { dsp: part.dsp, lut: part.lut, ff: part.ff, bram18: part.bram };
  const totals = { dsp: estimate.dsp, lut: estimate.lut, ff: estimate.ff, bram18: estimate.bram };
  const utilization = { dsp: estimate.utilization.dsp, lut: estimate.utilization.lut, ff: estimate.utilization.ff, bram18: estimate.utilization.bram };
  const multipliers = model.layers.reduce((sum, layer) => sum + multipliersOf(layer), 0);
  const accuracy = inputs.accuracy;
  const notes = [
    ...model.notes,
    ...estimate.notes,
    ...estimate.layers.map((layer) => `${layer.name}: ${layer.notes.join('; ')}`),
    `${part.family.name}: DSP = ${part.family.dsp.primitive}, block RAM = ${part.family.blockRam.primitive} (${part.family.blockRam.bits / 1024} Kb each)`,
    ...inputs.notes,
    'All figures are our model\'s (hls/cost, hls/schedule, the cycle simulator); Yosys synthesis and RTL co-simulation will check them.',
  ];
  return {
    schema: schemaName,
    schemaVersion,
    tool: { name: 'ngt', version: inputs.toolVersion },
    date: new Date().toISOString(),
    model: { name: model.name, source: model.source },
    config: {
      part: part.name,
      clockPeriodNs: config.clockPeriod,
      ioType: config.ioType,
      label: configLabel(model, config),
      file: inputs.configFile,
      defaultPrecision: inputs.defaultPrecision,
      defaultReuseFactor: modelDefaults.reuseFactor,
      defaultStrategy: modelDefaults.strategy,
    },
    layers,
    resources: { part: part.name, capacity, totals: [{ ...totals, source }], utilization: [{ ...utilization, source }] },
    latency: [{ cycles: estimate.latencyCycles, ns: estimate.latencyNs, source }],
    ii: [{ cycles: Math.max(1, estimate.ii), source }],
    maxClock: [{ mhz: estimate.clockMhz, source }],
    timeline: inputs.cycles ? cycleTimeline(inputs.cycles, model, schedules) : null,
    fifoOccupancy: inputs.cycles ? fifoOccupancy(inputs.cycles) : null,
    comparisons: accuracy
      ? [
          {
            name: configLabel(model, config),
            samples: accuracy.samples,
            maxAbsError: accuracy.maxAbsError,
            meanAbsError: accuracy.meanAbsError,
            argmaxAgreement: accuracy.argmaxAgreement,
            accuracy: accuracy.accuracy,
            floatAccuracy: accuracy.floatAccuracy,
            multipliers,
            resources: [{ ...totals, source }],
            latency: [{ cycles: estimate.latencyCycles, source }],
          },
        ]
      : [],
    overflows: overflowSummary(inputs.overflows),
    warnings: [...designWarnings(estimate), ...overflowWarnings(inputs.overflows)],
    notes,
  };
}
