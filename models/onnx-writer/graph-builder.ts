// A small builder for ONNX ModelProto bytes. It checks nothing about the graph on purpose: tests
// use it to craft malformed models (dangling inputs, wrong shapes, unknown ops) as easily as good ones.
import type { NpyArray, NpyDtype } from '../npy.js';
import { attributeProto } from './attributes.js';
import type { Attributes } from './attributes.js';
import { onnx } from './onnx-proto.js';
import { ONNX_DATA_TYPE, tensorProto } from './tensor.js';
import type { TensorStorage } from './tensor.js';

/** A dimension: a size, a symbolic name, or null for the builder's batch symbol ('N' by default). */
export type Dimension = number | string | null;

export interface ModelOptions {
  /** Default-domain opset; 13 unless given. */
  opset?: number;
  /** Extra operator domains and their versions, e.g. { 'qonnx.custom_op.general': 1 }. */
  domains?: Record<string, number>;
  /** ONNX IR version; 8 (ONNX 1.10, the onnx-proto schema) unless given. */
  irVersion?: number;
  /** Name used for null dimensions; 'N' unless given. */
  batchSymbol?: string;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  /** How initializers are stored; 'raw' unless given. */
  storage?: TensorStorage;
}

export interface NodeOptions {
  /** Node name; '<opType>', then '<opType>_1', ... unless given. */
  name?: string;
  /** Operator domain; '' (the default ONNX domain) unless given. */
  domain?: string;
  /** Output names, or how many to generate; one generated output unless given. */
  outputs?: string[] | number;
  docString?: string;
}

export class GraphBuilder {
  readonly inputs: onnx.IValueInfoProto[] = [];
  readonly outputs: onnx.IValueInfoProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  readonly nodes: onnx.INodeProto[] = [];
  readonly valueInfos: onnx.IValueInfoProto[] = [];
  private readonly used = new Set<string>();
  private readonly options: ModelOptions;

  constructor(
    readonly name: string,
    options: ModelOptions = {},
  ) {
    this.options = options;
  }

  /** A graph input; returns its name for use as a node input. */
  input(name: string, shape: Dimension[] | undefined, dtype: NpyDtype = 'float32'): string {
    this.inputs.push(this.valueInfo(name, shape, dtype));
    return this.claim(name);
  }

  /** A constant tensor stored in the graph; returns its name. */
  initializer(name: string, array: NpyArray, storage: TensorStorage = this.options.storage ?? 'raw'): string {
    this.initializers.push(tensorProto(name, array, storage));
    return this.claim(name);
  }

  /** Adds a node and returns its first output's name. */
  node(opType: string, inputs: string[], attributes: Attributes = {}, options: NodeOptions = {}): string {
    const outputs = this.nodeOutputs(opType, inputs, attributes, options);
    return outputs[0] ?? '';
  }

  /** Adds a node and returns all of its output names (for Split, TopK, BatchNormalization in training...). */
  nodeOutputs(opType: string, inputs: string[], attributes: Attributes = {}, options: NodeOptions = {}): string[] {
    const name = options.name ?? this.fresh(opType);
    const wanted = options.outputs ?? 1;
    const outputs = typeof wanted === 'number' ? Array.from({ length: wanted }, (_, i) => this.fresh(`${name}_out${i}`)) : wanted;
    for (const output of outputs) this.used.add(output);
    this.used.add(name);
    const node: onnx.INodeProto = {
      name,
      opType,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([key, value]) => attributeProto(key, value)),
    };
    if (options.domain) node.domain = options.domain;
    if (options.docString) node.docString = options.docString;
    this.nodes.push(node);
    return outputs;
  }

  /** Declares a graph output: the value `name` with this shape (shape undefined: no shape at all). */
  output(name: string, shape: Dimension[] | undefined, dtype: NpyDtype = 'float32'): string {
    this.outputs.push(this.valueInfo(name, shape, dtype));
    return name;
  }

  /** Records the shape of an intermediate value (graph.value_info), as shape inference would. */
  annotate(name: string, shape: Dimension[] | undefined, dtype: NpyDtype = 'float32'): void {
    this.valueInfos.push(this.valueInfo(name, shape, dtype));
  }

  toGraph(): onnx.IGraphProto {
    return {
      name: this.name,
      node: this.nodes,
      input: this.inputs,
      output: this.outputs,
      initializer: this.initializers,
      valueInfo: this.valueInfos,
    };
  }

  /** The ModelProto, for tests that want to tamper with it before encoding. */
  toModel(): onnx.IModelProto {
    const opsetImport: onnx.IOperatorSetIdProto[] = [{ domain: '', version: this.options.opset ?? 13 }];
    for (const [domain, version] of Object.entries(this.options.domains ?? {})) opsetImport.push({ domain, version });
    const model: onnx.IModelProto = {
      irVersion: this.options.irVersion ?? 8,
      producerName: this.options.producerName ?? 'ngt',
      producerVersion: this.options.producerVersion ?? '0.1.0',
      opsetImport,
      graph: this.toGraph(),
    };
    if (this.options.docString) model.docString = this.options.docString;
    return model;
  }

  toBytes(): Uint8Array {
    return encodeModel(this.toModel());
  }

  private valueInfo(name: string, shape: Dimension[] | undefined, dtype: NpyDtype): onnx.IValueInfoProto {
    const tensorType: onnx.TypeProto.ITensor = { elemType: ONNX_DATA_TYPE[dtype] };
    if (shape) {
      tensorType.shape = {
        dim: shape.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim ?? this.options.batchSymbol ?? 'N' })),
      };
    }
    return { name, type: { tensorType } };
  }

  private claim(name: string): string {
    this.used.add(name);
    return name;
  }

  /** A name not used yet in this graph: base, base_1, base_2, ... */
  private fresh(base: string): string {
    let candidate = base;
    for (let n = 1; this.used.has(candidate); n++) candidate = `${base}_${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

export function encodeModel(model: onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export function decodeModel(bytes: Uint8Array): onnx.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
