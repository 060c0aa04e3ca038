// hls/quantize: numerical profiling (per-layer ranges vs configured types) and post-training precision search.
export { profileModel, configResolver, INPUT_LAYER_CLASS, type ModelProfile, type LayerProfile, type TensorProfile, type ProfiledRole, type PrecisionResolver } from './profile.js';
export { traceFloatRanges, type FloatTraceOptions } from './float-trace.js';
export { typeRange, checkRange, type TypeRange, type RangeStatus, type RangeCheck } from './type-range.js';
export { statsOf, addValues, emptyStats, countBelow, log2Histogram, type ValueStats } from './value-stats.js';
export { quantizeModel, configForTypes, type QuantizeOptions, type QuantizeResult, type QuantizedVariable } from './search.js';
export { quantizedConfigFile, type QuantizedConfigFile } from './config-document.js';
export { signedIntegerBits } from './integer-bits.js';
