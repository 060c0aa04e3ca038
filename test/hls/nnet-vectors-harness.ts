// Shared by the nnet-vectors tests: a tiny ONNX model (models/onnx-writer) converted with a given
// configuration, run on inputs given as exact raws of their types, through both the reference
// interpreter and the compiled simulator. Expected raws are derived by hand in each test.
import { expect } from 'vitest';
import { fractionBits } from '@ngt/fxp';
import { compileModel, convertModel, interpret, parseHlsConfig, type HwLayer, type HwModel } from '../../hls/index.js';
import { importOnnx } from '../../models/index.js';
import type { GraphBuilder } from '../../models/onnx-writer/index.js';

export function convert(builder: GraphBuilder, yaml: string): HwModel {
  const graph = importOnnx(builder.toBytes(), `${builder.name}.onnx`);
  return convertModel(graph, parseHlsConfig(yaml, `${builder.name}.yaml`)).model;
}

/** The model's one layer of this kind (fails the test when there is not exactly one). */
export function layerOf<K extends HwLayer['kind']>(model: HwModel, kind: K): Extract<HwLayer, { kind: K }> {
  const found = model.layers.filter((layer) => layer.kind === kind);
  expect(found.length, `layers of kind ${kind}`).toBe(1);
  return found[0] as Extract<HwLayer, { kind: K }>;
}

/**
 * Runs one sample whose inputs are given as raws of the model's input types (value = raw * 2^-F, exact
 * in a double), and asserts that the interpreter and the compiled simulator both produce `expected`
 * raws for the first output. Returns the interpreter's raws.
 */
export function expectRaws(model: HwModel, inputRaws: readonly (readonly number[])[], expected: readonly number[]): void {
  const inputs = model.inputs.map((name, k) => {
    const type = model.tensors.get(name)?.type;
    if (!type) throw new Error(`no type for input ${name}`);
    const scale = 2 ** -fractionBits(type);
    return Float64Array.from(inputRaws[k] ?? [], (raw) => raw * scale);
  });
  const output = model.outputs[0]?.tensor ?? '';
  const interpreted = (interpret(model, inputs, 1).get(output) ?? []).map(Number);
  expect(interpreted, 'interpreter').toEqual(expected);
  const simulator = compileModel(model);
  expect(simulator.path).toBe('compiled');
  expect(Array.from(simulator.run(inputs, 1).get(output) ?? []), 'compiled simulator').toEqual(expected);
}
