// The `ngt synth` pipeline as a function: import, configuration, conversion passes, schedule, a cycle
// simulation of a few samples (timeline, FIFO occupancy, measured latency and II; FIFO optimisation),
// the same samples bit-accurately against the float reference, estimates with the simulated FIFO depths,
// and the report object. Each stage is timed (bench/synth-time.ts reports them).
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { formatFixedType, invariant } from '@ngt/fxp';
import {
  clockUncertaintyFraction,
  compileModel,
  convertModel,
  countOverflows,
  defaultHlsConfig,
  estimateModel,
  findPart,
  layerTypesOf,
  loadHlsConfig,
  modelDefaultPrecision,
  rawsToValues,
  scheduleModel,
  type HlsConfig,
  type HwModel,
  type IoType,
  type LayerConfig,
  type LayerSchedule,
  type ModelEstimate,
} from '../../hls/index.js';
import { runFloat } from '../../models/index.js';
import type { Report } from '../../reports/index.js';
import type { CycleResult } from '../../sim/index.js';
import { loadModelData, type ModelData } from '../support/model-data.js';
import { buildReport, type Accuracy, type Overflows } from './build-report.js';
import { checkSameBits, cycleNotes, fifoDepthsByTensor, simulateSamples, type CycleStep } from './cycle-sim.js';

export interface SynthOptions {
  readonly model?: string;
  readonly config?: string;
  readonly out?: string;
  readonly part?: string;
  /** Clock period in ns (overrides ClockPeriod). */
  readonly clock?: number;
  readonly ioType?: IoType;
  readonly reuseFactor?: number;
  readonly samples?: number;
  readonly input?: string;
  /** Cycles between sample arrivals in the cycle simulation; 0 (default): as fast as the first layer takes them. */
  readonly interval?: number;
  /** Optimise the FIFO depths (io_stream) and report the re-run with them. */
  readonly fifoOpt?: boolean;
  /** Write the cycle simulation's VCD: true for <out>/waves.vcd, or a path. */
  readonly vcd?: boolean | string;
  /** An invalid ReuseFactor becomes the closest valid one (a note) instead of a ConfigError. */
  readonly adjust?: boolean;
  readonly toolVersion: string;
}

export interface SynthResult {
  readonly report: Report;
  readonly estimate: ModelEstimate;
  readonly model: HwModel;
  readonly cycles: CycleResult | null;
  readonly outDir: string;
  readonly vcdPath: string | null;
  /** Wall time per stage, ms, in order. */
  readonly stages: readonly (readonly [string, number])[];
  /** What the RTL of the same design needs (synth --rtl): the schedules, the simulated samples, the FIFO depths used. */
  readonly rtl: { readonly schedules: readonly LayerSchedule[]; readonly batch: Float64Array; readonly samples: number; readonly fifoDepths: Readonly<Record<string, number>> | undefined };
}

/** The configuration with the command line's overrides (part, io type, reuse factor everywhere). */
function overridden(config: HlsConfig, options: SynthOptions): HlsConfig {
  const reuse = options.reuseFactor;
  const layer =
    reuse === undefined
      ? config.layer
      : (query: Parameters<HlsConfig['layer']>[0]): LayerConfig => {
          return { ...config.layer(query), reuseFactor: reuse };
        };
  return { ...config, part: options.part ?? config.part, clockPeriod: options.clock ?? config.clockPeriod, ioType: options.ioType ?? config.ioType, layer };
}

function argmax(values: Float64Array, offset: number, size: number): number {
  let best = 0;
  for (let k = 1; k < size; k++) if ((values[offset + k] ?? -Infinity) > (values[offset + best] ?? -Infinity)) best = k;
  return best;
}

/** Samples the bit-accurate interpreter counts overflows on (about 2 ms each for the jet tagger). */
const OVERFLOW_SAMPLES = 500;

/** Error, agreement and accuracy (with the float model's) of the compiled simulation on all `count` samples. */
function accuracyOf(model: HwModel, data: ModelData, tensor: string, count: number): Accuracy {
  const type = model.tensors.get(tensor)?.type;
  invariant(type !== undefined, `output '${tensor}' has a type`);
  const fixed = rawsToValues(compileModel(model).run([data.input.data], count, [tensor]).get(tensor) ?? new Float64Array(0), type);
  const [float] = runFloat(data.graph, [{ shape: [count, ...data.input.shape.slice(1)], data: data.input.data }]);
  const reference = float?.data ?? new Float64Array(0);
  const size = fixed.length / count;
  let maxAbs = 0;
  let sumAbs = 0;
  let agree = 0;
  let correct = 0;
  let floatCorrect = 0;
  for (let s = 0; s < count; s++) {
    for (let k = 0; k < size; k++) {
      const error = Math.abs((fixed[s * size + k] ?? 0) - (reference[s * size + k] ?? 0));
      maxAbs = Math.max(maxAbs, error);
      sumAbs += error;
    }
    const predicted = argmax(fixed, s * size, size);
    const expected = argmax(reference, s * size, size);
    if (predicted === expected) agree++;
    if (data.labels && predicted === data.labels[s]) correct++;
    if (data.labels && expected === data.labels[s]) floatCorrect++;
  }
  return {
    samples: count,
    maxAbsError: maxAbs,
    meanAbsError: sumAbs / (count * size),
    argmaxAgreement: agree / count,
    accuracy: data.labels ? correct / count : null,
    floatAccuracy: data.labels ? floatCorrect / count : null,
  };
}

export function runSynth(options: SynthOptions, usage: (message: string) => never): SynthResult {
  const stages: [string, number][] = [];
  let last = performance.now();
  const mark = (name: string): void => {
    const now = performance.now();
    stages.push([name, now - last]);
    last = now;
  };
  const data = loadModelData(options.model, { input: options.input, randomSamples: options.samples ?? 8 }, usage);
  const config = overridden(options.config === undefined ? defaultHlsConfig() : loadHlsConfig(options.config, { layerTypes: layerTypesOf(data.graph) }), options);
  // Fail on a bad part before any work (UnknownPartError lists the known parts; exit 2).
  findPart(config.part);
  if (options.fifoOpt && config.ioType !== 'io_stream') usage(`--fifo-opt needs io_stream FIFOs (--io-type io_stream or IOType in the config), not ${config.ioType}`);
  const name = basename(data.modelPath, extname(data.modelPath));
  // hls4ml's OutputDir is honoured (relative to where ngt runs), and the report says so: a config file
  // moving the reports silently is a surprise; --out overrides it.
  const outDir = options.out ?? config.outputDir ?? join('ngt-out', name);
  mark('import');
  const { model } = convertModel(data.graph, config, { reuseFactors: options.adjust ? 'adjust' : 'error' });
  mark('convert');
  const schedules: LayerSchedule[] = scheduleModel(model, { ioType: config.ioType, clockPeriod: config.clockPeriod, part: config.part, clockUncertainty: clockUncertaintyFraction(config) });
  mark('schedule');
  const available = data.input.shape[0] ?? 0;
  const samples = Math.min(options.samples ?? 8, available);
  const sampleSize = data.input.data.length / Math.max(available, 1);
  const batch = data.input.data.subarray(0, samples * sampleSize);
  const interval = options.interval ?? 0;
  let step: CycleStep | null = null;
  let vcdPath: string | null = null;
  if (samples > 0) {
    vcdPath = typeof options.vcd === 'string' ? options.vcd : options.vcd ? join(outDir, 'waves.vcd') : null;
    if (vcdPath !== null) mkdirSync(dirname(vcdPath), { recursive: true });
    step = simulateSamples(model, batch, samples, { ioType: config.ioType, clockPeriod: config.clockPeriod, schedules, interval, fifoOpt: options.fifoOpt ?? false, vcdPath: vcdPath ?? undefined });
  }
  mark('cycle sim');
  const output = model.outputs[0];
  const outputTensor = output ? model.tensors.get(output.tensor) : undefined;
  let accuracy: Accuracy | null = null;
  let overflows: Overflows | null = null;
  if (output && outputTensor && samples > 0) {
    if (step) checkSameBits(step.cycles, compileModel(model).run([batch], samples, [...step.cycles.outputs.keys()]));
    // Accuracy and agreement on every sample given, beside the float model's; overflows on the first ones.
    accuracy = accuracyOf(model, data, output.tensor, available);
    const counted = Math.min(available, OVERFLOW_SAMPLES);
    overflows = { samples: counted, of: available, counts: countOverflows(model, [data.input.data.subarray(0, counted * sampleSize)], counted) };
  }
  mark('simulate');
  const estimateOptions = { part: config.part, clockPeriod: config.clockPeriod, ioType: config.ioType, schedules };
  // The schedule's prediction (no stalls, default FIFO depths), then the estimate with what the cycle
  // simulation measured: its FIFO depths (io_stream), latency and II (the II only when inputs came as
  // fast as they were taken; with --interval the outputs follow the arrivals).
  let estimate = estimateModel(model, estimateOptions);
  const uncertainty = clockUncertaintyFraction(config);
  const notes: string[] = [
    `Inputs: ${data.inputPath}.`,
    ...(options.out === undefined && config.outputDir !== null ? [`Reports written to ${outDir}, the OutputDir of ${config.source} (--out DIR overrides it).`] : []),
    `Clock uncertainty ${(uncertainty * config.clockPeriod).toFixed(3)} ns (${(100 * uncertainty).toFixed(1)}% of ${config.clockPeriod} ns) is kept free in every stage, as hls4ml's set_clock_uncertainty: ${((1 - uncertainty) * config.clockPeriod).toFixed(3)} ns per stage, the register's own delay included.`,
  ];
  if (step) {
    const { cycles } = step;
    notes.push(...cycleNotes(step, { latencyCycles: estimate.latencyCycles, ii: estimate.ii }, interval));
    const ii = interval === 0 ? (cycles.latency.steadyStateII ?? estimate.ii) : estimate.ii;
    estimate = estimateModel(model, {
      ...estimateOptions,
      fifoDepths: config.ioType === 'io_stream' ? fifoDepthsByTensor(cycles) : undefined,
      measured: { latencyCycles: cycles.latency.first, ii: Math.max(1, ii) },
    });
  }
  mark('estimate');
  const report = buildReport({
    model,
    config,
    estimate,
    schedules,
    accuracy,
    cycles: step?.cycles ?? null,
    notes,
    overflows,
    configFile: options.config === undefined ? null : { path: options.config, text: readFileSync(options.config, 'utf8') },
    toolVersion: options.toolVersion,
    defaultPrecision: formatFixedType(modelDefaultPrecision(config)),
  });
  mark('report');
  const fifoDepths = step?.cycles ? Object.fromEntries(step.cycles.fifos.map((fifo) => [fifo.name, fifo.depth])) : undefined;
  return { report, estimate, model, cycles: step?.cycles ?? null, outDir, vcdPath, stages, rtl: { schedules, batch, samples, fifoDepths } };
}
