import { join } from 'node:path';
import { hasShared, sharedModels, skipReason } from '../models/helpers.js';
import { rtlModels } from './rtl-models.js';

skipReason('RTL of the shared models');
// distributed_arithmetic is left out here: its RTL of qkeras_jettagging fails lint and the Verilator
// build, and TFC_2W2A's DA co-simulation fails (open, issue 12).
rtlModels(
  'the shared models (../shared/models)',
  [
    ['bnn_model_fc_1layer', 200],
    ['two_layer_keras', 200],
    ['three_layer_keras', 200],
    ['three_layer_pytorch', 200],
    ['qkeras_jettagging', 200],
    ['conv1d_small_keras', 200],
    ['conv2d_small_keras', 200],
  ].map(([name, samples]) => [join(sharedModels, `${name}.onnx`), samples as number] as const),
  hasShared,
  { da: false },
);
