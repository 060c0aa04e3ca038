// The conversion flow: an ordered, typed list of passes (hls4ml's 'convert' and 'optimize' flows,
// flattened): constants and quantizers first, then layer conversions, then fusions.
import { bipolarActivations, floatQuantActivations, foldConstants, multiThresholds, quantizeActivations } from './constant-passes.js';
import type { Flow } from './define-pass.js';
import { foldBatchNorm, fuseBias, gemmToDense, matmulToDense } from './dense-passes.js';
import {
  constantArithmetic,
  convertActivation,
  convertAdd,
  convertBatchNorm,
  convertConcat,
  convertConv,
  convertPool,
  convertReshape,
  convertSoftmax,
  convertResize,
  convertTranspose,
  removeLinear,
} from './layer-passes.js';

export const convertFlow: Flow = {
  name: 'convert',
  passes: [
    foldConstants,
    quantizeActivations,
    bipolarActivations,
    multiThresholds,
    floatQuantActivations,
    gemmToDense,
    matmulToDense,
    fuseBias,
    convertConv,
    convertBatchNorm,
    foldBatchNorm,
    constantArithmetic,
    convertActivation,
    removeLinear,
    convertSoftmax,
    convertPool,
    convertReshape,
    convertTranspose,
    convertResize,
    convertAdd,
    convertConcat,
  ],
};
