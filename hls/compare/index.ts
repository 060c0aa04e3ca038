// hls/compare: accuracy of fixed-point configurations against the float reference.
export { argmaxRows, labelsFromNpy } from './labels.js';
