// ONNX/QONNX file -> IR graph: decode, constants from initializers, graph inputs with the batch at
// dimension 0, nodes in evaluation order through the importer table, transpose clean-up, and
// removal of whatever does not reach an output.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Graph } from '../ir/graph.js';
import type { Layer } from '../ir/layer.js';
import type { TensorInfo } from '../ir/tensor.js';
import { OnnxImportError, UnsupportedAttributeError, UnsupportedOpError } from '../errors.js';
import { NodeAttributes } from '../onnx/attributes.js';
import type { GraphProto, ModelProto, ValueInfoProto } from '../onnx/decode.js';
import { decodeModel, int64ToNumber } from '../onnx/decode.js';
import { decodeTensor, elementTypeOf, SUPPORTED_ELEMENT_TYPES } from '../onnx/tensor-proto.js';
import { ImportContext } from './context.js';
import type { NodeView } from './context.js';
import { evaluationOrder } from './graph-order.js';
import { CHANNELS_LAST_IMPORTERS, IMPORTERS, SUPPORTED_OPS } from './importers.js';
import { simplifyTransposes } from './layout.js';
import { CHANNELS_LAST_DOMAIN, ONNX_DOMAINS, QONNX_DOMAINS } from './ops/op-importer.js';

/** Reads and imports an .onnx file; every failure is an OnnxImportError (or subclass) naming the file. */
export function loadOnnxModel(path: string): Graph {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OnnxImportError(`model file '${path}' must be a readable file, not unreadable (${reason})`);
  }
  return importOnnx(bytes, path);
}

function defaultOpset(model: ModelProto, source: string): number {
  const entry = model.opsetImport.find((opset) => ONNX_DOMAINS.includes(opset.domain ?? ''));
  if (!entry) throw new OnnxImportError(`${source}: opset_import must include the default ONNX domain, not only [${model.opsetImport.map((opset) => `'${opset.domain ?? ''}'`).join(', ')}]`);
  const version = int64ToNumber(entry.version);
  if (!Number.isSafeInteger(version) || version < 1) throw new OnnxImportError(`${source}: the default domain's opset version must be a positive integer, not ${version}`);
  return version;
}

/**
 * A graph input: its element type and shape, the first dimension taken as the batch (size 1 in the IR),
 * or kept as declared when `fixedFirst` (a model whose first axis is not a batch).
 */
function graphInput(input: ValueInfoProto, context: ImportContext, fixedFirst: boolean): TensorInfo {
  const name = input.name ?? '';
  const tensorType = input.type?.tensorType;
  const type = elementTypeOf(tensorType?.elemType ?? 0);
  if (!type) context.unsupported(`graph input '${name}' element type must be one of ${SUPPORTED_ELEMENT_TYPES.join(', ')}, not ONNX data type ${tensorType?.elemType ?? 'none'}`);
  const dims = tensorType?.shape?.dim;
  if (!dims || dims.length === 0) context.fail(`graph input '${name}' must have a shape with a batch dimension first, not ${dims ? 'rank 0' : 'no shape'}`);
  const shape = dims.map((dim, axis) => {
    const size = int64ToNumber(dim.dimValue);
    if (axis === 0 && (!fixedFirst || dim.dimParam || !(size > 0))) return 1;
    if (dim.dimParam || !Number.isSafeInteger(size) || size < 1) {
      return context.unsupported(`graph input '${name}' dimension ${axis} must be a fixed positive size, not ${dim.dimParam ? `'${dim.dimParam}'` : String(size)}`);
    }
    return size;
  });
  return { name, shape, type, value: null };
}

function nodeViews(graph: GraphProto, context: ImportContext): NodeView[] {
  const used = new Set<string>();
  return (graph.node ?? []).map((node, index) => {
    const opType = node.opType ?? '';
    let name = node.name ?? '';
    if (!name || used.has(name)) name = `${opType || 'node'}_${index}`;
    used.add(name);
    const fail = (message: string): never => {
      throw new OnnxImportError(`${context.source}: node '${name}' (${opType}): ${message}`);
    };
    return {
      name,
      opType,
      domain: node.domain ?? '',
      inputs: node.input ?? [],
      outputs: node.output ?? [],
      attributes: new NodeAttributes(node.attribute ?? [], fail),
    };
  });
}

function importerFor(node: NodeView, source: string) {
  if (node.domain === CHANNELS_LAST_DOMAIN) {
    const importer = CHANNELS_LAST_IMPORTERS.get(node.opType);
    if (!importer) throw new UnsupportedOpError(`${source}: node '${node.name}': op type in domain '${CHANNELS_LAST_DOMAIN}' must be one of ${[...CHANNELS_LAST_IMPORTERS.keys()].join(', ')}, not '${node.opType}'`);
    return importer;
  }
  const importer = IMPORTERS.get(node.opType);
  const domains = importer?.domain === 'qonnx' ? QONNX_DOMAINS : ONNX_DOMAINS;
  if (!importer || !domains.includes(node.domain)) {
    throw new UnsupportedOpError(
      `${source}: node '${node.name}': op type must be one of the supported ops (${SUPPORTED_OPS.join(', ')}; QONNX ops in domains ${QONNX_DOMAINS.join(', ')}; Conv, MaxPool, BatchNormalization in ${CHANNELS_LAST_DOMAIN}), not '${node.opType}'${node.domain ? ` in domain '${node.domain}'` : ''}`,
    );
  }
  return importer;
}

/** Keeps the layers that some output depends on, and the tensors they touch. */
function prune(layers: readonly Layer[], tensors: Map<string, TensorInfo>, needed: Set<string>): Layer[] {
  const kept: Layer[] = [];
  for (let index = layers.length - 1; index >= 0; index--) {
    const layer = layers[index];
    if (!layer || !needed.has(layer.output)) continue;
    kept.push(layer);
    for (const input of layer.inputs) needed.add(input);
  }
  for (const name of [...tensors.keys()]) if (!needed.has(name)) tensors.delete(name);
  return kept.reverse();
}

/**
 * Imports with each input's first dimension as the batch (ir/tensor.ts). A model whose first axis is not
 * a batch (an attention block over a sequence declared as [64, 1, 128] that reshapes with 64 and
 * transposes axis 0) fails that way; when its inputs declare fixed first dimensions it is imported
 * again with them as declared: then one sample is the whole declared tensor (Graph.fixedFirst).
 */
export function importOnnx(bytes: Uint8Array, source: string): Graph {
  const model = decodeModel(bytes, source);
  try {
    return importModel(model, source, false);
  } catch (error) {
    const declared = (model.graph?.input ?? []).some((input) => int64ToNumber(input.type?.tensorType?.shape?.dim?.[0]?.dimValue) > 1);
    if (!(error instanceof OnnxImportError) || error instanceof UnsupportedOpError || !declared) throw error;
    try {
      return importModel(model, source, true);
    } catch {
      throw error;
    }
  }
}

function importModel(model: ModelProto, source: string, fixedFirst: boolean): Graph {
  const graph = model.graph as GraphProto;
  const context = new ImportContext(source, defaultOpset(model, source));

  for (const initializer of graph.initializer ?? []) {
    const name = initializer.name ?? '';
    if (!name) context.fail('every initializer must have a name, not an empty one');
    const decoded = decodeTensor(initializer, (message) => context.fail(`initializer '${name}' ${message}`));
    context.defineConstant(name, decoded.shape, decoded.type, decoded.value);
  }
  // Old IR versions list initializers among the inputs too; those are constants, not model inputs.
  const inputs: string[] = [];
  for (const input of graph.input ?? []) {
    if (context.has(input.name ?? '')) continue;
    const info = graphInput(input, context, fixedFirst);
    context.tensors.set(info.name, info);
    inputs.push(info.name);
  }
  if (inputs.length === 0) context.fail('the graph must have at least one input that is not an initializer, not none');

  const nodes = nodeViews(graph, context);
  const order = evaluationOrder(nodes, new Set(context.tensors.keys()), source);
  const consumed = new Set<string>([...nodes.flatMap((node) => node.inputs), ...(graph.output ?? []).map((output) => output.name ?? '')]);
  for (const index of order) {
    const node = nodes[index];
    if (!node) continue;
    const importer = importerFor(node, source);
    context.node = node;
    importer.import(node, context);
    node.outputs.forEach((output, position) => {
      if (output && !context.has(output) && consumed.has(output)) {
        throw new UnsupportedAttributeError(`${context.where()}: output ${position} ('${output}') must be unused, not read by the graph (only the first output is supported)`);
      }
    });
    context.node = null;
  }

  const outputs = new Map<string, string>();
  for (const output of graph.output ?? []) {
    const name = output.name ?? '';
    outputs.set(name, context.tensor(name).name);
  }
  if (outputs.size === 0) context.fail('the graph must have at least one output, not none');
  const layout = { layers: context.layers, tensors: context.tensors, outputs };
  simplifyTransposes(layout, context);
  const layers = prune(layout.layers, context.tensors, new Set([...outputs.values(), ...inputs]));
  return {
    name: graph.name || basename(source).replace(/\.onnx$/i, ''),
    source,
    opsetVersion: context.opsetVersion,
    inputs,
    outputs: [...outputs].map(([name, tensor]) => ({ name, tensor })),
    tensors: context.tensors,
    layers,
    notes: fixedFirst ? [`${source}: the first dimension of the inputs is not a batch (the batch-1 import fails); kept as declared, one sample is the whole tensor`, ...context.notes] : context.notes,
    ...(fixedFirst && { fixedFirst }),
  };
}
