// The `ngt synth` pipeline as a function: import, configuration, conversion passes, schedule,
// estimates, a bit-accurate run of a few samples against the float reference, the timeline, and the
// report object. Each stage is timed (bench/synth-time.ts reports them).
import { basename, extname, join } from 'node:path';
import { formatFixedType } from '@ngt/fxp';
// hls/index.ts does not re-export these folders yet; their indexes directly until it does.
// eslint-disable-next-line no-restricted-imports
import { defaultHlsConfig, loadHlsConfig } from '../../hls/config/index.js';
// eslint-disable-next-line no-restricted-imports
import { scheduleModel, type LayerSchedule } from '../../hls/schedule/index.js';
import { compileModel, convertModel, estimateModel, findPart, modelDefaultPrecision, rawsToValues, type HlsConfig, type HwModel, type IoType, type LayerConfig, type ModelEstimate } from '../../hls/index.js';
import { runFloat } from '../../models/index.js';
import type { Report } from '../../reports/index.js';
import { loadModelData } from '../support/model-data.js';
import { buildReport, type Accuracy } from './build-report.js';

export interface SynthOptions {
  readonly model?: string;
  readonly config?: string;
  readonly out?: string;
  readonly part?: string;
  readonly ioType?: IoType;
  readonly reuseFactor?: number;
  readonly samples?: number;
  readonly input?: string;
  readonly toolVersion: string;
}

export interface SynthResult {
  readonly report: Report;
  readonly estimate: ModelEstimate;
  readonly model: HwModel;
  readonly outDir: string;
  /** Wall time per stage, ms, in order. */
  readonly stages: readonly (readonly [string, number])[];
}

/** The configuration with the command line's overrides (part, io type, reuse factor everywhere). */
function overridden(config: HlsConfig, options: SynthOptions): HlsConfig {
  const reuse = options.reuseFactor;
  const layer =
    reuse === undefined
      ? config.layer
      : (query: Parameters<HlsConfig['layer']>[0]): LayerConfig => {
          const base = config.layer(query);
          return { precision: (variable) => base.precision(variable), reuseFactor: reuse, strategy: base.strategy, softmaxImplementation: base.softmaxImplementation, tableSize: base.tableSize, trace: base.trace };
        };
  return { ...config, part: options.part ?? config.part, ioType: options.ioType ?? config.ioType, layer };
}

function argmax(values: Float64Array, offset: number, size: number): number {
  let best = 0;
  for (let k = 1; k < size; k++) if ((values[offset + k] ?? -Infinity) > (values[offset + best] ?? -Infinity)) best = k;
  return best;
}

export function runSynth(options: SynthOptions, usage: (message: string) => never): SynthResult {
  const stages: [string, number][] = [];
  let last = performance.now();
  const mark = (name: string): void => {
    const now = performance.now();
    stages.push([name, now - last]);
    last = now;
  };
  const data = loadModelData(options.model, { input: options.input }, usage);
  const config = overridden(options.config === undefined ? defaultHlsConfig() : loadHlsConfig(options.config), options);
  // Fail on a bad part before any work (UnknownPartError lists the known parts; exit 2).
  findPart(config.part);
  mark('import');
  const { model } = convertModel(data.graph, config);
  mark('convert');
  const schedules: LayerSchedule[] = scheduleModel(model, { ioType: config.ioType, clockPeriod: config.clockPeriod });
  const timing = new Map(model.layers.map((layer, index) => [layer.name, { latency: schedules[index]?.latency ?? 0, ii: Math.max(1, schedules[index]?.ii ?? 1) }]));
  mark('schedule');
  const estimate = estimateModel(model, { part: config.part, clockPeriod: config.clockPeriod, ioType: config.ioType, schedule: timing });
  mark('estimate');
  const available = data.input.shape[0] ?? 0;
  const samples = Math.min(options.samples ?? 8, available);
  const sampleSize = data.input.data.length / Math.max(available, 1);
  const batch = data.input.data.subarray(0, samples * sampleSize);
  const simulator = compileModel(model);
  const output = model.outputs[0];
  const outputTensor = output ? model.tensors.get(output.tensor) : undefined;
  let accuracy: Accuracy | null = null;
  if (output && outputTensor && samples > 0) {
    const raws = simulator.run([batch], samples).get(output.tensor) ?? new Float64Array(0);
    const fixed = rawsToValues(raws, outputTensor.type);
    const [float] = runFloat(data.graph, [{ shape: [samples, ...(data.input.shape.slice(1))], data: Float64Array.from(batch) }]);
    const reference = float?.data ?? new Float64Array(0);
    const size = fixed.length / samples;
    let maxAbs = 0;
    let sumAbs = 0;
    let agree = 0;
    let correct = 0;
    for (let s = 0; s < samples; s++) {
      for (let k = 0; k < size; k++) {
        const error = Math.abs((fixed[s * size + k] ?? 0) - (reference[s * size + k] ?? 0));
        maxAbs = Math.max(maxAbs, error);
        sumAbs += error;
      }
      const predicted = argmax(fixed, s * size, size);
      if (predicted === argmax(reference, s * size, size)) agree++;
      if (data.labels && predicted === data.labels[s]) correct++;
    }
    accuracy = { samples, maxAbsError: maxAbs, meanAbsError: sumAbs / (samples * size), argmaxAgreement: agree / samples, accuracy: data.labels ? correct / samples : null };
  }
  mark('simulate');
  const report = buildReport({
    model,
    config,
    estimate,
    schedules,
    accuracy,
    samples,
    toolVersion: options.toolVersion,
    defaultPrecision: formatFixedType(modelDefaultPrecision(config)),
  });
  mark('report');
  const name = basename(data.modelPath, extname(data.modelPath));
  const outDir = options.out ?? (options.config !== undefined ? config.outputDir : join('ngt-out', name));
  return { report, estimate, model, outDir, stages };
}
