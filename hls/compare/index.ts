// hls/compare: fixed-point configurations against the float reference (error, argmax agreement,
// accuracy, multipliers, estimates), one configuration at a time or as precision sweeps.
export { argmaxRows, labelsFromNpy } from './labels.js';
export { outputMetrics, accuracyOf, type OutputMetrics } from './metrics.js';
export { floatReference, type FloatReference } from './reference.js';
export { createEvaluator, evaluateModel, type ConfigMetrics, type EstimateColumns, type EvaluateOptions, type Evaluator } from './evaluate.js';
export { withPrecisions, type PrecisionOverrides } from './precision-override.js';
export { parseGrid, parseSweep, gridTypes, sweepPoints, sweepPointName, runSweep, DEFAULT_GRID_TEXT, PRECISION_VARIABLES, type PrecisionGrid, type SweepAxis, type SweepPoint, type SweepRow } from './sweep.js';
export { paretoFront, recommend, type Candidate } from './pareto.js';
export { floatTensors, layerErrors, type LayerError } from './layer-errors.js';
