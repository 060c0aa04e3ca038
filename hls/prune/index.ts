// hls/prune: magnitude pruning of ONNX models (exact zeros in the Gemm/MatMul/Conv weight initializers).
export { PruneError } from './errors.js';
export { pruneOnnxBytes, pruneModelProto, pruneMasks, type PruneOptions, type PruneReport, type PrunedTensor } from './magnitude.js';
export { findWeightTensors, type WeightTensor } from './weight-tensors.js';
