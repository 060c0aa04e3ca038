// What `ngt rtl` and `ngt cosim` share: the model, its configuration (with --io-type / --clock /
// --part over it) converted, and the data to drive it with.
import { clockUncertaintyFraction, convertModel, defaultHlsConfig, layerTypesOf, loadHlsConfig, type HlsConfig, type HwModel, type IoType } from '../../hls/index.js';
import { loadModelData, type ModelData } from '../support/model-data.js';

export interface DesignOptions {
  config?: string;
  ioType?: IoType;
  clock?: number;
  part?: string;
  input?: string;
  adjust?: boolean;
}

export interface LoadedDesign {
  readonly data: ModelData;
  readonly config: HlsConfig;
  readonly model: HwModel;
  readonly rtlOptions: { readonly ioType: IoType; readonly clockPeriod: number; readonly part: string; readonly clockUncertainty: number };
}

export function loadDesign(modelPath: string | undefined, options: DesignOptions, usage: (message: string) => never): LoadedDesign {
  const data = loadModelData(modelPath, { input: options.input, randomSamples: 256 }, usage);
  const loaded = options.config === undefined ? defaultHlsConfig() : loadHlsConfig(options.config, { layerTypes: layerTypesOf(data.graph) });
  const config: HlsConfig = { ...loaded, ioType: options.ioType ?? loaded.ioType, clockPeriod: options.clock ?? loaded.clockPeriod, part: options.part ?? loaded.part };
  const { model } = convertModel(data.graph, config, { reuseFactors: options.adjust ? 'adjust' : 'error' });
  return { data, config, model, rtlOptions: { ioType: config.ioType, clockPeriod: config.clockPeriod, part: config.part, clockUncertainty: clockUncertaintyFraction(config) } };
}

/** The first `samples` samples of the data set. */
export function firstSamples(data: ModelData, samples: number): { input: Float64Array; count: number } {
  const available = data.input.shape[0] ?? 0;
  const count = Math.min(samples, available);
  const size = available === 0 ? 0 : data.input.data.length / available;
  return { input: data.input.data.slice(0, count * size), count };
}
