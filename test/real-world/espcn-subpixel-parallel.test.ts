// qonnx/espcn_subpixel_quant.onnx in io_parallel, a file of its own: each ESPCN run simulates a 256 x 256 image cycle by cycle.
import { it } from 'vitest';
import { checkEspcn } from './fixture-helpers.js';

it('espcn_subpixel_quant.onnx (Brevitas super-resolution, 128 x 128, DepthToSpace) in io_parallel: converts and simulates, near float at fixed<24,12>', () => {
  checkEspcn('qonnx/espcn_subpixel_quant.onnx', 'DepthToSpace', 'io_parallel');
});
