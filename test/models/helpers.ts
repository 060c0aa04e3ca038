// Shared by the models tests: where the shared models live, onnxruntime-node runs, random inputs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedModels = path.join(path.resolve(repoRoot, '../shared'), 'models');
export const hasShared = existsSync(sharedModels);
export const examplesDir = path.join(repoRoot, 'models', 'examples');

export function skipReason(what: string): void {
  if (!hasShared) console.log(`[skip] ${what}: ../shared/models is absent (a fresh clone); these tests run where it exists`);
}

/** A deterministic generator (mulberry32) so failures reproduce. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform float32 values in [-scale, scale). */
export function uniform(count: number, seed: number, scale = 1): Float32Array {
  const next = random(seed);
  return Float32Array.from({ length: count }, () => (2 * next() - 1) * scale);
}

/** The model with every graph input's and output's first dimension made symbolic, so onnxruntime takes batch 1. */
function withSymbolicBatch(bytes: Uint8Array): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const initializers = new Set((model.graph?.initializer ?? []).map((tensor) => tensor.name));
  for (const value of [...(model.graph?.input ?? []), ...(model.graph?.output ?? [])]) {
    if (initializers.has(value.name ?? '')) continue;
    const first = value.type?.tensorType?.shape?.dim?.[0];
    if (first) {
      delete (first as { dimValue?: unknown }).dimValue;
      first.dimParam = 'N';
    }
  }
  return onnx.ModelProto.encode(model).finish();
}

/**
 * onnxruntime's outputs for a batch, one sample at a time (as the shared outputs were made), each
 * output flattened to [N * per-sample size] in float64.
 */
export async function runOnnxRuntime(model: string | Uint8Array, inputs: readonly { shape: readonly number[]; data: Float32Array }[]): Promise<Float64Array[]> {
  const bytes = typeof model === 'string' ? readFileSync(model) : model;
  const session = await ort.InferenceSession.create(withSymbolicBatch(bytes), { logSeverityLevel: 3 });
  try {
    const count = inputs[0]?.shape[0] ?? 0;
    const chunks: number[][] = session.outputNames.map(() => []);
    for (let sample = 0; sample < count; sample++) {
      const feeds: Record<string, ort.Tensor> = {};
      session.inputNames.forEach((name, index) => {
        const input = inputs[index];
        if (!input) throw new Error(`no input ${index}`);
        const size = input.data.length / count;
        feeds[name] = new ort.Tensor('float32', input.data.slice(sample * size, (sample + 1) * size), [1, ...input.shape.slice(1)]);
      });
      const results = await session.run(feeds);
      session.outputNames.forEach((name, index) => chunks[index]?.push(...Array.from(results[name]?.data as Float32Array)));
    }
    return chunks.map((chunk) => Float64Array.from(chunk));
  } finally {
    await session.release();
  }
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return Number.isNaN(max) ? Infinity : max;
}
