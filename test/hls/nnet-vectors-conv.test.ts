// Conv1D / Conv2D io_parallel, BatchNormalization and pooling, layer by layer against vectors derived by
// hand from hls4ml's Vivado nnet_utils:
//   nnet_conv1d_latency.h conv_1d_latency_cl / nnet_conv2d_latency.h conv_2d_latency_cl: per output pixel,
//     data_buf (fill_buffer: kernel positions row-major, channels innermost, 0 in the padding) times
//     weights[i_in * n_filt + i_out]; mult[] is accum_t, acc = (accum_t) bias, acc += mult[...] for i_in
//     ascending, res = (res_T) acc.
//   nnet_batchnorm.h normalize: res = product(data, scale) + bias, exact, cast once to res_T.
//   nnet_pooling.h pooling2d_cl / pooling1d_cl: max returns the largest input (as accum_t); avg sums into
//     accum_t (y += x[i], each add cast), then y /= patch_size (overlap_pixel, or the whole window with
//     count_pad), an ap_fixed division by an unsigned truncating toward zero; res = (res_T) result.
// ONNX models are channels-first; ngt works channels-last and the transposes it adds only copy raws.
// Notation: "raw r at F" is r * 2^-F.
import { describe, expect, it } from 'vitest';
import { attribute, float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { convert, expectRaws, layerOf } from './nnet-vectors-harness.js';

function config(input: string, name: string, precision: Record<string, string>): string {
  const lines = Object.entries(precision).map(([key, value]) => `      ${key}: ${value}\n`).join('');
  return `Model:\n  Precision: fixed<16,6>\nLayerName:\n  x:\n    Precision:\n      result: ${input}\n  ${name}:\n    Precision:\n${lines}`;
}

describe('Conv1D io_parallel (nnet_conv1d_latency.h conv_1d_latency_cl)', () => {
  // x [C=2, W=4] fixed<8,4> (F=4); one filter, kernel 2, pad_left 1, pad_right 0, stride 1 -> out_width 4.
  // weight fixed<8,2> (F=6): W[c][k] = c0 [0.5, -1.0] -> [32, -64], c1 [1.0, 0.25] -> [64, 16]; bias 0.5 (fixed<8,4>).
  // accum fixed<6,2> (F=4, AP_WRAP, raws [-32, 31]); result ap_fixed<6,3,AP_RND,AP_SAT> (F=3).
  const b = new GraphBuilder('conv1d');
  const x = b.input('x', [null, 2, 4]);
  b.output(b.node('Conv', [x, b.initializer('w', float32Tensor([1, 2, 2], [0.5, -1.0, 1.0, 0.25])), b.initializer('b', float32Tensor([1], [0.5]))], { pads: [1, 0] }, { name: 'conv' }), [null, 1, 4]);
  const model = convert(b, config('fixed<8,4>', 'conv', { weight: 'fixed<8,2>', bias: 'fixed<8,4>', accum: 'fixed<6,2>', result: 'ap_fixed<6,3,AP_RND,AP_SAT>' }));

  it('lays the ONNX weights out as [filt_width][n_chan][n_filt]', () => {
    // k=0: c0 0.5, c1 1.0; k=1: c0 -1.0, c1 0.25 -> raws at F=6.
    expect(layerOf(model, 'conv').weights.map(Number)).toEqual([32, 64, -64, 16]);
  });

  it('accumulates im2col order (k, then c), pads with zeros, wraps accum_t and rounds res_T', () => {
    // x: c0 = [1.0, 0.5, -0.75, -2.0] -> [16, 8, -12, -32]; c1 = [0.25, -1.0, 1.9375, 0.0625] -> [4, -16, 31, 1].
    // Products at F=10, cast to accum F=4 by floor(p / 64); acc starts at (accum_t) 0.5 = 8.
    // p=0: k=0 is padding (data_buf 0, adds 0); k=1 (w=0): c0 16*-64 = -1024 -> -16, c1 4*16 = 64 -> 1.
    //      acc 8 -> -8 -> -7 (-0.4375) -> res F=3: -3.5, AP_RND (half toward +inf) -> -3.
    // p=1: k=0 (w=0): 16*32 = 512 -> 8, 4*64 = 256 -> 4; k=1 (w=1): 8*-64 = -512 -> -8, -16*16 = -256 -> -4.
    //      acc 8 -> 16 -> 20 -> 12 -> 8 (0.5) -> res 4.
    // p=2: k=0 (w=1): 8*32 = 256 -> 4, -16*64 = -1024 -> -16; k=1 (w=2): -12*-64 = 768 -> 12, 31*16 = 496 -> floor(7.75) = 7.
    //      acc 8 -> 12 -> -4 -> 8 -> 15 (0.9375) -> res 7.5 -> AP_RND 8.
    // p=3: k=0 (w=2): -12*32 = -384 -> -6, 31*64 = 1984 -> 31; k=1 (w=3): -32*-64 = 2048 -> 32, which (accum_t) wraps
    //      to -32; 1*16 = 16 -> floor(0.25) = 0. acc 8 -> 2 -> 33 wraps to -31 -> -63 wraps to 1 -> 1.
    //      (The exact sum 65/16 = 4.0625 does not fit fixed<6,2>; modulo 64 it is 1.) res: 0.5 -> AP_RND 1.
    expectRaws(model, [[16, 8, -12, -32, 4, -16, 31, 1]], [-3, 4, 8, 1]);
  });
});

describe('Conv2D io_parallel (nnet_conv2d_latency.h conv_2d_latency_cl)', () => {
  // x [C=1, 3, 3] fixed<8,4> (F=4); one filter 2x2, stride 1, no padding -> 2x2 out.
  // W[kh][kw] = [[1.0, 1.25], [-1.25, 0.015625]] -> raws at F=6 [[64, 80], [-80, 1]]; bias -0.5.
  // accum ap_fixed<6,3,AP_TRN,AP_SAT> (F=3, raws [-32, 31]): the order of the kernel positions shows.
  // result fixed<8,4> (F=4, exact from F=3).
  const b = new GraphBuilder('conv2d');
  const x = b.input('x', [null, 1, 3, 3]);
  b.output(b.node('Conv', [x, b.initializer('w', float32Tensor([1, 1, 2, 2], [1.0, 1.25, -1.25, 0.015625])), b.initializer('b', float32Tensor([1], [-0.5]))], {}, { name: 'conv' }), [null, 1, 2, 2]);
  const model = convert(b, config('fixed<8,4>', 'conv', { weight: 'fixed<8,2>', bias: 'fixed<8,4>', accum: 'ap_fixed<6,3,AP_TRN,AP_SAT>', result: 'fixed<8,4>' }));

  it('accumulates the kernel row-major, saturating accum_t between terms', () => {
    // X = [[2.0, 2.0, -1.0], [1.0, 3.0, 0.5], [-2.0, 0.25, 1.0]] -> raws [[32, 32, -16], [16, 48, 8], [-32, 4, 16]].
    // Products at F=10 cast to F=3: floor(x * w / 128). acc starts at (accum_t) -0.5 = -4.
    // (0,0): 32*64 -> 16; 32*80 = 2560 -> 20; 16*-80 = -1280 -> -10; 48*1 = 48 -> 0.
    //        acc -4 -> 12 -> 32 -> AP_SAT 31 -> 21 -> 21 (2.625) -> res 42. (Column-major order would give 22 -> 44.)
    // (0,1): 32*64 -> 16; -16*80 = -1280 -> -10; 48*-80 = -3840 -> -30; 8*1 -> 0.   acc -4 -> 12 -> 2 -> -28 -> -28 -> res -56.
    // (1,0): 16*64 -> 8; 48*80 = 3840 -> 30; -32*-80 = 2560 -> 20; 4*1 -> 0.      acc -4 -> 4 -> 34 -> 31 -> 51 -> 31 -> 31 -> res 62.
    // (1,1): 48*64 -> 24; 8*80 = 640 -> 5; 4*-80 = -320 -> floor(-2.5) = -3; 16*1 = 16 -> 0.  acc -4 -> 20 -> 25 -> 22 -> 22 -> res 44.
    expectRaws(model, [[32, 32, -16, 16, 48, 8, -32, 4, 16]], [42, -56, 62, 44]);
  });
});

describe('BatchNormalization (nnet_batchnorm.h normalize)', () => {
  // gamma = [0.75, 1.5, -0.75], beta = [0.25, -0.5, 0.75], mean 0, var 1, epsilon 0: scale = gamma, bias = beta.
  // x fixed<8,4> (F=4); scale fixed<8,3> (F=5) -> [24, 48, -24]; bias fixed<6,4> (F=2) -> [1, -2, 3];
  // result ap_fixed<6,3,AP_RND_ZERO,AP_SAT_SYM> (F=3, raws [-31, 31]). x * scale is exact at F=9.
  const b = new GraphBuilder('batchnorm');
  const x = b.input('x', [null, 3]);
  const c = (name: string, values: number[]) => b.initializer(name, float32Tensor([3], values));
  b.output(b.node('BatchNormalization', [x, c('g', [0.75, 1.5, -0.75]), c('o', [0.25, -0.5, 0.75]), c('m', [0, 0, 0]), c('v', [1, 1, 1])], { epsilon: attribute.float(0) }, { name: 'bn' }), [null, 3]);
  const model = convert(b, config('fixed<8,4>', 'bn', { scale: 'fixed<8,3>', bias: 'fixed<6,4>', result: 'ap_fixed<6,3,AP_RND_ZERO,AP_SAT_SYM>' }));

  it('adds the exact product and the bias, then casts once (round half toward zero, symmetric saturation)', () => {
    const layer = layerOf(model, 'batch_norm');
    expect([layer.scale.map(Number), layer.bias.map(Number)]).toEqual([[24, 48, -24], [1, -2, 3]]);
    // c0: x 1.25 (20): 20*24 = 480 at F=9 (0.9375) + 0.25 (128 at F=9) = 608 (1.1875) -> F=3: 9.5, a tie -> AP_RND_ZERO 9.
    //     (AP_RND would give 10.)
    // c1: x -3.5 (-56): -56*48 = -2688 (-5.25) + -0.5 (-256) = -2944 (-5.75) -> -46 -> AP_SAT_SYM -31 (AP_SAT: -32).
    // c2: x 2.25 (36): 36*-24 = -864 (-1.6875) + 0.75 (384) = -480 (-0.9375) -> -7.5, a tie -> toward zero: -7.
    expectRaws(model, [[20, -56, 36]], [9, -31, -7]);
  });
});

describe('Pooling (nnet_pooling.h pooling2d_cl, pooling1d_cl)', () => {
  it('max: the largest input of each window, cast to res_T (saturating)', () => {
    const b = new GraphBuilder('maxpool');
    const x = b.input('x', [null, 1, 2, 4]);
    b.output(b.node('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] }, { name: 'pool' }), [null, 1, 1, 2]);
    // x fixed<8,4>; accum fixed<8,4>; result ap_fixed<6,2,AP_TRN,AP_SAT> (F=4, raws [-32, 31]).
    const model = convert(b, config('fixed<8,4>', 'pool', { accum: 'fixed<8,4>', result: 'ap_fixed<6,2,AP_TRN,AP_SAT>' }));
    // rows [-1.0, -2.0, 3.0, 2.5] and [-0.5, -3.0, 1.25, 7.5] -> raws [-16, -32, 48, 40], [-8, -48, 20, 120].
    // window 0 = {-16, -32, -8, -48}: max -8 (-0.5) -> -8.  window 1 = {48, 40, 20, 120}: max 120 (7.5) -> AP_SAT 31 (1.9375).
    expectRaws(model, [[-16, -32, 48, 40, -8, -48, 20, 120]], [-8, 31]);
  });

  // 1D average, kernel 2 = stride 2, pad_left 1: windows {pad, x0} and {x1, x2}.
  // x fixed<8,4> (F=4); accum fixed<8,4> (F=4, AP_WRAP, raws [-128, 127]); result fixed<8,4>.
  function averagePool(countIncludePad: number) {
    const b = new GraphBuilder('avgpool');
    const x = b.input('x', [null, 1, 3]);
    b.output(b.node('AveragePool', [x], { kernel_shape: [2], strides: [2], pads: [1, 0], count_include_pad: countIncludePad }, { name: 'pool' }), [null, 1, 2]);
    return convert(b, config('fixed<8,4>', 'pool', { accum: 'fixed<8,4>', result: 'fixed<8,4>' }));
  }
  // x = [-1.1875, 5.0, 4.0] -> raws [-19, 80, 64].
  // window 1: y = 0 + 80 = 80; 80 + 64 = 144 > 127 -> AP_WRAP -112 (-7.0); y /= 2 -> -56 (-3.5). (The true mean is 4.5.)

  it('average without count_pad: divides by the pixels inside the image', () => {
    // window 0: pool = {pad_val = 0, -19}, overlap_pixel = 1: y = 0 + 0 + -19 = -19; y /= 1 -> -19.
    expectRaws(averagePool(0), [[-19, 80, 64]], [-19, -56]);
  });

  it('average with count_pad: divides by the whole window, truncating toward zero', () => {
    // window 0: y = -19; y /= 2 -> -9.5 at F=4 truncated toward zero -> -9 (-0.5625); floor would give -10.
    expectRaws(averagePool(1), [[-19, 80, 64]], [-9, -56]);
  });
});

describe('Add, Concatenate, Flatten (nnet_merge.h add, concatenate1d; reshape passes the array through)', () => {
  it('add: res = (res_T)(data1 + data2), the sum exact; round half toward minus infinity, saturate', () => {
    const b = new GraphBuilder('add');
    b.output(b.node('Add', [b.input('a', [null, 3]), b.input('b', [null, 3])], {}, { name: 'add' }), [null, 3]);
    // a fixed<8,4> (F=4); b fixed<6,1> (F=5); result ap_fixed<6,3,AP_RND_MIN_INF,AP_SAT> (F=3, raws [-32, 31]).
    const model = convert(b, `Model:\n  Precision: fixed<16,6>\nLayerName:\n  a:\n    Precision:\n      result: fixed<8,4>\n  b:\n    Precision:\n      result: fixed<6,1>\n  add:\n    Precision:\n      result: ap_fixed<6,3,AP_RND_MIN_INF,AP_SAT>\n`);
    // a = [1.25, -3.0, 7.5] -> [20, -48, 120]; b = [0.1875, -0.0625, 0.96875] -> [6, -2, 31].
    // sums at F=5: 40 + 6 = 46 (1.4375) -> F=3: 11.5, a tie -> toward minus infinity: 11 (AP_RND: 12).
    //              -96 - 2 = -98 (-3.0625) -> -24.5 -> -25.      240 + 31 = 271 (8.46875) -> 67.75 -> 68 -> AP_SAT 31.
    expectRaws(model, [[20, -48, 120], [6, -2, 31]], [11, -25, 31]);
  });

  it('concatenate: data1 then data2, each cast to res_T', () => {
    const b = new GraphBuilder('concat');
    b.output(b.node('Concat', [b.input('a', [null, 2]), b.input('b', [null, 3])], { axis: 1 }, { name: 'cat' }), [null, 5]);
    // a fixed<8,4> (F=4); b fixed<8,2> (F=6); result ap_fixed<6,3,AP_RND,AP_SAT> (F=3).
    const model = convert(b, `Model:\n  Precision: fixed<16,6>\nLayerName:\n  a:\n    Precision:\n      result: fixed<8,4>\n  b:\n    Precision:\n      result: fixed<8,2>\n  cat:\n    Precision:\n      result: ap_fixed<6,3,AP_RND,AP_SAT>\n`);
    // a = [20 (1.25), -19 (-1.1875)] -> F=3: 10 (exact), -9.5 -> AP_RND (half toward +inf) -9.
    // b = [-1 (-0.015625), 127 (1.984375), 36 (0.5625)] -> F=3: -0.125 -> 0; 15.875 -> 16; 4.5 -> 5.
    expectRaws(model, [[20, -19], [-1, 127, 36]], [10, -9, 0, 16, 5]);
  });

  it('flatten: the same raws in the same order, in the input type', () => {
    const b = new GraphBuilder('flatten');
    b.output(b.node('Flatten', [b.input('x', [null, 2, 2])], { axis: 1 }, { name: 'flat' }), [null, 4]);
    const model = convert(b, `Model:\n  Precision: ap_fixed<8,4,AP_RND,AP_SAT>\n`);
    const layer = layerOf(model, 'reshape');
    expect(model.tensors.get(layer.output)?.type).toEqual(model.tensors.get('x')?.type);
    expectRaws(model, [[1, -2, 127, -128]], [1, -2, 127, -128]);
  });
});
