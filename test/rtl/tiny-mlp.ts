// A small MLP (Dense-ReLU-Dense-Softmax) and the configurations whose RTL is pinned as golden files
// (golden.test.ts) and co-simulated (test/tools/rtl-golden-cosim.test.ts).
import { importOnnx, type Graph } from '../../models/index.js';
import { float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { uniform } from '../models/helpers.js';

export function tinyMlp(): Graph {
  const b = new GraphBuilder('tiny_mlp');
  const x = b.input('x', [null, 3]);
  const h = b.node('Gemm', [x, b.initializer('w1', float32Tensor([3, 4], uniform(12, 7, 0.9))), b.initializer('b1', float32Tensor([4], uniform(4, 8, 0.2)))], {}, { name: 'fc1' });
  const r = b.node('Relu', [h], {}, { name: 'relu' });
  const y = b.node('Gemm', [r, b.initializer('w2', float32Tensor([4, 3], uniform(12, 9, 0.9))), b.initializer('b2', float32Tensor([3], uniform(3, 10, 0.2)))], {}, { name: 'fc2' });
  b.output(b.node('Softmax', [y], { axis: 1 }, { name: 'softmax' }), [null, 3]);
  return importOnnx(b.toBytes(), 'tiny_mlp.onnx');
}


export const TINY_MLP_CASES = [
  { name: 'tiny-mlp-parallel', config: "Model:\n  Precision: 'fixed<8,3,AP_RND,AP_SAT>'\nLayerType:\n  Softmax:\n    exp_table_t: 'fixed<10,4>'\n    inv_table_t: 'fixed<10,4>'\n    TableSize: 64\n" },
  { name: 'tiny-mlp-stream-rf2', config: "IOType: io_stream\nHLSConfig:\n  Model:\n    Precision: 'fixed<8,3>'\n    ReuseFactor: 2\n    Strategy: Resource\n" },
];
