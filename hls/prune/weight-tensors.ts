// The weight initializers of a decoded ONNX model that magnitude pruning may zero: input 1 (B, or W)
// of every Gemm, MatMul and Conv node, followed back through Identity, Transpose and QONNX Quant
// nodes to the float initializer they start from. Biases (input 2) and every other tensor stay as they
// are. Values are read from and written back to the storage the file used (raw_data or the typed
// float_data / double_data fields), so everything else in the file survives byte for byte.
import { PruneError } from './errors.js';
import { onnx } from '../../models/index.js';

const WEIGHT_OPS = new Set(['Gemm', 'MatMul', 'Conv']);
/** Nodes a weight may pass through on its way to the multiplier; zero stays zero through each. */
const PASS_THROUGH_OPS = new Set(['Identity', 'Transpose', 'Quant', 'IntQuant']);
const DataType = onnx.TensorProto.DataType;

export interface WeightTensor {
  /** The node that multiplies by it (its name, or '<op type>#<index>' when the file has none). */
  readonly layer: string;
  readonly opType: string;
  /** The initializer's name. */
  readonly name: string;
  readonly tensor: onnx.ITensorProto;
  /** Its values, float64 (exact for float32 storage). */
  readonly values: Float64Array;
}

function nodeLabel(node: onnx.INodeProto, index: number): string {
  return node.name ? node.name : `${node.opType ?? 'node'}#${index}`;
}

/** The initializer a weight input comes from, following pass-through nodes; null when it is computed. */
function sourceInitializer(
  name: string,
  initializers: ReadonlyMap<string, onnx.ITensorProto>,
  producers: ReadonlyMap<string, onnx.INodeProto>,
): onnx.ITensorProto | null {
  let current = name;
  for (let depth = 0; depth < 16; depth++) {
    const initializer = initializers.get(current);
    if (initializer) return initializer;
    const producer = producers.get(current);
    if (!producer || !PASS_THROUGH_OPS.has(producer.opType ?? '')) return null;
    const input = producer.input?.[0];
    if (input === undefined) return null;
    current = input;
  }
  return null;
}

function readValues(tensor: onnx.ITensorProto, where: string): Float64Array {
  if (tensor.externalData && tensor.externalData.length > 0) throw new PruneError(`${where}: weights must be stored in the model file, not as external data`);
  const count = (tensor.dims ?? []).reduce<number>((product, dim) => product * Number(dim), 1);
  const raw = tensor.rawData;
  if (tensor.dataType === DataType.FLOAT) {
    if (raw && raw.length > 0) {
      if (raw.length !== count * 4) throw new PruneError(`${where}: raw_data must hold ${count * 4} bytes for its dims, not ${raw.length}`);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      return Float64Array.from({ length: count }, (_, index) => view.getFloat32(index * 4, true));
    }
    if ((tensor.floatData ?? []).length !== count) throw new PruneError(`${where}: float_data must hold ${count} values for its dims, not ${(tensor.floatData ?? []).length}`);
    return Float64Array.from(tensor.floatData ?? []);
  }
  if (tensor.dataType === DataType.DOUBLE) {
    if (raw && raw.length > 0) {
      if (raw.length !== count * 8) throw new PruneError(`${where}: raw_data must hold ${count * 8} bytes for its dims, not ${raw.length}`);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      return Float64Array.from({ length: count }, (_, index) => view.getFloat64(index * 8, true));
    }
    if ((tensor.doubleData ?? []).length !== count) throw new PruneError(`${where}: double_data must hold ${count} values for its dims, not ${(tensor.doubleData ?? []).length}`);
    return Float64Array.from(tensor.doubleData ?? []);
  }
  throw new PruneError(`${where}: weights must be float32 or float64 to be pruned, not ONNX data type ${String(tensor.dataType)}`);
}

/** Every prunable weight initializer of `model`, in node order, each once. */
export function findWeightTensors(model: onnx.IModelProto, source: string): WeightTensor[] {
  const graph = model.graph;
  if (!graph) throw new PruneError(`${source}: the model must have a graph, not none`);
  const initializers = new Map((graph.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
  const producers = new Map<string, onnx.INodeProto>();
  for (const node of graph.node ?? []) for (const output of node.output ?? []) producers.set(output, node);
  const found: WeightTensor[] = [];
  const seen = new Set<string>();
  (graph.node ?? []).forEach((node, index) => {
    if (!WEIGHT_OPS.has(node.opType ?? '') || (node.domain ?? '') !== '') return;
    const input = node.input?.[1];
    if (input === undefined || input === '') return;
    const tensor = sourceInitializer(input, initializers, producers);
    const name = tensor?.name ?? '';
    if (!tensor || seen.has(name)) return;
    seen.add(name);
    const layer = nodeLabel(node, index);
    found.push({ layer, opType: node.opType ?? '', name, tensor, values: readValues(tensor, `${source}: initializer '${name}' of node '${layer}'`) });
  });
  return found;
}

/** Writes `values` into the tensor in the storage it already uses (float32 values are exact: they were read from float32). */
export function writeValues(weight: WeightTensor, values: Float64Array): void {
  const tensor = weight.tensor;
  const raw = tensor.rawData;
  const double = tensor.dataType === DataType.DOUBLE;
  if (raw && raw.length > 0) {
    const bytes = new Uint8Array(values.length * (double ? 8 : 4));
    const view = new DataView(bytes.buffer);
    values.forEach((value, index) => (double ? view.setFloat64(index * 8, value, true) : view.setFloat32(index * 4, value, true)));
    tensor.rawData = bytes;
  } else if (double) tensor.doubleData = Array.from(values);
  else tensor.floatData = Array.from(values);
}
