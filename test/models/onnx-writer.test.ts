import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, attribute, decodeModel, float32Tensor, int64Tensor, onnx } from '../../models/onnx-writer/index.js';

const AttributeType = onnx.AttributeProto.AttributeType;

/** Decoded messages are class instances whose repeated fields are always arrays; the typings say optional. */
function decodeGraph(bytes: Uint8Array): { graph: onnx.GraphProto; nodes: onnx.NodeProto[] } {
  const graph = decodeModel(bytes).graph as onnx.GraphProto;
  return { graph, nodes: graph.node as onnx.NodeProto[] };
}

/** Runs bytes in onnxruntime with one float32 input and returns every output's data and dims. */
async function run(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Record<string, { data: number[]; dims: readonly number[] }>> {
  const session = await ort.InferenceSession.create(bytes);
  const results = await session.run(feeds);
  return Object.fromEntries(Object.entries(results).map(([name, tensor]) => [name, { data: Array.from(tensor.data as Float32Array), dims: tensor.dims }]));
}

function gemmModel(storage: 'raw' | 'fields'): Uint8Array {
  const g = new GraphBuilder('gemm', { storage });
  const x = g.input('x', [null, 3]);
  // W is [out, in] = [2, 3], used with transB as Keras-to-ONNX exporters do.
  const w = g.initializer('w', float32Tensor([2, 3], [1, 2, 3, -1, 0.5, 0]));
  const b = g.initializer('b', float32Tensor([2], [0.25, -1]));
  const y = g.node('Gemm', [x, w, b], { transB: 1, alpha: attribute.float(2) }, { outputs: ['y'] });
  g.output(y, [null, 2]);
  return g.toBytes();
}

describe('GraphBuilder', () => {
  it('builds a Gemm that onnxruntime evaluates to hand-computed values, with raw and typed-field initializers', async () => {
    const x = new ort.Tensor('float32', Float32Array.from([1, 0, -1, 2, 4, 0.5]), [2, 3]);
    // y = 2 * x W^T + b: row 1 (1, 0, -1): 2*(1-3)+0.25 = -3.75, 2*(-1+0)-1 = -3;
    // row 2 (2, 4, 0.5): 2*(2+8+1.5)+0.25 = 23.25, 2*(-2+2+0)-1 = -1.
    for (const storage of ['raw', 'fields'] as const) {
      const { y } = await run(gemmModel(storage), { x });
      expect(y?.dims).toEqual([2, 2]);
      expect(y?.data).toEqual([-3.75, -3, 23.25, -1]);
    }
  });

  it('writes the symbolic batch dimension, opsets, custom domains and producer into the decoded model', () => {
    const g = new GraphBuilder('q', { domains: { 'qonnx.custom_op.general': 1 }, batchSymbol: 'batch', opset: 11 });
    const x = g.input('x', [null, 'len', 4]);
    g.input('flags', undefined, 'bool');
    const q = g.node('Quant', [x, 's', 'z', 'bits'], { signed: 1, narrow: 0, rounding_mode: 'ROUND' }, { domain: 'qonnx.custom_op.general' });
    g.output(q, [null, 'len', 4]);
    const model = decodeModel(g.toBytes());
    expect(Number(model.irVersion)).toBe(8);
    expect(model.producerName).toBe('ngt');
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 11], ['qonnx.custom_op.general', 1]]);
    const { graph, nodes } = decodeGraph(g.toBytes());
    const dims = graph.input[0]?.type?.tensorType?.shape?.dim ?? [];
    expect(dims.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 'len', 4]);
    expect(graph.input[1]?.type?.tensorType?.elemType).toBe(onnx.TensorProto.DataType.BOOL);
    expect(graph.input[1]?.type?.tensorType?.shape).toBeNull();
    const node = nodes[0];
    expect([node?.opType, node?.domain, node?.name, node?.output[0]]).toEqual(['Quant', 'qonnx.custom_op.general', 'Quant', 'Quant_out0']);
    expect(node?.attribute.map((a) => [a.name, a.type])).toEqual([
      ['signed', AttributeType.INT],
      ['narrow', AttributeType.INT],
      ['rounding_mode', AttributeType.STRING],
    ]);
    expect(new TextDecoder().decode(node?.attribute[2]?.s ?? new Uint8Array())).toBe('ROUND');
  });

  it('encodes every attribute kind so that it decodes back to the same values', () => {
    const g = new GraphBuilder('attrs');
    g.node('Custom', ['a'], {
      count: 3,
      alpha: 0.5,
      one: attribute.float(1),
      mode: 'constant',
      pads: [0, 1, 0, 1],
      scales: [1.5, 2],
      unit: attribute.floats([1, 2]),
      labels: ['g', 'q'],
      value: attribute.tensor(int64Tensor([2], [7, -9])),
    });
    const attributes = decodeGraph(g.toBytes()).nodes[0]?.attribute ?? [];
    const byName = Object.fromEntries(attributes.map((a) => [a.name, a]));
    expect([byName.count?.type, Number(byName.count?.i)]).toEqual([AttributeType.INT, 3]);
    expect([byName.alpha?.type, byName.alpha?.f]).toEqual([AttributeType.FLOAT, 0.5]);
    expect([byName.one?.type, byName.one?.f]).toEqual([AttributeType.FLOAT, 1]);
    expect(byName.pads?.ints.map(Number)).toEqual([0, 1, 0, 1]);
    expect([byName.scales?.type, byName.scales?.floats]).toEqual([AttributeType.FLOATS, [1.5, 2]]);
    expect([byName.unit?.type, byName.unit?.floats]).toEqual([AttributeType.FLOATS, [1, 2]]);
    expect(byName.labels?.strings.map((s: Uint8Array) => new TextDecoder().decode(s))).toEqual(['g', 'q']);
    const tensor = byName.value?.t;
    expect([tensor?.dataType, tensor?.dims.map(Number)]).toEqual([onnx.TensorProto.DataType.INT64, [2]]);
    const raw = tensor?.rawData ?? new Uint8Array();
    expect(Array.from(new BigInt64Array(Uint8Array.from(raw).buffer))).toEqual([7n, -9n]);
  });

  it('runs a multi-node graph with int64 initializers, a tensor attribute and generated names in onnxruntime', async () => {
    const g = new GraphBuilder('chain');
    const x = g.input('x', [null, 2, 2]);
    const flat = g.node('Reshape', [x, g.initializer('shape', int64Tensor([2], [-1, 4]))]);
    const bias = g.node('Constant', [], { value: attribute.tensor(float32Tensor([4], [1, 2, 3, 4])) });
    const sum = g.node('Add', [flat, bias]);
    const [low, high] = g.nodeOutputs('Split', [sum, g.initializer('split', int64Tensor([2], [1, 3]))], { axis: 1 }, { outputs: 2 });
    const relu = g.node('Relu', [high ?? '']);
    g.output(low ?? '', [null, 1]);
    g.output(relu, [null, 3]);
    g.annotate(flat, [null, 4]);
    const x0 = new ort.Tensor('float32', Float32Array.from([-5, 0, -7, 1]), [1, 2, 2]);
    const results = await run(g.toBytes(), { x: x0 });
    expect(Object.keys(results).sort()).toEqual(['Relu_out0', 'Split_out0']);
    expect(results.Split_out0?.data).toEqual([-4]);
    expect(results.Relu_out0?.data).toEqual([2, 0, 5]);
    expect(decodeGraph(g.toBytes()).graph.valueInfo[0]?.name).toBe('Reshape_out0');
  });

  it('generates distinct names for repeated ops and keeps malformed graphs as written', () => {
    const g = new GraphBuilder('bad');
    const a = g.node('Relu', ['missing']);
    const b = g.node('Relu', [a]);
    g.output('nowhere', [2]);
    const { graph, nodes } = decodeGraph(g.toBytes());
    expect(nodes.map((n) => n.name)).toEqual(['Relu', 'Relu_1']);
    expect(nodes.map((n) => n.output[0])).toEqual([a, b]);
    expect(nodes[0]?.input).toEqual(['missing']);
    expect(graph.output[0]?.name).toBe('nowhere');
  });
});
