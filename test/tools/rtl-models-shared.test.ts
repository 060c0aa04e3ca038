import { join } from 'node:path';
import { hasShared, sharedModels, skipReason } from '../models/helpers.js';
import { rtlModels, type MatrixModel } from './rtl-models.js';

skipReason('RTL of the shared models');
rtlModels(
  'the shared models (../shared/models)',
  (
    [
      ['bnn_model_fc_1layer'],
      ['two_layer_keras'],
      ['three_layer_keras'],
      ['three_layer_pytorch'],
      ['qkeras_jettagging'],
      ['conv1d_small_keras', 'verilator'],
      ['conv2d_small_keras', 'verilator'],
    ] as const
  ).map(([name, only]): MatrixModel => (only ? [join(sharedModels, `${name}.onnx`), 200, only] : [join(sharedModels, `${name}.onnx`), 200])),
  hasShared,
);
