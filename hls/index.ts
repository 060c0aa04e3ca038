// hls/: the hardware flow. Configuration contract (config/), conversion passes, the hardware IR with its
// bit-accurate layers, the reference interpreter and the compiled functional simulator.
export type * from './config/types.js';
export { ConfigError, defaultHlsConfig, loadHlsConfig, parseHlsConfig } from './config/index.js';
export * from './errors.js';
export type { HwLayer, HwLayerKind, HwLayerOf, HwModel, HwOutput, HwTensor, PlainActivation, SoftmaxTables, TableFunction } from './ir/hardware.js';
export type { FlowGraph, FlowNode, FlowNodeKind } from './ir/flow.js';
export { convertModel, type Conversion, type ConvertOptions } from './convert/convert.js';
export { modelDefaultPrecision } from './convert/lower.js';
export { definePass, runFlow, type Flow, type Pass } from './passes/define-pass.js';
export { convertFlow } from './passes/flows.js';
export { interpret } from './simulate/interpret.js';
export { compileModel, rawsToValues, type CompileOptions, type Simulator } from './simulate/compile.js';
export { multipliersOf, referenceLayer } from './layers/registry.js';
export { buildTable, tableIndex, tableValue, defaultTableType } from './layers/table-activation.js';
export { reduceTree } from './layers/softmax.js';
export { accumulationOrder } from './layers/accumulation-order.js';
export { quantizeDouble } from './layers/definition.js';
export { estimateModel, type EstimateOptions, type FifoEstimate, type LayerEstimate, type LayerTiming, type ModelEstimate, type Resources } from './cost/estimate.js';
export { PARTS, UnknownPartError, findPart, type Part } from './parts/parts.js';
export { FAMILIES, type Family, type FamilyId } from './parts/families.js';
export { schedule, scheduleModel, tokenCount, tokenSize, treeLevels, treeStages, treeLevelsFor, type LayerSchedule, type ScheduleContext, type ScheduleOptions, type Stage, type TokenProgram } from './schedule/index.js';
export { modelTiming, type LayerTokenTimes, type ModelTiming, type ModelTimingOptions } from './schedule/index.js';
export * from './prune/index.js';
export * from './quantize/index.js';
export * from './compare/index.js';
export { layerTypesOf, hlsLayerType, configFromModel, formatHlsConfigYaml } from './config/index.js';
