// Every layer's hls4ml type name, by layer name: what the configuration's LayerType and LayerName
// entries are checked against. Layers the conversion turns into hardware kinds are named by their
// kind's declaration (the same name their lowering looks the configuration up with); the imported
// layers the flow folds away or has no hardware for keep hls/config's name for their op.
import type { Graph } from '../../models/index.js';
import { hlsLayerType } from '../config/layer-types.js';
import { loweringOf } from '../layers/registry.js';
import { runFlow } from '../passes/define-pass.js';
import { convertFlow } from '../passes/flows.js';
import { flowGraphOf } from '../passes/import-graph.js';

export function layerTypesOf(graph: Graph): Map<string, string> {
  const types = new Map(graph.layers.map((layer) => [layer.name, hlsLayerType(layer, graph)]));
  const flow = flowGraphOf(graph);
  runFlow(flow, convertFlow);
  const shapeOf = (name: string): readonly number[] => (flow.tensors.get(name)?.shape ?? []).slice(1);
  for (const node of flow.nodes) {
    const lowering = loweringOf(node);
    if (lowering) types.set(node.name, lowering.hlsClass(node, node.inputs.map(shapeOf)));
  }
  return types;
}
