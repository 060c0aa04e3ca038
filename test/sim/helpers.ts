// Shared by the cycle-simulator tests: example models converted under a configuration, inputs, and
// hand-made hardware models (one layer alone, toy networks).
import path from 'node:path';
import { fixedType, type FixedType } from '@ngt/fxp';
import { loadOnnxModel } from '../../models/index.js';
import { convertModel, interpret, parseHlsConfig, type HwLayer, type HwModel, type HwTensor, type IoType } from '../../hls/index.js';
import { examplesDir, random } from '../models/helpers.js';

export const EXAMPLES = ['jet-tagger', 'jet-tagger-qonnx', 'conv1d-small', 'conv2d-small'];

export interface Config {
  readonly ioType: IoType;
  readonly strategy: 'Latency' | 'Resource';
  readonly reuseFactor: number;
}

export function configText(config: Config, precision = 'fixed<16,6>'): string {
  return `IOType: ${config.ioType}\nHLSConfig:\n  Model:\n    Precision: ${precision}\n    ReuseFactor: ${config.reuseFactor}\n    Strategy: ${config.strategy}\n`;
}

export function convertFile(file: string, config: Config, precision?: string): HwModel {
  return convertModel(loadOnnxModel(file), parseHlsConfig(configText(config, precision), 'test.yaml')).model;
}

export function example(name: string, config: Config): HwModel {
  return convertFile(path.join(examplesDir, `${name}.onnx`), config);
}

export function sampleSize(model: HwModel, tensor: string): number {
  return (model.tensors.get(tensor)?.shape ?? []).reduce((a, b) => a * b, 1);
}

/** Gaussian inputs, scale 2 (so activations saturate and wrap now and then). */
export function inputsFor(model: HwModel, count: number, seed: number): Float64Array[] {
  const next = random(seed);
  return model.inputs.map((name) =>
    Float64Array.from({ length: count * sampleSize(model, name) }, () => 2 * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())),
  );
}

/** The model of `layer` alone: its inputs are the model's inputs, its output the model's output. */
export function layerAlone(model: HwModel, layer: HwLayer): HwModel {
  return {
    name: `${model.name}:${layer.name}`,
    source: model.source,
    inputs: [...new Set(layer.inputs)],
    outputs: [{ name: layer.output, tensor: layer.output }],
    tensors: model.tensors,
    layers: [layer],
    notes: [],
  };
}

export const T16: FixedType = fixedType(16, 6);

export function tensor(name: string, shape: readonly number[], type: FixedType = T16): [string, HwTensor] {
  return [name, { name, shape, type }];
}

export function relu(name: string, input: string, output: string): HwLayer {
  return { kind: 'activation', name, hlsClass: 'ReLU', inputs: [input], output, activation: { kind: 'relu' } };
}

export function dense(name: string, input: string, output: string, nIn: number, nOut: number, strategy: 'latency' | 'resource', reuseFactor: number): HwLayer {
  return {
    kind: 'dense',
    name,
    hlsClass: 'Dense',
    inputs: [input],
    output,
    nIn,
    nOut,
    weightType: T16,
    biasType: T16,
    accumType: fixedType(24, 12),
    weights: Array.from({ length: nIn * nOut }, (_, i) => BigInt(((i * 37) % 29) - 14) * 16n),
    bias: Array.from({ length: nOut }, (_, j) => BigInt(j) * 8n),
    strategy,
    reuseFactor,
  };
}

export function hwModel(name: string, inputs: string[], outputs: string[], tensors: [string, HwTensor][], layers: HwLayer[]): HwModel {
  return { name, source: `${name} (test)`, inputs, outputs: outputs.map((tensor) => ({ name: tensor, tensor })), tensors: new Map(tensors), layers, notes: [] };
}

export function expectSameRaws(actual: ReadonlyMap<string, Float64Array>, expected: ReadonlyMap<string, Float64Array>): string[] {
  const problems: string[] = [];
  for (const [name, values] of expected) {
    const got = actual.get(name);
    if (!got || got.length !== values.length) {
      problems.push(`${name}: ${got?.length ?? 'no'} values, expected ${values.length}`);
      continue;
    }
    for (let i = 0; i < values.length; i++) {
      if (got[i] !== values[i]) {
        problems.push(`${name}[${i}] = ${got[i]}, expected ${values[i]}`);
        break;
      }
    }
  }
  return problems;
}

/**
 * The raws the slow reference interpreter gives (hls/simulate/interpret.ts: exact bigints, each layer's
 * declared reference), as the cycle simulator returns them: what its outputs are checked against, never
 * the compiled functional simulator whose values the cycle simulator itself moves.
 */
export function referenceRaws(model: HwModel, inputs: readonly Float64Array[], count: number): Map<string, Float64Array> {
  const raws = interpret(model, inputs, count);
  return new Map([...raws].map(([name, values]) => [name, Float64Array.from(values, Number)]));
}
