// The Dense multiply-accumulate (hls/layers/shared/mac.ts) against a scalar loop of @ngt/fxp casts, as
// nnet_dense_latency.h writes it: mult = (accum_t)(x * w); acc = (accum_t) bias; acc = (accum_t)(acc +
// mult); res = (res_t) acc. The reference interpreter and the compiled simulator both, including
// rounding, saturating and narrow wrapping accumulators, and the wide (bigint) path for > 53 bits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, Fixed, fixedType, mul, parseFixedType, type FixedType } from '@ngt/fxp';
import { compileModel, interpret, type HwLayer, type HwModel } from '../../hls/index.js';

function denseModel(types: { input: FixedType; weight: FixedType; bias: FixedType; accum: FixedType }, weights: bigint[], bias: bigint[], nIn: number, nOut: number): HwModel {
  const layer: HwLayer = {
    kind: 'dense',
    name: 'fc',
    hlsClass: 'Dense',
    inputs: ['x'],
    output: 'y',
    nIn,
    nOut,
    weightType: types.weight,
    biasType: types.bias,
    accumType: types.accum,
    weights,
    bias,
    strategy: 'latency',
    reuseFactor: 1,
  };
  const tensors = new Map([
    ['x', { name: 'x', shape: [nIn], type: types.input }],
    ['y', { name: 'y', shape: [nOut], type: types.accum }],
  ]);
  return { name: 'mac', source: 'mac (test)', inputs: ['x'], outputs: [{ name: 'y', tensor: 'y' }], tensors, layers: [layer], notes: [] };
}

function scalarDense(inputs: Fixed[], weights: Fixed[], bias: Fixed[], nIn: number, nOut: number, accum: FixedType): bigint[] {
  const out: bigint[] = [];
  for (let s = 0; s < inputs.length / nIn; s++) {
    for (let j = 0; j < nOut; j++) {
      let acc = (bias[j] as Fixed).cast(accum);
      for (let i = 0; i < nIn; i++) acc = add(acc, mul(inputs[s * nIn + i] as Fixed, weights[i * nOut + j] as Fixed).cast(accum)).cast(accum);
      out.push(acc.raw);
    }
  }
  return out;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Dense multiply-accumulate against a scalar loop of casts', () => {
  const configs = [
    { input: 'ap_fixed<16,6>', weight: 'ap_fixed<16,6>', bias: 'ap_fixed<16,6>', accum: 'ap_fixed<16,6>' },
    { input: 'ap_fixed<16,6>', weight: 'ap_fixed<8,2,AP_RND,AP_SAT>', bias: 'ap_fixed<8,2>', accum: 'ap_fixed<24,12,AP_RND,AP_SAT>' },
    { input: 'ap_fixed<10,4>', weight: 'ap_fixed<6,1>', bias: 'ap_fixed<10,4>', accum: 'ap_fixed<8,3>' }, // narrow: wraps
    { input: 'ap_ufixed<8,0>', weight: 'ap_fixed<20,6>', bias: 'ap_fixed<20,6>', accum: 'ap_fixed<40,14,AP_RND_CONV,AP_SAT_SYM>' },
    { input: 'ap_fixed<16,6>', weight: 'ap_fixed<16,6>', bias: 'ap_fixed<16,6>', accum: 'ap_fixed<12,4,AP_RND,AP_WRAP_SM,1>' },
  ];
  for (const config of configs) {
    it(`${config.input} x ${config.weight} -> ${config.accum}`, () => {
      const random = seeded(3);
      const [nIn, nOut, count] = [7, 5, 40];
      const types = { input: parseFixedType(config.input), weight: parseFixedType(config.weight), bias: parseFixedType(config.bias), accum: parseFixedType(config.accum) };
      const inputs = Array.from({ length: count * nIn }, () => Fixed.fromNumber((random() - 0.3) * 40, types.input));
      const weights = Array.from({ length: nIn * nOut }, (_, k) => Fixed.fromNumber(k % 6 === 0 ? 0 : (random() - 0.5) * 8, types.weight));
      const bias = Array.from({ length: nOut }, () => Fixed.fromNumber((random() - 0.5) * 4, types.bias));
      const model = denseModel(
        types,
        weights.map((w) => w.raw),
        bias.map((b) => b.raw),
        nIn,
        nOut,
      );
      const data = Float64Array.from(inputs, (v) => v.toNumber());
      const expected = scalarDense(inputs, weights, bias, nIn, nOut, types.accum);
      expect(new Set(expected).size).toBeGreaterThan(50); // the outputs are not degenerate
      expect(interpret(model, [data], count).get('y')).toEqual(expected);
      const simulator = compileModel(model);
      expect(simulator.path).toBe('compiled');
      expect(Array.from(simulator.run([data], count).get('y') ?? [], BigInt)).toEqual(expected);
    });
  }

  it('wide accumulators (70 bits) take the exact path and equal the scalar loop', () => {
    const wide = fixedType(70, 20);
    const types = { input: fixedType(40, 10), weight: fixedType(40, 5), bias: wide, accum: wide };
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(1n << 39n), max: (1n << 39n) - 1n }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.bigInt({ min: -(1n << 39n), max: (1n << 39n) - 1n }), { minLength: 6, maxLength: 6 }),
        (inputRaws, weightRaws) => {
          const model = denseModel(types, weightRaws, [0n, 0n], 3, 2);
          const inputs = inputRaws.map((raw) => Fixed.fromRaw(raw, types.input));
          const weights = weightRaws.map((raw) => Fixed.fromRaw(raw, types.weight));
          const expected = scalarDense(inputs, weights, [Fixed.fromRaw(0n, wide), Fixed.fromRaw(0n, wide)], 3, 2, wide);
          // 40-bit raws at 30 fraction bits are exact doubles.
          const data = Float64Array.from(inputs, (v) => v.toNumber());
          expect(interpret(model, [data], 2).get('y')).toEqual(expected);
          expect(compileModel(model).path).toBe('wide');
        },
      ),
      { numRuns: 50 },
    );
  });
});
