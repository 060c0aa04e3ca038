// An independent, deliberately plain interpreter for the QONNX MLPs in the tests: it walks the ONNX
// nodes straight from onnx-proto (channels-first, no IR, no folding) and writes the QONNX formulas
// out again from the docs (qonnx docs/qonnx-custom-ops/intquant_v1.md, bipolar_quant.py): scale,
// add zero point, clamp, then round half to even; 1-bit signed is bipolar.
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

interface Value {
  shape: number[];
  data: number[];
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : (value as { toNumber(): number }).toNumber();
}

function tensorValue(tensor: onnxProto.onnx.ITensorProto): Value {
  const shape = (tensor.dims ?? []).map(toNumber);
  const raw = tensor.rawData;
  let data: number[];
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    if (tensor.dataType === 7) data = Array.from({ length: raw.length / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
    else if (tensor.dataType === 1) data = Array.from({ length: raw.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
    else throw new Error(`reference: data type ${tensor.dataType}`);
  } else {
    data = tensor.dataType === 7 ? (tensor.int64Data ?? []).map(toNumber) : [...(tensor.floatData ?? [])];
  }
  return { shape, data };
}

function halfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Broadcast b onto a's shape for the cases these models use: scalar, equal, or trailing row. */
function pick(b: Value, index: number): number {
  return b.data.length === 1 ? (b.data[0] ?? 0) : (b.data[index % b.data.length] ?? 0);
}

export function referenceRun(path: string, sample: readonly number[]): number[] {
  const model = onnx.ModelProto.decode(readFileSync(path));
  const graph = model.graph;
  if (!graph) throw new Error('reference: no graph');
  const values = new Map<string, Value>();
  for (const tensor of graph.initializer ?? []) values.set(tensor.name ?? '', tensorValue(tensor));
  const input = (graph.input ?? []).find((value) => !values.has(value.name ?? ''));
  const inputShape = (input?.type?.tensorType?.shape?.dim ?? []).map((dim, axis) => (axis === 0 ? 1 : toNumber(dim.dimValue)));
  values.set(input?.name ?? '', { shape: inputShape, data: [...sample] });
  const get = (name: string | undefined | null): Value => {
    const value = values.get(name ?? '');
    if (!value) throw new Error(`reference: no value ${name}`);
    return value;
  };
  for (const node of graph.node ?? []) {
    const ins = (node.input ?? []).map((name) => (name ? get(name) : { shape: [], data: [] }));
    const attr = (name: string) => (node.attribute ?? []).find((a) => a.name === name);
    const int = (name: string, fallback: number) => (attr(name) ? toNumber(attr(name)?.i) : fallback);
    const [a, b] = ins as [Value, Value];
    let out: Value;
    switch (node.opType) {
      case 'Quant': {
        const [, scale, zero, bits] = ins as [Value, Value, Value, Value];
        const signed = int('signed', 1) === 1;
        const narrow = int('narrow', 0) === 1;
        const n = bits.data[0] ?? 0;
        const min = signed ? (narrow ? -(2 ** (n - 1)) + 1 : -(2 ** (n - 1))) : 0;
        const max = signed ? 2 ** (n - 1) - 1 : narrow ? 2 ** n - 2 : 2 ** n - 1;
        out = {
          shape: a.shape,
          data: a.data.map((x, i) => {
            const s = pick(scale, i);
            const z = pick(zero, i);
            let y = x / s + z;
            if (n === 1 && signed) y = y >= 0 ? 1 : -1;
            else y = halfEven(Math.min(max, Math.max(min, y)));
            return (y - z) * s;
          }),
        };
        break;
      }
      case 'BipolarQuant':
        out = { shape: a.shape, data: a.data.map((x, i) => (x >= 0 ? 1 : -1) * pick(b, i)) };
        break;
      case 'MatMul':
      case 'Gemm': {
        const transB = node.opType === 'Gemm' && int('transB', 0) === 1;
        const [m = 0, k = 0] = a.shape;
        const n = transB ? (b.shape[0] ?? 0) : (b.shape[1] ?? 0);
        const data: number[] = [];
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let sum = node.opType === 'Gemm' && ins[2] && ins[2].data.length > 0 ? pick(ins[2], j) : 0;
            for (let p = 0; p < k; p++) sum += (a.data[i * k + p] ?? 0) * (b.data[transB ? j * k + p : p * n + j] ?? 0);
            data.push(sum);
          }
        }
        out = { shape: [m, n], data };
        break;
      }
      case 'Add':
      case 'Sub':
      case 'Mul':
      case 'Div':
      case 'Pow': {
        const big = a.data.length >= b.data.length ? a : b;
        const f = { Add: (x: number, y: number) => x + y, Sub: (x: number, y: number) => x - y, Mul: (x: number, y: number) => x * y, Div: (x: number, y: number) => x / y, Pow: Math.pow }[node.opType];
        out = { shape: big.shape, data: big.data.map((_, i) => f(pick(a, i), pick(b, i))) };
        break;
      }
      case 'Relu':
        out = { shape: a.shape, data: a.data.map((x) => Math.max(0, x)) };
        break;
      case 'Softmax': {
        const e = a.data.map((x) => Math.exp(x - Math.max(...a.data)));
        const total = e.reduce((s, x) => s + x, 0);
        out = { shape: a.shape, data: e.map((x) => x / total) };
        break;
      }
      case 'BatchNormalization': {
        const [, scale, bias, mean, variance] = ins as [Value, Value, Value, Value, Value];
        const eps = attr('epsilon')?.f ?? 1e-5;
        out = { shape: a.shape, data: a.data.map((x, i) => ((x - pick(mean, i)) / Math.sqrt(pick(variance, i) + eps)) * pick(scale, i) + pick(bias, i)) };
        break;
      }
      case 'Transpose': {
        const [r = 0, c = 0] = a.shape;
        out = { shape: [c, r], data: Array.from({ length: r * c }, (_, i) => a.data[(i % r) * c + Math.floor(i / r)] ?? 0) };
        break;
      }
      case 'Shape':
        out = { shape: [a.shape.length], data: [...a.shape] };
        break;
      case 'Gather':
        out = { shape: [], data: [a.data[b.data[0] ?? 0] ?? 0] };
        break;
      case 'Unsqueeze':
        out = { shape: [a.data.length], data: a.data };
        break;
      case 'Concat':
        out = { shape: [ins.reduce((s, v) => s + v.data.length, 0)], data: ins.flatMap((v) => v.data) };
        break;
      case 'Reshape':
        out = { shape: b.data.map((d, i) => (d === -1 ? a.data.length / b.data.filter((x, j) => j !== i).reduce((p, q) => p * q, 1) : d)), data: a.data };
        break;
      default:
        throw new Error(`reference: op ${node.opType}`);
    }
    values.set(node.output?.[0] ?? '', out);
  }
  return get(graph.output?.[0]?.name).data;
}
