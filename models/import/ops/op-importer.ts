// The shape of one ONNX op's importer: it reads the node through the context and emits IR layers,
// constants or aliases for the node's outputs.
import type { ImportContext, NodeView } from '../context.js';

/** Which op domains an importer answers: the ONNX standard ('' / 'ai.onnx') or the QONNX ones. */
export type OpDomain = 'onnx' | 'qonnx';

export interface OpImporter {
  readonly domain: OpDomain;
  readonly import: (node: NodeView, context: ImportContext) => void;
}

export const QONNX_DOMAINS: readonly string[] = ['qonnx.custom_op.general', 'finn.custom_op.general', 'onnx.brevitas'];
/** QONNX's channels-last wrappers of Conv, MaxPool and BatchNormalization (qonnx/custom_op/channels_last). */
export const CHANNELS_LAST_DOMAIN = 'qonnx.custom_op.channels_last';
export const ONNX_DOMAINS: readonly string[] = ['', 'ai.onnx'];

export function onnxOp(importer: OpImporter['import']): OpImporter {
  return { domain: 'onnx', import: importer };
}

export function qonnxOp(importer: OpImporter['import']): OpImporter {
  return { domain: 'qonnx', import: importer };
}

/** Bool attribute stored as an int 0/1. */
export function flag(node: NodeView, context: ImportContext, name: string, fallback: boolean): boolean {
  const value = node.attributes.int(name, fallback ? 1 : 0);
  if (value !== 0 && value !== 1) context.unsupported(`attribute ${name} must be 0 or 1, not ${value}`);
  return value === 1;
}
