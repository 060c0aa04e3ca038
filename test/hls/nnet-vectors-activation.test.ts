// Activations, layer by layer against vectors derived by hand from hls4ml's Vivado nnet_activation.h:
// relu, leaky_relu, relu_max (ReLU6 / Clip), sigmoid and tanh by table (init_sigmoid_table,
// init_tanh_table and their index computation), softmax_stable / softmax_latency / softmax_legacy /
// softmax_argmax (softmax_idx_from_real_val, softmax_real_val_from_idx, init_exp_table,
// init_invert_table, nnet_common.h reduce with Op_add / Op_max). Notation: "raw r at F" is r * 2^-F.
// Table values were read off a calculator (exp, tanh to 10 digits); the rounding is done by hand.
import { describe, expect, it } from 'vitest';
import { attribute, float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { convert, expectRaws, layerOf } from './nnet-vectors-harness.js';

function unary(op: string, size: number, attributes: Record<string, unknown> = {}, extra: (b: GraphBuilder) => string[] = () => []): GraphBuilder {
  const b = new GraphBuilder(op.toLowerCase());
  const x = b.input('x', [null, size]);
  b.output(b.node(op, [x, ...extra(b)], attributes as never, { name: 'act' }), [null, size]);
  return b;
}

function config(input: string, layer: string): string {
  return `Model:\n  Precision: fixed<16,6>\nLayerName:\n  x:\n    Precision:\n      result: ${input}\n  act:\n${layer}`;
}

describe('ReLU, LeakyReLU, ReLU6 (nnet_activation.h relu, leaky_relu, relu_max)', () => {
  it('relu: res = datareg > 0 ? (res_T) datareg : 0, the cast rounding and saturating', () => {
    // x fixed<8,4> (F=4); res ufixed<4,1,RND,SAT> (F=3, raws [0, 15]).
    const model = convert(unary('Relu', 4), config('fixed<8,4>', '    Precision:\n      result: ufixed<4,1,RND,SAT>\n'));
    // -1 (-0.0625) -> 0; 0 -> not > 0 -> 0; 7 (0.4375) -> 3.5 at F=3, AP_RND -> 4 (0.5);
    // 40 (2.5) -> 20 at F=3 > 15 -> AP_SAT 15 (1.875).
    expectRaws(model, [[-1, 0, 7, 40]], [0, 0, 4, 15]);
  });

  it('leaky_relu: alpha is a data_T (0.1 truncated to fixed<8,4> is 0.0625), res = (res_T)(alpha * x)', () => {
    // x fixed<8,4> (F=4); leaky_relu(data_T data[], data_T alpha, ...): alpha = (data_T) 0.1f = floor(1.6000000238) = raw 1.
    // res fixed<8,3> (F=5, AP_TRN). alpha * x is exact at F=8.
    const model = convert(unary('LeakyRelu', 4, { alpha: attribute.float(0.1) }), config('fixed<8,4>', '    Precision:\n      result: fixed<8,3>\n'));
    expect(layerOf(model, 'activation').activation).toEqual({ kind: 'leaky_relu', alpha: 1n });
    // -40 (-2.5): 1 * -40 = -40 at F=8 -> F=5: floor(-40 / 8) = -5 (-0.15625); a float alpha would give -0.25.
    // -41 (-2.5625): -41 at F=8 -> floor(-5.125) = -6 (toward minus infinity).
    // 24 (1.5) > 0 -> 1.5 at F=5 = 48.   0 -> not > 0 -> alpha * 0 = 0.
    expectRaws(model, [[-40, -41, 24, 0]], [-5, -6, 48, 0]);
  });

  it('relu_max<6> (Clip 0..6): 0 below 0, 6 above 6, else (res_T) x', () => {
    const b = new GraphBuilder('clip');
    const x = b.input('x', [null, 4]);
    b.output(b.node('Clip', [x, b.initializer('lo', float32Tensor([], [0])), b.initializer('hi', float32Tensor([], [6]))], {}, { name: 'act' }), [null, 4]);
    // x fixed<8,4> (F=4); res ufixed<6,3> (F=3, AP_TRN, AP_WRAP: raws [0, 63], up to 7.875).
    const model = convert(b, config('fixed<8,4>', '    Precision:\n      result: ufixed<6,3>\n'));
    // -8 (-0.5) < 0 -> 0.  95 (5.9375) -> 47.5 at F=3, AP_TRN -> 47 (5.875).  96 (6.0) is not > 6 -> 48.
    // 120 (7.5) > 6 -> 6 -> 48 (without the clamp it would be 60, which res_T holds).
    expectRaws(model, [[-8, 95, 96, 120]], [0, 47, 48, 48]);
  });
});

describe('Sigmoid and tanh tables (nnet_activation.h sigmoid, tanh)', () => {
  // TableSize 64; table fixed<10,1,RND,SAT> (F=9, raws [-512, 511]); x fixed<10,6> (F=4).
  // The index is `int data_round = data * table_size / D`: data * 64 is exact, the ap_fixed division by
  // the int D keeps F=4 and truncates toward zero, and the conversion to int truncates toward zero again.
  const layer = (result: string) => `    TableSize: 64\n    Precision:\n      table: fixed<10,1,RND,SAT>\n      result: ${result}\n`;

  it('sigmoid: index = data*64/16 + 8*64/16, clamped to [0, 63]; entry ii = sigmoid(2*8*(ii-32)/64)', () => {
    // res ufixed<8,0,TRN,SAT> (F=8, raws [0, 255]).
    const model = convert(unary('Sigmoid', 6), config('fixed<10,6>', layer('ufixed<8,0,TRN,SAT>')));
    expect(layerOf(model, 'table_activation').table.length).toBe(64);
    // -5 (-0.3125): -5*64 = -320 at F=4 (-20.0) / 16 = -1.25 -> -1 (toward zero; floor would be -2) -> index 31.
    //   in_val = 16 * (31 - 32) / 64 = -0.25; sigmoid = 0.4378234991 -> * 512 = 224.166 -> AP_RND 224 -> res F=8: 112.
    // 7 (0.4375): 7*64/16 = 28 at F=4 (1.75) -> 1 -> index 33: in_val 0.25, sigmoid 0.5621765009 -> 287.834 -> 288 -> 144.
    // 127 (7.9375): 31.75 -> 31 -> index 63: in_val 7.75, sigmoid 0.9995694429 -> 511.780 -> AP_RND 512 > 511 ->
    //   AP_SAT 511 -> res F=8: 255.5, AP_TRN -> 255.
    // 160 (10.0): 40 -> index 72 -> clamped to 63 -> 255.
    // -152 (-9.5): -38 -> index -6 -> clamped to 0: in_val -8, sigmoid 0.0003353501 -> 0.1717 -> 0 -> 0.
    // -128 (-8.0): -32 -> index 0 -> 0.
    expectRaws(model, [[-5, 7, 127, 160, -152, -128]], [112, 144, 255, 255, 0, 0]);
  });

  it('tanh: index = data*64/8 + 4*64/8, clamped; entry ii = tanh(2*4*(ii-32)/64)', () => {
    // res fixed<8,1> (F=7, AP_TRN).
    const model = convert(unary('Tanh', 5), config('fixed<10,6>', layer('fixed<8,1>')));
    // -1 (-0.0625): -1*64 = -64 at F=4 (-4.0) / 8 = -0.5 -> 0 (toward zero) -> index 32: tanh(0) = 0 -> 0.
    // 2 (0.125): 2*64/8 = 16 at F=4 (1.0) -> 1 -> index 33: tanh(0.125) = 0.1243530018 -> 63.669 -> AP_RND 64
    //   -> res F=7: 64 / 4 = 16.
    // 63 (3.9375): 63*64/8 = 504 at F=4 (31.5) -> 31 -> index 63: tanh(3.875) = 0.9991388858 -> 511.559 -> 512 -> AP_SAT 511
    //   -> res F=7: 127.75 -> AP_TRN 127.
    // -64 (-4.0): -32 -> index 0: tanh(-4) = -0.9993292997 -> -511.657 -> AP_RND -512 (in range, -1.0) -> -128.
    // -3 (-0.1875): -24 at F=4 (-1.5) -> -1 (toward zero) -> index 31: tanh(-0.125) -> -63.669 -> -64 -> -16.
    expectRaws(model, [[-1, 2, 63, -64, -3]], [0, 16, 127, -128, -16]);
  });
});

describe('Softmax (nnet_activation.h softmax_stable, softmax_latency, softmax_legacy, softmax_argmax)', () => {
  // TableSize 64 -> N = ceillog2(64) = 6 address bits. x fixed<6,3> (F=3): the top 6 bits are the whole raw,
  // so exp_table[i] = exp(value of the 6-bit pattern i read as fixed<6,3>). exp_table_t ufixed<8,3,RND,SAT>
  // (F=5, raws [0, 255]); the invert table is addressed by exp_sum's top 6 of 8 bits (raw >> 2), and
  // inv_table[j] = 1 / (value of pattern j << 2 in ufixed<8,3>) = 1 / (j / 8); inv_table_t ufixed<10,4,RND,SAT>
  // (F=6). res = exp_res[i] * inv (exact at F=11) cast to ufixed<8,0,RND,SAT> (F=8).
  const tables = (implementation: string) =>
    `    Implementation: ${implementation}\n    TableSize: 64\n    Precision:\n      exp_table: ufixed<8,3,RND,SAT>\n      inv_table: ufixed<10,4,RND,SAT>\n      result: ufixed<8,0,RND,SAT>\n`;

  it('stable: d = x - max in ap_fixed<6,3,AP_RND,AP_SAT>, exp by top bits, reduce-tree sum, 1/sum by top bits', () => {
    const model = convert(unary('Softmax', 3, { axis: 1 }), config('fixed<6,3>', tables('stable')));
    // x = [1.0, 0.5, -3.5] -> raws [8, 4, -28]. max = reduce Op_max: max(max(8, 4), -28) = 8.
    // d = [0, -4, -36 -> AP_SAT -32 (-4.0)]; as 6-bit patterns: [0, 60, 32].
    // exp_table[0] = exp(0) = 1 -> 32; [60] = exp(-0.5) = 0.6065306597 -> 19.409 -> 19; [32] = exp(-4) = 0.0183156389 -> 0.586 -> 1.
    // exp_sum = reduce: (32 + 19) + 1 = 52 (1.625) -> index 52 >> 2 = 13 -> 1 / (13 / 8) = 0.6153846 -> 39.385 at F=6 -> 39.
    // res: 32 * 39 = 1248 at F=11 -> 156 at F=8 (exact); 19 * 39 = 741 -> 92.625 -> 93; 1 * 39 = 39 -> 4.875 -> 5.
    expectRaws(model, [[8, 4, -28]], [156, 93, 5]);
  });

  it('latency: the exp table is addressed by x itself, and the exp sum saturates exp_table_t', () => {
    const model = convert(unary('Softmax', 3, { axis: 1 }), config('fixed<6,3>', tables('latency')));
    // x = [2.5, 2.0, 1.875] -> raws [20, 16, 15] = the table indices.
    // exp(2.5) = 12.18 -> 389.8 at F=5 > 255 -> AP_SAT 255; exp(2) = 7.389056 -> 236.450 -> 236; exp(1.875) = 6.520819 -> 208.666 -> 209.
    // Sum: (255 + 236 = 491 -> AP_SAT 255) + 209 -> AP_SAT 255 (7.96875) -> index 255 >> 2 = 63 -> 1 / (252 / 32) = 1 / 7.875
    //   = 0.1269841 -> 8.127 at F=6 -> 8 (0.125).
    // res: 255 * 8 = 2040 at F=11 -> 255; 236 * 8 -> 236; 209 * 8 -> 209 (they sum to more than 1: the saturation shows).
    expectRaws(model, [[20, 16, 15]], [255, 236, 209]);
  });

  it('legacy: exp_table over [-8, 8) indexed by (x_j - x_i)*64/16 + 32, sums in table_t, invert_table over [0, 64)', () => {
    // table_t fixed<10,4,RND,SAT> (F=6) for both tables; res ufixed<8,1> (F=7). exp entry ii = exp((ii - 32) / 4),
    // invert entry ii = 1 / ii (0 for ii = 0).
    const model = convert(unary('Softmax', 2, { axis: 1 }), config('fixed<6,3>', '    Implementation: legacy\n    TableSize: 64\n    Precision:\n      table: fixed<10,4,RND,SAT>\n      result: ufixed<8,1>\n'));
    // x = [1.0, 0.0] -> raws [8, 0] at F=3.
    // ii=0: jj=0: 1 -> 64 at F=6; jj=1: (0 - 1.0) * 64 / 16 = -4 -> index 28 -> exp(-1) = 0.3678794 -> 23.544 -> 24.
    //   exp_res = 88 (1.375) -> index 1.375 * 64 / 64 -> 1 -> 1 / 1 = 64 at F=6 -> res F=7: 128 (1.0).
    // ii=1: jj=0: (1.0 - 0) * 4 = 4 -> index 36 -> exp(1) = 2.7182818 -> 173.970 -> 174; jj=1: 64. exp_res = 238 (3.71875)
    //   -> index 3 -> 1 / 3 = 0.333 -> 21.333 -> 21 at F=6 -> res F=7: 42.
    expectRaws(model, [[8, 0]], [128, 42]);
  });

  it('argmax: res[idx] = 1 for the first strictly greatest input, 0 elsewhere', () => {
    const model = convert(unary('Softmax', 4, { axis: 1 }), config('fixed<6,3>', '    Implementation: argmax\n    Precision:\n      result: ufixed<8,1>\n'));
    // x = [0.5, 1.5, 1.5, -2.0]: data[2] > maximum is false at the tie, so idx = 1; (res_T) 1 = 128 at F=7.
    expectRaws(model, [[4, 12, 12, -16]], [0, 128, 0, 0]);
  });
});
