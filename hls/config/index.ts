// hls/config: hls4ml-compatible configuration (YAML and JSON): parsing with hls4ml's lookup order,
// hls4ml layer type names, reuse-factor rules, and starting configs for a model.
export type * from './types.js';
export { ConfigError } from './errors.js';
export { parseHlsConfig, loadHlsConfig, defaultHlsConfig, clockUncertaintyFraction, type ParseOptions } from './parse-config.js';
export { HLS_LAYER_TYPES, canonicalLayerType, hlsLayerType, type LayerTypeInfo } from './layer-types.js';
export { validReuseFactors, isValidReuseFactor, closestReuseFactor, checkReuseFactor, multiplicationSize, type ReuseFactorCheck, type ReuseFactorResult } from './reuse-factor.js';
export { configFromModel, formatHlsConfigYaml, type ConfigFromModelOptions, type HlsConfigFile, type LayerEntry } from './from-model.js';
export { PRECISION_VARIABLES, parsePrecision } from './precision.js';
export {
  DEFAULT_CLOCK_PERIOD,
  DEFAULT_IO_TYPE,
  DEFAULT_PART,
  DEFAULT_PRECISION,
  DEFAULT_REUSE_FACTOR,
  DEFAULT_TABLE_PRECISIONS,
  DEFAULT_TABLE_SIZE,
} from './defaults.js';
