import { join } from 'node:path';
import { examplesDir } from '../models/helpers.js';
import { rtlModels } from './rtl-models.js';

rtlModels(
  'the example models',
  [
    [join(examplesDir, 'jet-tagger.onnx'), 200],
    [join(examplesDir, 'jet-tagger-qonnx.onnx'), 200],
    [join(examplesDir, 'tiny-dense.onnx'), 200],
    [join(examplesDir, 'conv1d-small.onnx'), 200, 'verilator'],
    [join(examplesDir, 'conv2d-small.onnx'), 200, 'verilator'],
  ],
  true,
);
