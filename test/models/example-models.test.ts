// The project's own example models (models/examples) through the float executor: against
// onnxruntime-node on random inputs, and the QONNX one against the independent QONNX reference.
// These need nothing from ../shared, so they run on a fresh clone too.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOnnxModel, runFloat } from '../../models/index.js';
import type { Graph } from '../../models/index.js';
import { examplesDir, maxAbsDifference, runOnnxRuntime, uniform } from './helpers.js';
import { referenceRun } from './qonnx-reference.js';

const at = (name: string) => path.join(examplesDir, name);

function randomBatch(graph: Graph, count: number, seed: number, scale: number) {
  const sample = graph.tensors.get(graph.inputs[0] ?? '')?.shape.slice(1) ?? [];
  const shape = [count, ...sample];
  return { shape, data: uniform(shape.reduce((a, b) => a * b, 1), seed, scale) };
}

describe('example models', () => {
  it.each(['jet-tagger.onnx', 'conv1d-small.onnx', 'conv2d-small.onnx'])('%s matches onnxruntime-node on 64 random samples within 1e-5', async (file) => {
    const graph = loadOnnxModel(at(file));
    // Inputs are standardised features: draw them over a wide range, [-3, 3).
    const x = randomBatch(graph, 64, 23, 3);
    const [ours] = runFloat(graph, [{ shape: x.shape, data: Float64Array.from(x.data) }]);
    const [theirs] = await runOnnxRuntime(at(file), [x]);
    expect(ours?.data.length).toBe(theirs?.length);
    expect(ours?.data.length).toBeGreaterThanOrEqual(64 * 3); // 3 to 5 classes per sample
    const error = maxAbsDifference(ours?.data ?? [], theirs ?? []);
    console.log(`${file}: max |ngt - onnxruntime-node| on random inputs = ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-5);
  });

  it('jet-tagger-qonnx.onnx matches the independent QONNX reference on 32 random samples within 1e-5', () => {
    const graph = loadOnnxModel(at('jet-tagger-qonnx.onnx'));
    const x = randomBatch(graph, 32, 29, 3);
    const [ours] = runFloat(graph, [{ shape: x.shape, data: Float64Array.from(x.data) }]);
    const reference = Array.from({ length: 32 }, (_, i) => referenceRun(at('jet-tagger-qonnx.onnx'), Array.from(x.data.subarray(i * 16, (i + 1) * 16)))).flat();
    expect(reference.length).toBe(32 * 5);
    const error = maxAbsDifference(ours?.data ?? [], reference);
    console.log(`jet-tagger-qonnx.onnx: max |ngt - QONNX reference| = ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-5);
  });
});
