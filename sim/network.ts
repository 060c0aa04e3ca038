// The process network of a hardware model: one process per layer that is not wiring, one stream per
// (producer, consumer input) edge, one source per model input and one sink per model output. Forks
// (a tensor read by several consumers) become one stream per consumer, all written in the same cycle
// (hls4ml's clone_stream, folded into the producer): the producer writes only when all have room.
import { invariant } from '@ngt/fxp';
import { tokenCount, tokenSize, type HwLayer, type HwModel, type IoType, type LayerSchedule } from '../hls/index.js';

export type Endpoint =
  | { readonly kind: 'source'; readonly index: number }
  | { readonly kind: 'process'; readonly index: number; readonly port: number }
  | { readonly kind: 'sink'; readonly index: number };

export interface StreamSpec {
  /** '<tensor> -> <consumer>': the tensor carried and the layer (or 'output <name>') reading it. */
  readonly name: string;
  /** The tensor whose values it carries (wiring layers resolved away). */
  readonly tensor: string;
  readonly producer: Endpoint;
  readonly consumer: Endpoint;
  readonly tokensPerSample: number;
  /** Values per token. */
  readonly tokenSize: number;
  /** The default depth: io_parallel 1 (a register slice), io_stream the tensor's tokens per sample (hls4ml's default stream depth). */
  readonly defaultDepth: number;
}

export interface ProcessSpec {
  readonly layer: HwLayer;
  readonly schedule: LayerSchedule;
  /** Stream index per input port. */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}

export interface SourceSpec {
  readonly tensor: string;
  readonly tokensPerSample: number;
  readonly outputs: readonly number[];
}

export interface SinkSpec {
  readonly name: string;
  /** The tensor its stream carries (a wiring layer's input when one ends the model). */
  readonly tensor: string;
  /** The model's output tensor, in the order the outputs are read (a wire's permutation applied). */
  readonly output: string;
  readonly stream: number;
}

export interface Network {
  readonly ioType: IoType;
  readonly streams: readonly StreamSpec[];
  /** In topological order (the model's layer order). */
  readonly processes: readonly ProcessSpec[];
  readonly sources: readonly SourceSpec[];
  readonly sinks: readonly SinkSpec[];
}

export function buildNetwork(model: HwModel, schedules: readonly LayerSchedule[], ioType: IoType): Network {
  const shapeOf = (name: string): readonly number[] => model.tensors.get(name)?.shape ?? [];
  // A wiring layer's output is its input's stream.
  const alias = new Map<string, string>();
  model.layers.forEach((layer, index) => {
    if (schedules[index]?.wire) alias.set(layer.output, layer.inputs[0] ?? '');
  });
  const resolve = (tensor: string): string => {
    let name = tensor;
    while (alias.has(name)) name = alias.get(name) ?? name;
    return name;
  };
  const producerOf = new Map<string, Endpoint>();
  model.inputs.forEach((tensor, index) => producerOf.set(tensor, { kind: 'source', index }));
  const processLayers: { layer: HwLayer; schedule: LayerSchedule }[] = [];
  model.layers.forEach((layer, index) => {
    const schedule = schedules[index];
    if (!schedule || schedule.wire) return;
    producerOf.set(layer.output, { kind: 'process', index: processLayers.length, port: 0 });
    processLayers.push({ layer, schedule });
  });
  const streams: StreamSpec[] = [];
  const outputsOf = new Map<string, number[]>();
  const connect = (tensor: string, consumer: Endpoint, consumerName: string): number => {
    const source = resolve(tensor);
    const producer = producerOf.get(source);
    invariant(producer !== undefined, `tensor '${source}' has no producer in model '${model.name}'`);
    const shape = shapeOf(source);
    const tokens = tokenCount(shape, ioType);
    streams.push({
      name: `${source} -> ${consumerName}`,
      tensor: source,
      producer,
      consumer,
      tokensPerSample: tokens,
      tokenSize: tokenSize(shape, ioType),
      defaultDepth: ioType === 'io_parallel' ? 1 : tokens,
    });
    const list = outputsOf.get(source) ?? [];
    list.push(streams.length - 1);
    outputsOf.set(source, list);
    return streams.length - 1;
  };
  const processes: ProcessSpec[] = processLayers.map(({ layer, schedule }, index) => ({
    layer,
    schedule,
    inputs: layer.inputs.map((tensor, port) => connect(tensor, { kind: 'process', index, port }, layer.name)),
    outputs: [],
  }));
  const sinks: SinkSpec[] = model.outputs.map((output, index) => ({
    name: output.name,
    tensor: resolve(output.tensor),
    output: output.tensor,
    stream: connect(output.tensor, { kind: 'sink', index }, `output ${output.name}`),
  }));
  const finished = processes.map((process) => ({ ...process, outputs: outputsOf.get(process.layer.output) ?? [] }));
  const sources: SourceSpec[] = model.inputs.map((tensor) => ({
    tensor,
    tokensPerSample: tokenCount(shapeOf(tensor), ioType),
    outputs: outputsOf.get(tensor) ?? [],
  }));
  return { ioType, streams, processes: finished, sources, sinks };
}
