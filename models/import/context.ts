// State of one import: the tensors known so far, the layers emitted, and the node being imported
// (for messages). emit() infers each layer's output and folds it to a constant when all its inputs
// are constants, so shape subgraphs and weight arithmetic never reach the IR as layers.
import type { Layer } from '../ir/layer.js';
import { QUANTIZER_KINDS } from '../ir/layer.js';
import type { TensorInfo, TensorType } from '../ir/tensor.js';
import { elementCount, formatShape } from '../ir/tensor.js';
import type { Check } from '../layers/layer-definition.js';
import { computeLayer, inferLayer } from '../layers/registry.js';
import { MissingTensorError, OnnxImportError, UnsupportedAttributeError } from '../errors.js';
import { MAX_ELEMENTS } from '../onnx/tensor-proto.js';
import type { NodeAttributes } from '../onnx/attributes.js';

export interface NodeView {
  /** Unique in the graph (generated as OpType_index when the file has none). */
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  /** Input tensor names, '' for an omitted optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: NodeAttributes;
}

/** A layer description before the importer names its output. */
export type LayerDraft = Layer extends infer L ? (L extends Layer ? Omit<L, 'output' | 'name' | 'opType'> : never) : never;

export class ImportContext implements Check {
  readonly tensors = new Map<string, TensorInfo>();
  readonly layers: Layer[] = [];
  readonly notes: string[] = [];
  private readonly aliases = new Map<string, string>();
  private readonly layerNames = new Set<string>();
  node: NodeView | null = null;

  constructor(
    readonly source: string,
    readonly opsetVersion: number,
  ) {}

  /** "file: node 'name' (OpType)" while a node is imported, else the file. */
  where(): string {
    return this.node ? `${this.source}: node '${this.node.name}' (${this.node.opType})` : this.source;
  }

  /** Records, for reports, that the current node was read other than literally. */
  note(message: string): void {
    this.notes.push(`${this.where()}: ${message}`);
  }

  fail(message: string): never {
    throw new OnnxImportError(`${this.where()}: ${message}`);
  }

  unsupported(message: string): never {
    throw new UnsupportedAttributeError(`${this.where()}: ${message}`);
  }

  resolve(name: string): string {
    return this.aliases.get(name) ?? name;
  }

  has(name: string): boolean {
    return this.tensors.has(this.resolve(name));
  }

  tensor(name: string): TensorInfo {
    const tensor = this.tensors.get(this.resolve(name));
    if (!tensor) throw new MissingTensorError(`${this.where()}: tensor '${name}' must be a graph input, an initializer or a node output, not undefined`);
    return tensor;
  }

  /** Required input `index` of the current node. */
  input(node: NodeView, index: number, what: string): TensorInfo {
    const name = node.inputs[index];
    if (!name) return this.fail(`input ${index} (${what}) must be given, not omitted`);
    return this.tensor(name);
  }

  optionalInput(node: NodeView, index: number): TensorInfo | undefined {
    const name = node.inputs[index];
    return name ? this.tensor(name) : undefined;
  }

  /** Input `index` that must be a constant (an initializer or folded), e.g. Reshape's shape. */
  constantInput(node: NodeView, index: number, what: string): Float64Array {
    const tensor = this.input(node, index, what);
    if (!tensor.value) return this.unsupported(`input ${index} (${what}) must be a constant, not the computed tensor '${tensor.name}'`);
    return tensor.value;
  }

  /** Output `index` of the current node, which the importer must define. */
  output(node: NodeView, index = 0): string {
    const name = node.outputs[index];
    if (!name) return this.fail(`output ${index} must be named, not empty`);
    return name;
  }

  /** A tensor name for a layer the importer adds between ONNX tensors. */
  intermediate(base: string): string {
    let name = base;
    for (let i = 1; this.tensors.has(name) || this.aliases.has(name); i++) name = `${base}_${i}`;
    return name;
  }

  alias(name: string, target: string): void {
    this.aliases.set(name, this.resolve(target));
  }

  defineConstant(name: string, shape: readonly number[], type: TensorType, value: Float64Array): void {
    this.checkNew(name);
    this.tensors.set(name, { name, shape, type, value });
  }

  /**
   * Adds a layer of the current node writing `output`, or folds it into a constant. `role` suffixes
   * the layer name when one node becomes several layers. Returns the output tensor name.
   */
  emit(draft: LayerDraft, output: string, role = ''): string {
    const node = this.node;
    const baseName = `${node?.name ?? 'layer'}${role ? `:${role}` : ''}`;
    let name = baseName;
    for (let i = 1; this.layerNames.has(name); i++) name = `${baseName}_${i}`;
    const layer = { ...draft, inputs: draft.inputs.map((input) => this.resolve(input)), name, opType: node?.opType ?? '', output } as Layer;
    const inputs = layer.inputs.map((input) => this.tensor(input));
    const inferred = inferLayer(layer, inputs, this);
    if (inferred.shape.some((dim) => !Number.isSafeInteger(dim) || dim < 0)) this.fail(`output shape must have non-negative integer dimensions, not ${formatShape(inferred.shape)}`);
    if (elementCount(inferred.shape) > MAX_ELEMENTS) this.fail(`output must have at most ${MAX_ELEMENTS} elements per sample, not ${elementCount(inferred.shape)} (${formatShape(inferred.shape)})`);
    this.checkNew(output);
    if (!QUANTIZER_KINDS.has(layer.kind) && inputs.every((input) => input.value !== null)) {
      const values = inputs.map((input) => ({ shape: input.shape, data: input.value ?? new Float64Array() }));
      this.tensors.set(output, { name: output, shape: inferred.shape, type: inferred.type, value: computeLayer(layer, values, inferred.shape) });
      return output;
    }
    this.layerNames.add(name);
    this.layers.push(layer);
    this.tensors.set(output, { name: output, shape: inferred.shape, type: inferred.type, value: null });
    return output;
  }

  private checkNew(name: string): void {
    if (this.tensors.has(name) || this.aliases.has(name)) this.fail(`tensor '${name}' must be produced once, not again`);
  }
}
