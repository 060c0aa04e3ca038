// A models/ graph and an hls4ml-style configuration to the hardware IR: the conversion flow, then lowering.
import type { Graph } from '../../models/index.js';
import type { HlsConfig } from '../config/types.js';
import { UnsupportedLayerError } from '../errors.js';
import type { HwModel } from '../ir/hardware.js';
import { runFlow } from '../passes/define-pass.js';
import { convertFlow } from '../passes/flows.js';
import { flowGraphOf } from '../passes/import-graph.js';
import { lowerGraph, type LowerOptions } from './lower.js';

export interface Conversion {
  readonly model: HwModel;
  /** pass:node for every rewrite, in order. */
  readonly applied: readonly string[];
}

export type ConvertOptions = LowerOptions;

export function convertModel(graph: Graph, config: HlsConfig, options: ConvertOptions = {}): Conversion {
  if (graph.fixedFirst) {
    throw new UnsupportedLayerError(`${graph.source}: the inputs' first dimension must be a batch for a hardware dataflow (one sample per token stream), not part of the model (${graph.inputs.map((name) => `'${name}' [${graph.tensors.get(name)?.shape.join(', ') ?? ''}]`).join(', ')})`);
  }
  const flow = flowGraphOf(graph);
  const applied = runFlow(flow, convertFlow);
  return { model: lowerGraph(flow, config, options), applied };
}
