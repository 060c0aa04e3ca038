// Dense, layer by layer against vectors derived by hand from hls4ml's Vivado nnet_utils:
//   nnet_dense_latency.h dense_latency: mult[ii*n_out+jj] = (accum_t)(x[ii] * w[ii*n_out+jj]) (the product is
//     exact, W1+W2 bits, F1+F2 fraction bits; `mult` is an accum_t array), acc[jj] = (accum_t)bias[jj], then
//     acc[jj] += mult[...] for ii ascending, each add cast back to accum_t; res = (res_T)acc.
//   nnet_dense_resource.h dense_resource_rf_leq_nin / dense_resource_rf_gt_nin_rem0: weights transposed to
//     [n_out][n_in], acc[out_index] += static_cast<accum_t>(product(data[in_index], weights[w_index])) in
//     the order of the ReuseLoop (ir) and MultLoop (im) indices, which only shows when accum_t saturates.
// Notation: "raw r at F" is the value r * 2^-F.
import { describe, expect, it } from 'vitest';
import { attribute, float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { convert, expectRaws, layerOf } from './nnet-vectors-harness.js';

function gemm(nIn: number, nOut: number, weights: number[], bias: number[]): GraphBuilder {
  const b = new GraphBuilder('dense');
  const x = b.input('x', [null, nIn]);
  const y = b.node('Gemm', [x, b.initializer('w', float32Tensor([nIn, nOut], weights)), b.initializer('b', float32Tensor([nOut], bias))], { alpha: attribute.float(1), beta: attribute.float(1) }, { name: 'fc' });
  b.output(y, [null, nOut]);
  return b;
}

describe('Dense, Latency (nnet_dense_latency.h dense_latency)', () => {
  // x: fixed<8,4> (F=4); weight fixed<8,2> (F=6); bias fixed<8,4>; accum fixed<10,4> (F=6, AP_TRN, AP_WRAP,
  // raws [-512, 511]); result fixed<8,3,RND_CONV,SAT> (F=5, raws [-128, 127]). Products are F=4+6=10.
  const config = `Model:
  Precision: fixed<16,6>
LayerName:
  x:
    Precision:
      result: fixed<8,4>
  fc:
    Precision:
      weight: fixed<8,2>
      bias: fixed<8,4>
      accum: fixed<10,4>
      result: fixed<8,3,RND_CONV,SAT>
`;
  // W[i][j] (Gemm B, [n_in][n_out]): column 0 = [1.5, -1.25, 0.328125], column 1 = [-0.0625, 0.046875, 0.5].
  const model = convert(gemm(3, 2, [1.5, -0.0625, -1.25, 0.046875, 0.328125, 0.5], [2.5, -0.25]), config);

  it('quantizes the weights to fixed<8,2> raws and the bias to fixed<8,4> raws', () => {
    const dense = layerOf(model, 'dense');
    // 1.5 * 64 = 96, -0.0625 * 64 = -4, -1.25 * 64 = -80, 0.046875 * 64 = 3, 0.328125 * 64 = 21, 0.5 * 64 = 32.
    expect(dense.weights.map(Number)).toEqual([96, -4, -80, 3, 21, 32]);
    // 2.5 * 16 = 40, -0.25 * 16 = -4.
    expect(dense.bias.map(Number)).toEqual([40, -4]);
  });

  it('truncates each product to accum_t, wraps the accumulator, saturates and rounds (convergent) the result', () => {
    // x = [1.25, -2.5, 3.0625] -> raws at F=4: [20, -40, 49].
    // Output 0: acc = (accum_t) 2.5 = raw 160 at F=6.
    //   ii=0: 20 * 96 = 1920 at F=10 (1.875) -> accum F=6: floor(1920 / 16) = 120; acc = 280 (4.375)
    //   ii=1: -40 * -80 = 3200 (3.125) -> 200; acc = 480 (7.5)
    //   ii=2: 49 * 21 = 1029 (1.0048828125) -> floor(1029 / 16) = 64 (1.0, the 0.0048828125 truncated);
    //         acc = 480 + 64 = 544 > 511 -> AP_WRAP: 544 - 1024 = -480 (-7.5)
    //   res_T: -480 at F=6 = -240 at F=5 < -128 -> AP_SAT: -128 (-4.0)
    // Output 1: acc = (accum_t) -0.25 = raw -16 at F=6.
    //   ii=0: 20 * -4 = -80 at F=10 -> floor(-80 / 16) = -5; acc = -21
    //   ii=1: -40 * 3 = -120 -> floor(-7.5) = -8 (toward minus infinity); acc = -29
    //   ii=2: 49 * 32 = 1568 -> 98; acc = 69 (1.078125)
    //   res_T: 69 at F=6 = 34.5 at F=5, a tie -> AP_RND_CONV rounds to even: 34 (1.0625); AP_RND would give 35.
    expectRaws(model, [[20, -40, 49]], [-128, 34]);
  });

  it('keeps the bias cast to accum_t as the starting value (zero input)', () => {
    // All products are 0: acc = (accum_t) bias = [160, -16] at F=6 -> res_T F=5: [80, -8] (exact).
    expectRaws(model, [[0, 0, 0]], [80, -8]);
  });
});

// Saturating accumulator: accum ap_fixed<6,3,AP_TRN,AP_SAT> (F=3, raws [-32, 31]); x fixed<8,4> (F=4);
// weight fixed<8,2> (F=6); bias fixed<8,4>; result fixed<8,4>. Products are F=10, cast to F=3 by
// floor(p / 128).
function saturatingConfig(strategy: string, reuseFactor: number): string {
  return `Model:
  Precision: fixed<16,6>
  Strategy: ${strategy}
  ReuseFactor: ${reuseFactor}
LayerName:
  x:
    Precision:
      result: fixed<8,4>
  fc:
    Precision:
      weight: fixed<8,2>
      bias: fixed<8,4>
      accum: ap_fixed<6,3,AP_TRN,AP_SAT>
      result: fixed<8,4>
`;
}

describe('Dense, Resource, RF <= n_in (nnet_dense_resource.h dense_resource_rf_leq_nin)', () => {
  // n_in = 4, n_out = 2, RF = 2: multfactor = 2, multiplier_limit = block_factor = 4, multscale = 4 / 2 = 2.
  // With the transposed weights (w_index = j * n_in + i) the loops visit, for ir = 0: (j=0,i=0), (0,2),
  // (1,0), (1,2); for ir = 1: (0,1), (0,3), (1,1), (1,3). So each acc[j] receives inputs 0, 2, 1, 3.
  //   output 0: w = [1.0, -1.0, 1.5, 0.5]   -> raws at F=6 [64, -64, 96, 32]
  //   output 1: w = [-1.5, 1.0, -1.0, 1.0]  -> raws [-96, 64, -64, 64]
  const weights = [1.0, -1.5, -1.0, 1.0, 1.5, -1.0, 0.5, 1.0];
  const x = [32, 24, 28, -16]; // [2.0, 1.5, 1.75, -1.0] at F=4
  // Products cast to accum F=3 (floor(x * w / 128)):
  //   output 0: 32*64 = 2048 -> 16 (2.0); 24*-64 = -1536 -> -12 (-1.5); 28*96 = 2688 -> 21 (2.625); -16*32 = -512 -> -4 (-0.5)
  //   output 1: 32*-96 = -3072 -> -24 (-3.0); 24*64 = 1536 -> 12; 28*-64 = -1792 -> -14; -16*64 = -1024 -> -8
  it('accumulates in the order 0, 2, 1, 3, so saturation lands differently from Latency', () => {
    const model = convert(gemm(4, 2, weights, [0, 0]), saturatingConfig('Resource', 2));
    const dense = layerOf(model, 'dense');
    expect([dense.strategy, dense.reuseFactor]).toEqual(['resource', 2]);
    // output 0, order 0,2,1,3: 0 -> 16 -> 16+21 = 37 > 31 -> AP_SAT 31 -> 31-12 = 19 -> 19-4 = 15 (1.875) -> res F=4: 30
    // output 1, order 0,2,1,3: 0 -> -24 -> -24-14 = -38 -> AP_SAT -32 -> -32+12 = -20 -> -28 (-3.5) -> res F=4: -56
    expectRaws(model, [x], [30, -56]);
  });

  it('Latency on the same layer accumulates 0, 1, 2, 3', () => {
    const model = convert(gemm(4, 2, weights, [0, 0]), saturatingConfig('Latency', 1));
    // output 0: 0 -> 16 -> 4 -> 25 -> 21 (2.625), never saturating -> res F=4: 42
    // output 1: 0 -> -24 -> -12 -> -26 -> -34 -> AP_SAT -32 (-4.0) -> res F=4: -64
    expectRaws(model, [x], [42, -64]);
  });
});

describe('Dense, Resource, RF > n_in, RF % n_in == 0 (nnet_dense_resource.h dense_resource_rf_gt_nin_rem0)', () => {
  // n_in = 2, n_out = 2, RF = 4: rufactor = 4, block_factor = 1, outscale = RF / n_in = 2, outidx = [0, 0, 1, 1].
  // ir = 0: in_index 0, w_index 0 -> acc[0] += x0 * W(j=0,i=0); ir = 1: in_index 1, w_index 1 -> acc[0] += x1 * W(0,1);
  // ir = 2: in_index 0, w_index 2 -> acc[1] += x0 * W(1,0); ir = 3: acc[1] += x1 * W(1,1). Inputs ascending.
  //   output 0: bias 3.0 (raw 48 at F=4 -> 24 at F=3), w = [1.0, 1.0]  -> raws [64, 64]
  //   output 1: bias -3.0 (-24 at F=3),               w = [-1.0, -1.0] -> raws [-64, -64]
  const model = convert(gemm(2, 2, [1.0, -1.0, 1.0, -1.0], [3.0, -3.0]), saturatingConfig('Resource', 4));
  it('keeps RF 4 (valid for 2 x 2) and accumulates inputs in ascending order', () => {
    expect(layerOf(model, 'dense').reuseFactor).toBe(4);
    // x = [2.0, -1.0] -> raws [32, -16] at F=4.
    // output 0: 32*64 = 2048 -> 16; -16*64 = -1024 -> -8. acc 24 -> 40 -> AP_SAT 31 -> 23 (2.875) -> res F=4: 46
    //   (the reverse order would give 24 -> 16 -> 32 -> 31: 62)
    // output 1: 32*-64 -> -16; -16*-64 -> 8. acc -24 -> -40 -> AP_SAT -32 -> -24 (-3.0) -> res F=4: -48
    //   (the reverse order would give -24 -> -16 -> -32: -64)
    expectRaws(model, [[32, -16]], [46, -48]);
  });
});
