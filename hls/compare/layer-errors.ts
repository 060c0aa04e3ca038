// Per-layer error against float (compare --trace): each hardware layer's exact output beside the float
// model's value of the same ONNX tensor, over the whole data set. Layers whose tensor the float model
// does not have (a channels-last copy, a fused intermediate) are left out: there is nothing to set
// them against.
import { elementCount, foldConstants, runFloat, tensorOf, type Graph } from '../../models/index.js';
import type { HwModel } from '../ir/hardware.js';
import { rawsToValues, type Simulator } from '../simulate/compile.js';
import type { FloatReference } from './reference.js';

export interface LayerError {
  readonly layer: string;
  readonly tensor: string;
  readonly maxAbsError: number;
  readonly meanAbsError: number;
}

/** Every per-sample float tensor of the reference's data set, [samples, ...] by tensor name. */
export function floatTensors(graph: Graph, reference: FloatReference): Map<string, Float64Array> {
  const { perSample } = foldConstants(graph);
  const values = new Map<string, Float64Array>();
  for (const layer of perSample) values.set(layer.output, new Float64Array(reference.samples * elementCount(tensorOf(graph, layer.output).shape)));
  runFloat(graph, [reference.input], { onValue: (tensor, data, sample) => values.get(tensor)?.set(data, sample * data.length) });
  return values;
}

export function layerErrors(model: HwModel, simulator: Pick<Simulator, 'run'>, reference: FloatReference, floats: ReadonlyMap<string, Float64Array>): LayerError[] {
  const traced = model.layers.filter((layer) => {
    const float = floats.get(layer.output);
    const shape = model.tensors.get(layer.output)?.shape;
    return float !== undefined && shape !== undefined && float.length === reference.samples * elementCount(shape);
  });
  const raws = simulator.run([reference.input.data], reference.samples, traced.map((layer) => layer.output));
  return traced.map((layer) => {
    const type = model.tensors.get(layer.output)?.type;
    const fixed = type ? rawsToValues(raws.get(layer.output) ?? new Float64Array(), type) : new Float64Array();
    const float = floats.get(layer.output) ?? new Float64Array();
    let max = 0;
    let sum = 0;
    for (let index = 0; index < float.length; index++) {
      const error = Math.abs((fixed[index] ?? NaN) - (float[index] ?? NaN));
      max = Math.max(max, error);
      sum += error;
    }
    return { layer: layer.name, tensor: layer.output, maxAbsError: max, meanAbsError: float.length === 0 ? 0 : sum / float.length };
  });
}
