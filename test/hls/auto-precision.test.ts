// 'auto' as hls4ml infers it: `ngt config --granularity name` writes result/accum 'auto' as hls4ml's
// config_from_onnx_model does (utils/config.py: a TypeAttribute without default), and the types come
// out as hls4ml's InferPrecisionTypes gives them (model/optimizer/passes/infer_precision.py,
// _infer_common_precision for Dense; an activation is not inferred, so it takes Model.Precision):
//   width = w_W + x_W + ceil(log2 n_in), integers = w_I + x_I + ceil(log2 n_in); with a bias both signed,
//   integers = max(integers, b_I) + 1 and width = integers + max(frac, b_W - b_I).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFixedType } from '@ngt/fxp';
import { configFromModel, formatHlsConfigYaml } from '../../hls/config/from-model.js';
import { convertModel, parseHlsConfig } from '../../hls/index.js';
import { loadOnnxModel } from '../../models/index.js';
import { examplesDir } from '../models/helpers.js';

/** The inferred Dense result for fixed<16,6> inputs, weights and biases over n_in inputs. */
function hls4mlDense(nIn: number): string {
  const log = Math.ceil(Math.log2(nIn));
  const integers = Math.max(6 + 6 + log, 6) + 1;
  const frac = 16 + 16 + log - (6 + 6 + log);
  return `fixed<${integers + Math.max(frac, 16 - 6)},${integers}>`;
}

describe("'auto' precision as hls4ml infers it", () => {
  it('gives the jet tagger the Dense results of infer_precision.py and the default to activations', () => {
    const graph = loadOnnxModel(path.join(examplesDir, 'jet-tagger.onnx'));
    const yaml = formatHlsConfigYaml(configFromModel(graph, { granularity: 'name' }));
    expect(yaml).toMatch(/dense_1:\n\s+Precision:\n(\s+\w+: .+\n)*\s+result: auto/);
    const { model } = convertModel(graph, parseHlsConfig(yaml, 'auto.yaml'));
    const result = (name: string): string => {
      const type = model.tensors.get(model.layers.find((layer) => layer.name === name)?.output ?? '')?.type;
      return type ? formatFixedType(type).replace(/^ap_/, '') : 'missing';
    };
    expect([hls4mlDense(16), hls4mlDense(64), hls4mlDense(32)]).toEqual(['fixed<37,17>', 'fixed<39,19>', 'fixed<38,18>']);
    expect(['dense_1', 'dense_2', 'dense_3', 'dense_4'].map(result)).toEqual([hls4mlDense(16), hls4mlDense(64), hls4mlDense(32), hls4mlDense(32)]);
    expect(['relu_1', 'relu_2', 'relu_3'].map(result)).toEqual(['fixed<16,6>', 'fixed<16,6>', 'fixed<16,6>']);
  });
});
