// Numerical profiling: ranges equal min/max computed here from runFloat on the graph cut at each layer
// and from the weights themselves; type ranges and status follow the configured ap_fixed types.
import { parseFixedType } from '@ngt/fxp';
import { describe, expect, it } from 'vitest';
import { defaultHlsConfig, parseHlsConfig } from '../../hls/config/index.js';
import { layerTypesOf } from '../../hls/index.js';
import { configResolver, profileModel, statsOf, countBelow, typeRange } from '../../hls/quantize/index.js';
import { defaultModelPath, defaultTestInputsPath, loadOnnxModel, readNpy, runFloat, type Graph } from '../../models/index.js';

const graph = loadOnnxModel(defaultModelPath());
const x = readNpy(defaultTestInputsPath());
const samples = 2000;
const input = { shape: [samples, 16], data: Float64Array.from((x.data as Float32Array).subarray(0, samples * 16)) };

/** The same graph with `tensor` as its only output: runFloat then gives that layer's trace. */
function cutAt(tensor: string): Graph {
  return { ...graph, outputs: [{ name: tensor, tensor }] };
}

function minMax(values: Float64Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return [min, max];
}

describe('profileModel on the jet tagger', () => {
  const profile = profileModel(graph, input, configResolver(defaultHlsConfig()), '<built-in default>');

  it('lists the input and every layer, with weights and biases for the Dense layers', () => {
    expect(profile.samples).toBe(samples);
    expect(profile.layers.map((layer) => `${layer.name}:${layer.hlsClass}:${layer.tensors.map((tensor) => tensor.role).join('+')}`)).toEqual([
      'x:InputLayer:input',
      'dense_1:Dense:weight+bias+output',
      'relu_1:ReLU:output',
      'dense_2:Dense:weight+bias+output',
      'relu_2:ReLU:output',
      'dense_3:Dense:weight+bias+output',
      'relu_3:ReLU:output',
      'dense_4:Dense:weight+bias+output',
      'softmax:Softmax:output',
    ]);
  });

  it('activation ranges equal the min and max of each layer output from runFloat', () => {
    for (const layer of graph.layers) {
      const traced = runFloat(cutAt(layer.output), [input])[0]?.data ?? new Float64Array();
      expect(traced.length).toBe(samples * (graph.tensors.get(layer.output)?.shape[1] ?? 0));
      const output = profile.layers.find((entry) => entry.name === layer.name)?.tensors.find((tensor) => tensor.role === 'output');
      expect([output?.min, output?.max]).toEqual(minMax(traced));
      expect(output?.count).toBe(traced.length);
      expect(output?.zeros).toBe(traced.filter((value) => value === 0).length);
    }
    const inputProfile = profile.layers[0]?.tensors[0];
    expect([inputProfile?.min, inputProfile?.max]).toEqual(minMax(input.data));
  });

  it('weight and bias ranges equal the initializers; below-resolution counts are exact', () => {
    const lsb = 2 ** -10;
    for (const name of ['dense_1', 'dense_2', 'dense_3', 'dense_4']) {
      const layer = profile.layers.find((entry) => entry.name === name);
      for (const role of ['weight', 'bias'] as const) {
        const values = graph.tensors.get(`${name}_${role}`)?.value ?? new Float64Array();
        expect(values.length).toBeGreaterThan(0);
        const tensor = layer?.tensors.find((entry) => entry.role === role);
        expect([tensor?.min, tensor?.max]).toEqual(minMax(values));
        expect(tensor?.belowResolution).toBe(values.filter((value) => value !== 0 && Math.abs(value) < lsb).length);
      }
    }
  });

  it('checks each range against fixed<16,6>: [-32, 32 - 2^-10]; dense_3 overflows it on these inputs', () => {
    const range = typeRange(parseFixedType('fixed<16,6>'));
    expect(range).toEqual({ type: 'fixed<16,6>', min: -32, max: 32 - 2 ** -10, lsb: 2 ** -10, log2Low: -10, log2High: 5 });
    for (const layer of profile.layers) {
      for (const tensor of layer.tensors) {
        expect(tensor.type).toBe('fixed<16,6>');
        expect(tensor.status).toBe(tensor.min < -32 || tensor.max > 32 - 2 ** -10 ? 'overflow' : 'ok');
      }
    }
    const dense3 = profile.layers.find((layer) => layer.name === 'dense_3')?.tensors.find((tensor) => tensor.role === 'output');
    expect(dense3?.min).toBeLessThan(-32);
    expect(dense3?.status).toBe('overflow');
  });

  it('reads per-layer types from a configuration; auto stays unresolved', () => {
    const text = ["Model: {Precision: 'fixed<16,6>'}", 'LayerName:', "  dense_3: {Precision: {result: 'fixed<18,8>', weight: 'ufixed<8,1>'}}", '  relu_1: {Precision: {result: auto}}'].join('\n');
    const config = parseHlsConfig(text, 'c.yaml', { layerTypes: layerTypesOf(graph) });
    const withConfig = profileModel(graph, input, configResolver(config), 'c.yaml');
    const dense3 = withConfig.layers.find((layer) => layer.name === 'dense_3');
    expect(dense3?.tensors.map((tensor) => [tensor.role, tensor.type, tensor.status])).toEqual([
      ['weight', 'ufixed<8,1>', 'overflow'],
      ['bias', 'fixed<16,6>', 'ok'],
      ['output', 'fixed<18,8>', 'ok'],
    ]);
    const relu1 = withConfig.layers.find((layer) => layer.name === 'relu_1')?.tensors[0];
    expect([relu1?.type, relu1?.range, relu1?.status]).toEqual(['auto', null, 'unresolved']);
  });
});

describe('value statistics', () => {
  it('counts values below a power of two exactly from the log2 histogram', () => {
    const values = [0, 0.25, -0.25, 0.2499, 0.5, -1, 3, 1e-30];
    const stats = statsOf(values);
    expect([stats.min, stats.max, stats.zeros, stats.minAbsNonZero]).toEqual([-1, 3, 1, 1e-30]);
    expect(countBelow(stats, -2)).toBe(2);
    expect(countBelow(stats, -1)).toBe(4);
    expect(countBelow(stats, 0)).toBe(5);
    expect(countBelow(stats, 2)).toBe(7);
  });
});
