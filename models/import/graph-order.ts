// Evaluation order of ONNX nodes (Kahn's algorithm, keeping file order among ready nodes), with the
// typed errors for inputs nobody produces and for cycles.
import { GraphCycleError, MissingTensorError, OnnxImportError } from '../errors.js';

export interface OrderNode {
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Node indices in an order where each node follows the producers of its inputs. */
export function evaluationOrder(nodes: readonly OrderNode[], available: ReadonlySet<string>, source: string): number[] {
  const producer = new Map<string, number>();
  nodes.forEach((node, index) => {
    for (const output of node.outputs) {
      if (!output) continue;
      if (producer.has(output) || available.has(output)) {
        throw new OnnxImportError(`${source}: node '${node.name}' (${node.opType}): output '${output}' must be produced once, not again`);
      }
      producer.set(output, index);
    }
  });
  const waiting = new Array<number>(nodes.length).fill(0);
  const dependents = nodes.map(() => [] as number[]);
  nodes.forEach((node, index) => {
    for (const input of node.inputs) {
      if (!input || available.has(input)) continue;
      const from = producer.get(input);
      if (from === undefined) {
        throw new MissingTensorError(
          `${source}: node '${node.name}' (${node.opType}): input '${input}' must be a graph input, an initializer or a node output, not undefined (a missing initializer?)`,
        );
      }
      waiting[index] = (waiting[index] ?? 0) + 1;
      dependents[from]?.push(index);
    }
  });
  const order: number[] = [];
  // A min-ordered ready list keeps the file's order where the graph allows it.
  const ready = waiting.flatMap((count, index) => (count === 0 ? [index] : []));
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const next = ready.shift() ?? 0;
    order.push(next);
    for (const dependent of dependents[next] ?? []) {
      const left = (waiting[dependent] ?? 0) - 1;
      waiting[dependent] = left;
      if (left === 0) ready.push(dependent);
    }
  }
  if (order.length < nodes.length) {
    const stuck = nodes.filter((_, index) => (waiting[index] ?? 0) > 0).map((node) => `'${node.name}' (${node.opType})`);
    throw new GraphCycleError(`${source}: the graph must be acyclic, not have a cycle through nodes ${stuck.slice(0, 8).join(', ')}${stuck.length > 8 ? ', ...' : ''}`);
  }
  return order;
}
