// Transpose clean-up after channels-last conversion (ir/tensor.ts). Two rewrites, run to a fixed
// point: a transpose feeding only a layout-blind elementwise layer moves below it, and two transposes
// in a row compose (vanishing when they cancel). A Keras model exported as NHWC -> Transpose ->
// Conv -> Relu -> Transpose -> NHWC thereby loses every transpose.
import type { Layer, LayerOf } from '../ir/layer.js';
import type { TensorInfo } from '../ir/tensor.js';
import { elementCount } from '../ir/tensor.js';
import { consumersOf } from '../ir/graph.js';
import type { Check } from '../layers/layer-definition.js';
import { inferLayer } from '../layers/registry.js';

export interface LayoutGraph {
  layers: Layer[];
  readonly tensors: Map<string, TensorInfo>;
  /** Graph output name -> tensor; rewired when a transpose pair vanishes. */
  readonly outputs: Map<string, string>;
}

function isScalar(tensors: ReadonlyMap<string, TensorInfo>, name: string | undefined): boolean {
  const tensor = name === undefined ? undefined : tensors.get(name);
  return tensor !== undefined && elementCount(tensor.shape) === 1;
}

/** Whether a layer computes each element from the same element of input 0 alone. */
function isLayoutBlind(layer: Layer, tensors: ReadonlyMap<string, TensorInfo>): boolean {
  switch (layer.kind) {
    case 'activation':
      return true;
    case 'quant':
    case 'bipolar_quant':
    case 'trunc':
      return layer.inputs.slice(1).every((name) => isScalar(tensors, name));
    case 'binary':
      return isScalar(tensors, layer.inputs[1]) && !isScalar(tensors, layer.inputs[0]);
    default:
      return false;
  }
}

function compose(first: readonly number[], second: readonly number[]): number[] {
  return second.map((axis) => first[axis] ?? 0);
}

export function simplifyTransposes(graph: LayoutGraph, check: Check): void {
  for (let changed = true; changed; ) {
    changed = false;
    const consumers = consumersOf(graph.layers);
    const outputTensors = new Set(graph.outputs.values());
    const soleConsumer = (name: string): Layer | undefined => {
      const list = consumers.get(name) ?? [];
      return list.length === 1 && !outputTensors.has(name) ? list[0] : undefined;
    };
    for (let index = 0; index < graph.layers.length && !changed; index++) {
      const first = graph.layers[index];
      if (!first || first.kind !== 'transpose') continue;
      const next = soleConsumer(first.output);
      if (!next) continue;
      if (next.kind === 'transpose') {
        mergeTransposes(graph, first, next);
        changed = true;
      } else if (isLayoutBlind(next, graph.tensors) && next.inputs[0] === first.output) {
        swapBelow(graph, first, next, check);
        changed = true;
      }
    }
  }
}

function mergeTransposes(graph: LayoutGraph, first: LayerOf<'transpose'>, second: LayerOf<'transpose'>): void {
  const perm = compose(first.perm, second.perm);
  const source = first.inputs[0] ?? '';
  const identity = perm.every((axis, index) => axis === index);
  if (identity) {
    // second.output now reads straight from source: rename its uses.
    graph.layers = graph.layers
      .filter((layer) => layer !== first && layer !== second)
      .map((layer) => (layer.inputs.includes(second.output) ? { ...layer, inputs: layer.inputs.map((name) => (name === second.output ? source : name)) } : layer));
    for (const [name, tensor] of graph.outputs) if (tensor === second.output) graph.outputs.set(name, source);
    graph.tensors.delete(first.output);
    graph.tensors.delete(second.output);
    return;
  }
  const merged: LayerOf<'transpose'> = { ...second, perm, inputs: [source] };
  graph.layers = graph.layers.filter((layer) => layer !== first).map((layer) => (layer === second ? merged : layer));
  graph.tensors.delete(first.output);
}

/** transpose -> f becomes f -> transpose; the transpose's output tensor now holds f's pre-transpose result. */
function swapBelow(graph: LayoutGraph, transpose: LayerOf<'transpose'>, layer: Layer, check: Check): void {
  const source = transpose.inputs[0] ?? '';
  const moved = { ...layer, inputs: [source, ...layer.inputs.slice(1)], output: transpose.output } as Layer;
  const inputs = moved.inputs.map((name) => graph.tensors.get(name));
  if (inputs.some((tensor) => tensor === undefined)) return;
  const inferred = inferLayer(moved, inputs as TensorInfo[], check);
  graph.tensors.set(transpose.output, { name: transpose.output, shape: inferred.shape, type: inferred.type, value: null });
  const after: LayerOf<'transpose'> = { ...transpose, inputs: [transpose.output], output: layer.output };
  graph.layers = graph.layers.map((candidate) => (candidate === transpose ? moved : candidate === layer ? after : candidate));
}
