// Assembles the report data model (reports/schema.ts) from the flow's results: the hardware model,
// its configuration, the per-layer schedule and the cost estimate. Lives in cli/ because hls/ may not
// import reports/. Every figure is tagged 'estimate' (DESIGN.md contract 3): cycle counts come from our
// schedule model, resources from hls/cost; 'yosys' and 'cosim' readings join when those steps run.
import { formatFixedType, type FixedType } from '@ngt/fxp';
// hls/index.ts does not re-export hls/schedule yet; its index directly until it does.
// eslint-disable-next-line no-restricted-imports
import type { LayerSchedule } from '../../hls/schedule/index.js';
import { multipliersOf, type HlsConfig, type HwLayer, type HwModel, type ModelEstimate } from '../../hls/index.js';
import { schemaName, schemaVersion, type LayerRow, type Report, type TimelineSpan } from '../../reports/index.js';

export interface Accuracy {
  readonly samples: number;
  readonly maxAbsError: number;
  readonly meanAbsError: number;
  readonly argmaxAgreement: number;
  readonly accuracy: number | null;
}

export interface ReportInputs {
  readonly model: HwModel;
  readonly config: HlsConfig;
  readonly estimate: ModelEstimate;
  readonly schedules: readonly LayerSchedule[];
  readonly accuracy: Accuracy | null;
  readonly samples: number;
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
 * When each layer works on each sample, from the schedule with no stalls: sample s enters at s * II,
 * and each layer starts when the previous one's latency has passed. Wiring layers take no time and
 * are left out. (The cycle simulator's timeline replaces this once it runs in `ngt synth`.)
 */
export function scheduleTimeline(model: HwModel, schedules: readonly LayerSchedule[], ii: number, samples: number): TimelineSpan[] {
  const spans: TimelineSpan[] = [];
  for (let sample = 0; sample < samples; sample++) {
    let cycle = sample * ii;
    model.layers.forEach((layer, index) => {
      const schedule = schedules[index];
      if (!schedule || schedule.wire || schedule.latency === 0) return;
      spans.push({ layer: layer.name, sample, startCycle: cycle, endCycle: cycle + schedule.latency });
      cycle += schedule.latency;
    });
  }
  return spans;
}

export function buildReport(inputs: ReportInputs): Report {
  const { model, config, estimate, schedules } = inputs;
  const modelDefaults = config.layer({ name: '', type: '' });
  const layers: LayerRow[] = model.layers.map((layer, index) => {
    const output = model.tensors.get(layer.output);
    const input = model.tensors.get(layer.inputs[0] ?? '');
    const cost = estimate.layers[index];
    const schedule = schedules[index];
    if (!output || !input || !cost) throw new Error(`report: layer '${layer.name}' has no output tensor or estimate`);
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
  const utilization = {
    dsp: (100 * totals.dsp) / capacity.dsp,
    lut: (100 * totals.lut) / capacity.lut,
    ff: (100 * totals.ff) / capacity.ff,
    bram18: (100 * totals.bram18) / capacity.bram18,
  };
  const multipliers = model.layers.reduce((sum, layer) => sum + multipliersOf(layer), 0);
  const accuracy = inputs.accuracy;
  const notes = [
    ...model.notes,
    ...estimate.notes,
    ...estimate.layers.map((layer) => `${layer.name}: ${layer.notes.join('; ')}`),
    `${part.family.name}: DSP = ${part.family.dsp.primitive}, block RAM = ${part.family.blockRam.primitive} (${part.family.blockRam.bits / 1024} Kb each)`,
    'All figures are estimates of our model (hls/cost, hls/schedule); Yosys synthesis and RTL co-simulation will check them.',
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
      defaultPrecision: inputs.defaultPrecision,
      defaultReuseFactor: modelDefaults.reuseFactor,
      defaultStrategy: modelDefaults.strategy,
    },
    layers,
    resources: { part: part.name, capacity, totals: [{ ...totals, source }], utilization: [{ ...utilization, source }] },
    latency: [{ cycles: estimate.latencyCycles, ns: estimate.latencyNs, source }],
    ii: [{ cycles: Math.max(1, estimate.ii), source }],
    maxClock: [{ mhz: estimate.clockMhz, source }],
    timeline: inputs.samples > 0 ? { source, spans: scheduleTimeline(model, schedules, Math.max(1, estimate.ii), inputs.samples) } : null,
    fifoOccupancy: null,
    comparisons: accuracy
      ? [
          {
            name: `${inputs.defaultPrecision}, RF ${modelDefaults.reuseFactor}, ${modelDefaults.strategy}`,
            samples: accuracy.samples,
            maxAbsError: accuracy.maxAbsError,
            meanAbsError: accuracy.meanAbsError,
            argmaxAgreement: accuracy.argmaxAgreement,
            accuracy: accuracy.accuracy,
            multipliers,
            resources: [{ ...totals, source }],
            latency: [{ cycles: estimate.latencyCycles, source }],
          },
        ]
      : [],
    notes,
  };
}
