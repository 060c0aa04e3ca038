// Transpose clean-up after channels-last conversion (ir/tensor.ts). Two rewrites, run to a fixed
// point: a transpose feeding only an elementwise layer (or a Resize) moves below it, and two transposes
// in a row compose (vanishing when they cancel). A Keras model exported as NHWC -> Transpose ->
// Conv -> Relu -> Transpose -> NHWC thereby loses every transpose.
import type { Layer, LayerOf } from '../ir/layer.js';
import type { TensorInfo } from '../ir/tensor.js';
import { elementCount } from '../ir/tensor.js';
import { consumersOf } from '../ir/graph.js';
import type { Check } from '../layers/layer-definition.js';
import { computeLayer, inferLayer } from '../layers/registry.js';

export interface LayoutGraph {
  layers: Layer[];
  readonly tensors: Map<string, TensorInfo>;
  /** Graph output name -> tensor; rewired when a transpose pair vanishes. */
  readonly outputs: Map<string, string>;
}

/** Layers computing each element from the same element of their one computed input and of broadcast constants. */
const ELEMENTWISE: ReadonlySet<Layer['kind']> = new Set<Layer['kind']>(['activation', 'binary', 'quant', 'bipolar_quant', 'trunc']);

function inversePerm(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length).fill(0);
  perm.forEach((axis, position) => {
    inverse[axis] = position;
  });
  return inverse;
}

/**
 * `layer` applied before a transpose by `perm` instead of after it: an elementwise layer whose other
 * inputs are constants (each broadcast constant transposed back: a CNTK bias of shape [C, 1, 1] after
 * a channels-first Conv becomes [1, 1, 1, C]), or a Resize (its per-axis sizes and scales permuted).
 * Null when the layer does not commute with the transpose.
 */
function beforeTranspose(graph: LayoutGraph, layer: Layer, transposed: string, perm: readonly number[], source: string, output: string): Layer | null {
  const rank = perm.length;
  if (layer.kind === 'resize') {
    if (layer.inputs[0] !== transposed) return null;
    const inverse = inversePerm(perm);
    return { ...layer, inputs: [source], output, sizes: inverse.map((i) => layer.sizes[i] ?? 1), scales: inverse.map((i) => layer.scales[i] ?? 1) };
  }
  if (!ELEMENTWISE.has(layer.kind) || layer.inputs.filter((name) => name === transposed).length !== 1) return null;
  const inputs: string[] = [];
  for (const name of layer.inputs) {
    if (name === transposed) {
      inputs.push(source);
      continue;
    }
    const constant = graph.tensors.get(name);
    if (!constant?.value || constant.shape.length > rank) return null;
    if (elementCount(constant.shape) === 1) {
      inputs.push(name);
      continue;
    }
    const padded = [...new Array<number>(rank - constant.shape.length).fill(1), ...constant.shape];
    const inverse = inversePerm(perm);
    const back: LayerOf<'transpose'> = { kind: 'transpose', name: `${name}:transposed`, opType: 'Transpose', perm: inverse, inputs: [name], output: name };
    const shape = inverse.map((axis) => padded[axis] ?? 1);
    let moved = `${name}:perm${inverse.join('')}`;
    for (let i = 1; graph.tensors.has(moved) && graph.tensors.get(moved)?.shape.join() !== shape.join(); i++) moved = `${name}:perm${inverse.join('')}_${i}`;
    const value = computeLayer(back, [{ shape: padded, data: constant.value }], shape);
    graph.tensors.set(moved, { name: moved, shape, type: constant.type, value });
    inputs.push(moved);
  }
  return { ...layer, inputs, output } as Layer;
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
      } else {
        changed = swapBelow(graph, first, next, check);
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
function swapBelow(graph: LayoutGraph, transpose: LayerOf<'transpose'>, layer: Layer, check: Check): boolean {
  const moved = beforeTranspose(graph, layer, transpose.output, transpose.perm, transpose.inputs[0] ?? '', transpose.output);
  if (!moved) return false;
  const inputs = moved.inputs.map((name) => graph.tensors.get(name));
  if (inputs.some((tensor) => tensor === undefined)) return false;
  const inferred = inferLayer(moved, inputs as TensorInfo[], check);
  graph.tensors.set(transpose.output, { name: transpose.output, shape: inferred.shape, type: inferred.type, value: null });
  const after: LayerOf<'transpose'> = { ...transpose, inputs: [transpose.output], output: layer.output };
  graph.layers = graph.layers.map((candidate) => (candidate === transpose ? moved : candidate === layer ? after : candidate));
  return true;
}
