// Reuse factors by hls4ml's rule (hls4ml/backends/fpga/fpga_backend.py _validate_reuse_factor).
// Derivation used for the expected lists: every valid rf divides n_in*n_out; for rf < n_in,
// multiplier_limit = n_in*n_out/rf is a multiple of n_out exactly when rf divides n_in; for
// rf >= n_in, rf must be a multiple of n_in. So the valid set is {divisors of n_in below n_in} and
// {n_in * m : m divides n_out}.
import { describe, expect, it } from 'vitest';
import { checkReuseFactor, closestReuseFactor, ConfigError, isValidReuseFactor, multiplicationSize, validReuseFactors } from '../../hls/config/index.js';
import { defaultModelPath, loadOnnxModel } from '../../models/index.js';

describe('validReuseFactors', () => {
  it('n_in 6, n_out 4: divisors of 6 below 6 (1, 2, 3) and 6 x {1, 2, 4}', () => {
    expect(validReuseFactors(6, 4)).toEqual([1, 2, 3, 6, 12, 24]);
  });
  it('n_in 16, n_out 64 (the jet tagger\'s first Dense): 1, 2, 4, 8 and 16 x {1, 2, 4, ..., 64}', () => {
    expect(validReuseFactors(16, 64)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
  });
  it('n_in 32, n_out 5: 1, 2, 4, 8, 16 and 32 x {1, 5}', () => {
    expect(validReuseFactors(32, 5)).toEqual([1, 2, 4, 8, 16, 32, 160]);
  });
  it('n_in 9 (3x3 kernel, 1 channel), n_out 8 (a Conv2D): 1, 3 and 9 x {1, 2, 4, 8}', () => {
    expect(validReuseFactors(9, 8)).toEqual([1, 3, 9, 18, 36, 72]);
  });
  it('matches a literal transcription of the rule over 1..n_in*n_out', () => {
    for (let nIn = 1; nIn <= 24; nIn += 1) {
      for (let nOut = 1; nOut <= 24; nOut += 1) {
        const brute: number[] = [];
        for (let rf = 1; rf <= nIn * nOut; rf += 1) if (isValidReuseFactor(nIn, nOut, rf)) brute.push(rf);
        expect(validReuseFactors(nIn, nOut)).toEqual(brute);
      }
    }
  });
});

describe('checkReuseFactor', () => {
  it('keeps a valid one', () => {
    expect(checkReuseFactor({ layer: 'fc1', nIn: 6, nOut: 4, reuseFactor: 12 })).toEqual({ reuseFactor: 12, warnings: [] });
  });
  it('rejects an invalid one, listing the valid values', () => {
    expect(() => checkReuseFactor({ layer: 'fc1', nIn: 6, nOut: 4, reuseFactor: 5, source: 'hls.yaml' })).toThrow(ConfigError);
    expect(() => checkReuseFactor({ layer: 'fc1', nIn: 6, nOut: 4, reuseFactor: 5, source: 'hls.yaml' })).toThrow(
      "hls.yaml: ReuseFactor of layer 'fc1' must be one of 1, 2, 3, 6, 12, 24 (hls4ml's rule for n_in=6, n_out=4), not 5",
    );
  });
  it('with adjust: the closest valid one, the smaller on a tie, and a warning', () => {
    expect(checkReuseFactor({ layer: 'fc1', nIn: 6, nOut: 4, reuseFactor: 5, adjust: true })).toEqual({
      reuseFactor: 6,
      warnings: ["<built-in default>: ReuseFactor of layer 'fc1': 5 is not valid (hls4ml's rule for n_in=6, n_out=4); using 6, the closest valid value"],
    });
    expect(checkReuseFactor({ layer: 'fc1', nIn: 6, nOut: 4, reuseFactor: 18, adjust: true }).reuseFactor).toBe(12);
    expect(checkReuseFactor({ layer: 'fc1', nIn: 6, nOut: 4, reuseFactor: 100, adjust: true }).reuseFactor).toBe(24);
    expect(closestReuseFactor([1, 2, 3, 6, 12, 24], 9)).toBe(6);
  });
});

describe('multiplicationSize', () => {
  it("the jet tagger's Dense layers (Gemm weights [out, in] with transB, or [in, out])", () => {
    const graph = loadOnnxModel(defaultModelPath());
    const sizes = graph.layers.map((layer) => multiplicationSize(layer, graph));
    expect(sizes.filter((size) => size !== null)).toEqual([
      { nIn: 16, nOut: 64 },
      { nIn: 64, nOut: 32 },
      { nIn: 32, nOut: 32 },
      { nIn: 32, nOut: 5 },
    ]);
    expect(sizes[1]).toBeNull();
  });
});
