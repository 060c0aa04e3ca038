import { join } from 'node:path';
import type { SimulatorKind } from '../../hls/index.js';
import { hasShared, sharedModels, skipReason } from '../models/helpers.js';
import { rtlModels, type MatrixModel } from './rtl-models.js';

function shared(name: string, simulator?: SimulatorKind): MatrixModel {
  const path = join(sharedModels, `${name}.onnx`);
  return simulator ? [path, 200, simulator] : [path, 200];
}

skipReason('RTL of the shared models');
rtlModels(
  'the shared models (../shared/models)',
  [
    shared('bnn_model_fc_1layer'),
    shared('two_layer_keras'),
    shared('three_layer_keras'),
    shared('three_layer_pytorch'),
    shared('qkeras_jettagging'),
    shared('conv1d_small_keras', 'verilator'),
    shared('conv2d_small_keras', 'verilator'),
  ],
  hasShared,
);
