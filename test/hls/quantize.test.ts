// Post-training quantization of the jet tagger: the written YAML parses, its argmax agreement on the
// inputs (re-measured here with the converter, the compiled simulator and runFloat, not hls/compare)
// meets the tolerance, and it is narrower than fixed<16,6>.
import { describe, expect, it } from 'vitest';
import { compileModel, convertModel, floatReference, layerTypesOf, parseHlsConfig, quantizedConfigFile, quantizeModel, rawsToValues, signedIntegerBits } from '../../hls/index.js';
import { defaultModelPath, defaultTestInputsPath, loadOnnxModel, readNpy, runFloat } from '../../models/index.js';

function argmax(values: Float64Array, row: number, size: number): number {
  let best = 0;
  for (let column = 1; column < size; column++) if ((values[row * size + column] ?? 0) > (values[row * size + best] ?? 0)) best = column;
  return best;
}

describe('signedIntegerBits', () => {
  it('is the fewest I with -2^(I-1) <= min and max < 2^(I-1)', () => {
    expect(signedIntegerBits(0, 0)).toBe(1);
    expect(signedIntegerBits(0, 0.99)).toBe(1);
    expect(signedIntegerBits(0, 1)).toBe(2);
    expect(signedIntegerBits(-1, 0.5)).toBe(1);
    expect(signedIntegerBits(-1.01, 0)).toBe(2);
    expect(signedIntegerBits(-33.05, 31.35)).toBe(7);
    expect(signedIntegerBits(-3.71, 14.3)).toBe(5);
    expect(signedIntegerBits(0, 16)).toBe(6);
    expect(signedIntegerBits(-16, 15.9)).toBe(5);
  });
});

describe('quantizeModel on the jet tagger', () => {
  it('writes a configuration that parses, meets the tolerance on X measured independently, and is narrower than fixed<16,6>', () => {
    const graph = loadOnnxModel(defaultModelPath());
    const x = readNpy(defaultTestInputsPath());
    const samples = 1000;
    const input = { shape: [samples, 16], data: Float64Array.from((x.data as Float32Array).subarray(0, samples * 16)) };
    const tolerance = 0.02;
    const result = quantizeModel(floatReference(graph, input, null), { tolerance });
    expect(result.target).toBe(0.98);
    const file = quantizedConfigFile(graph, result, tolerance);
    expect(file.unnamed).toEqual([]);
    const config = parseHlsConfig(file.yaml, 'quantized.yaml', { layerTypes: layerTypesOf(graph) });

    // Independent measurement: convert, simulate, compare argmax with runFloat here.
    const model = convertModel(graph, config).model;
    const output = model.outputs[0]?.tensor ?? '';
    const raws = compileModel(model).run([input.data], samples).get(output) ?? new Float64Array();
    const fixed = rawsToValues(raws, model.tensors.get(output)?.type ?? parseType());
    const float = runFloat(graph, [input])[0]?.data ?? new Float64Array();
    let agree = 0;
    for (let row = 0; row < samples; row++) if (argmax(fixed, row, 5) === argmax(float, row, 5)) agree++;
    expect(agree / samples).toBeGreaterThanOrEqual(1 - tolerance);
    expect(agree / samples).toBe(result.metrics.argmaxAgreement);

    // Narrower than fixed<16,6>: every weight and result type, and in total.
    const dense = model.layers.filter((layer) => layer.kind === 'dense');
    expect(dense.length).toBe(4);
    for (const layer of dense) expect(layer.weightType.width).toBeLessThan(16);
    for (const layer of model.layers) expect(model.tensors.get(layer.output)?.type.width).toBeLessThanOrEqual(16);
    const total = result.variables.reduce((sum, variable) => sum + variable.type.width, 0);
    expect(total).toBeLessThan(16 * result.variables.length);
    // Integer bits hold the profiled ranges of the outputs.
    for (const variable of result.variables) {
      const profiled = result.profile.layers.find((layer) => layer.name === variable.layer)?.tensors.find((tensor) => (variable.variable === 'result' ? tensor.role === 'output' || tensor.role === 'input' : tensor.role === variable.variable));
      expect(profiled).toBeDefined();
      expect(2 ** (variable.intBits - 1)).toBeGreaterThan(profiled?.max ?? Infinity);
      expect(-(2 ** (variable.intBits - 1))).toBeLessThanOrEqual(profiled?.min ?? -Infinity);
    }
  });
});

function parseType(): never {
  throw new Error('the output tensor must have a type');
}
