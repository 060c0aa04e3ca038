// Activations, layer by layer against vectors derived by hand from current hls4ml main's
// nnet_activation.h (commit ef92ebdf): relu, leaky_relu (alpha a param_t), relu_max (ReLU6 / Clip), and
// the table activations sigmoid, tanh, softsign, softplus (init_*_table over [-8, 8) or [-4, 4) and their
// index computation), elu and selu (over [-8, 0], index x * N / -8). Softmax: nnet-vectors-softmax.test.ts.
// Notation: "raw r at F" is r * 2^-F.
// Table values were read off a calculator (exp, tanh to 10 digits); the rounding is done by hand.
import { describe, expect, it } from 'vitest';
import { attribute, float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { expf, tanhf } from '../../hls/layers/shared/libm-float.js';
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

  it('leaky_relu: alpha is a param_t (the Model default, or Precision.param), res = (res_T)(alpha * x)', () => {
    // ParametrizedActivation: leaky_relu<input_t, param_t, output_t>(data, 0.1, res). x fixed<8,4> (F=4);
    // res fixed<8,3> (F=5, AP_TRN). param_t = Model fixed<16,6> (F=10): alpha = floor(0.1 * 1024) = raw 102.
    const model = convert(unary('LeakyRelu', 4, { alpha: attribute.float(0.1) }), config('fixed<8,4>', '    Precision:\n      result: fixed<8,3>\n'));
    expect(layerOf(model, 'activation').activation).toMatchObject({ kind: 'leaky_relu', alpha: 102n });
    // -40 (-2.5): 102 * -40 = -4080 at F=14 -> F=5: floor(-7.97) = -8 (-0.25); -41: -4182 / 512 -> floor(-8.17) = -9.
    // 24 (1.5) > 0 -> 48 at F=5.   0 -> not > 0 -> alpha * 0 = 0.
    expectRaws(model, [[-40, -41, 24, 0]], [-8, -9, 48, 0]);
    // Precision.param fixed<8,4> (F=4): alpha = floor(1.6) = raw 1 (0.0625). -40: -40 at F=8 -> floor(-5) = -5; -41 -> floor(-5.125) = -6.
    const narrow = convert(unary('LeakyRelu', 4, { alpha: attribute.float(0.1) }), config('fixed<8,4>', '    Precision:\n      param: fixed<8,4>\n      result: fixed<8,3>\n'));
    expectRaws(narrow, [[-40, -41, 24, 0]], [-5, -6, 48, 0]);
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
  const layer = (result: string) => `    TableSize: 64\n    table_t: fixed<10,1,RND,SAT>\n    Precision:\n      result: ${result}\n`;

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

describe('softsign, softplus, elu, selu and the float functions behind the tables', () => {
  // x fixed<10,6> (F=4), TableSize 64, as above.
  it('softsign and softplus: sigmoid\'s index over [-8, 8); entries x / (|x| + 1) and log(expf(x) + 1.) in double, then float', () => {
    // softsign, table fixed<10,1,RND,SAT> (F=9), res fixed<8,1> (F=7, AP_TRN: floor).
    const softsign = convert(unary('Softsign', 4), config('fixed<10,6>', '    TableSize: 64\n    table_t: fixed<10,1,RND,SAT>\n    Precision:\n      result: fixed<8,1>\n'));
    // 7 (0.4375) -> index 33, in_val 0.25: 0.25 / 1.25 = 0.2 -> float 0.20000000 -> 102.4 -> 102 -> F=7: 25.5 -> 25.
    // -5 -> index 31: -0.2 -> -102.4 -> AP_RND -102 -> -25.5 -> floor -26.   127 -> index 63, in_val 7.75:
    // 7.75 / 8.75 = 0.88571429 -> 453.49 -> 453 -> 113.25 -> 113.   -152 -> index 0, in_val -8: -8 / 9 -> -455.11 -> -455 -> -113.75 -> -114.
    expectRaws(softsign, [[7, -5, 127, -152]], [25, -26, 113, -114]);
    // softplus, table fixed<12,4,RND,SAT> (F=8), res fixed<10,4> (F=6).
    const softplus = convert(unary('Softplus', 4), config('fixed<10,6>', '    TableSize: 64\n    table_t: fixed<12,4,RND,SAT>\n    Precision:\n      result: fixed<10,4>\n'));
    // log(1 + e^0.25) = 0.82593942 -> 211.44 -> 211 -> F=6: 52.75 -> 52.  log(1 + e^-0.25) = 0.57593942 -> 147.44 -> 147 -> 36.
    // log(1 + e^7.75) = 7.7504305 -> 1984.11 -> 1984 -> 496.   log(1 + e^-8) = 0.00033541 -> 0.086 -> 0.
    expectRaws(softplus, [[7, -5, 127, -152]], [52, 36, 496, 0]);
  });

  it('elu: x >= 0 passes; else index = x * 64 / -8 (clamped above), res = alpha * entry with alpha a param_t', () => {
    // Table fixed<10,1,RND,SAT> (F=9): entry i = expf(-8 i / 64) - 1. alpha 0.5 as param_t = Model
    // fixed<16,6>: raw 512 at F=10. res fixed<10,2> (F=8, AP_TRN).
    const model = convert(unary('Elu', 4, { alpha: attribute.float(0.5) }), config('fixed<10,6>', '    TableSize: 64\n    table_t: fixed<10,1,RND,SAT>\n    Precision:\n      result: fixed<10,2>\n'));
    expect(layerOf(model, 'table_activation').alpha).toMatchObject({ raw: 512n });
    // 24 (1.5) >= 0 -> 384 at F=8.
    // -8 (-0.5): -8 * 64 = -512 at F=4, / -8 = 64 (4.0) -> index 4: e^-0.5 - 1 = -0.39346934 -> -201.46 -> AP_RND -201;
    //   512 * -201 at F=19 -> F=8: -50.25 -> floor -51.
    // -160 (-10): index 80 -> 63: e^-7.875 - 1 = -0.99962 -> -511.8 -> -512 -> 512 * -512 -> -0.5 -> -128.
    // -1 (-0.0625): -64 at F=4 / -8 = 8 (0.5) -> index 0: e^-0 - 1 = 0 -> 0.
    expectRaws(model, [[24, -8, -160, -1]], [384, -51, -128, 0]);
  });

  it('selu: x >= 0 -> lambda * x with lambda ap_ufixed<16,1> (raw 34429); else the table of 1.0507 * 1.6733 * (expf(x) - 1.)', () => {
    // Table fixed<10,1,RND,SAT> (F=9), res fixed<10,3> (F=7).
    const model = convert(unary('Selu', 4), config('fixed<10,6>', '    TableSize: 64\n    table_t: fixed<10,1,RND,SAT>\n    Precision:\n      result: fixed<10,3>\n'));
    // 24 (1.5): lambda = floor(1.0507009873554805 * 2^15) = 34429; 34429 * 24 at F=19 -> F=7: 201.73 -> 201.
    // -8: index 4: 1.0507010 * 1.6732632 * (e^-0.5 - 1) = -0.69175817 -> -354.18 -> -354 -> F=7: -88.5 -> -89.
    // -160: index 63 -> -1.7581 -> AP_SAT -512 (-1.0) -> -128.   0 -> lambda * 0 = 0.
    expectRaws(model, [[24, -8, -160, 0]], [201, -89, -128, 0]);
  });

  it('table entries come from glibc expf and tanhf, not from correctly rounded exp and tanh', () => {
    // glibc 2.36 on x86-64 (libm-float.ts). tanhf(0.625) is 0x3f0dfa48 = 0.55459976, one ulp above the
    // correctly rounded 0.55459970; expf(-2.6343741) is 0.071763873, one ulp above 0.071763866.
    expect([tanhf(0.625), Math.fround(Math.tanh(0.625))]).toEqual([0.5545997619628906, 0.5545997023582458]);
    expect([expf(Math.fround(-2.6343741416931152)), Math.fround(Math.exp(-2.6343741416931152))]).toEqual([0.07176387310028076, 0.07176386564970016]);
    // That ulp shows in a 24-bit table: tanh, TableSize 64, table fixed<24,2> (F=22, AP_TRN). 10 (0.625) ->
    // index 10 * 64 / 8 at F=4 = 5 -> 37, in_val 0.625: 0.55459976 * 2^22 = 2326160 exactly (the
    // correctly rounded value gives 2326159.75 -> 2326159).
    const model = convert(unary('Tanh', 1), config('fixed<10,6>', '    TableSize: 64\n    table_t: fixed<24,2>\n    Precision:\n      result: fixed<24,2>\n'));
    expectRaws(model, [[10]], [2326160]);
  });
});
