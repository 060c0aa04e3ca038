// Softmax, against vectors derived by hand from current hls4ml main (commit ef92ebdf): nnet_activation.h
// softmax_stable / softmax_latency / softmax_legacy / softmax_argmax (softmax_idx_from_real_val,
// softmax_real_val_from_idx, init_exp_table, init_invert_table, nnet_common.h reduce with Op_add /
// Op_max), core_templates.py SoftmaxConfigTemplate (exp_table_size, inp_norm_t, accum_t) and
// fix_softmax_table_size.py. Notation: "raw r at F" is r * 2^-F. exp and 1/x values were read off a
// calculator to 8 digits; the rounding is done by hand.
import { describe, expect, it } from 'vitest';
import { formatFixedType } from '@ngt/fxp';
import { GraphBuilder, attribute } from '../../models/onnx-writer/index.js';
import { convert, expectRaws, layerOf } from './nnet-vectors-harness.js';

function softmax(size: number): GraphBuilder {
  const b = new GraphBuilder('softmax');
  const x = b.input('x', [null, size]);
  b.output(b.node('Softmax', [x], { axis: attribute.int(1) }, { name: 'act' }), [null, size]);
  return b;
}

/** Model default fixed<16,6> (so accum_t, when the layer names none), the input type, the softmax's own entries. */
function config(input: string, layer: string, top = ''): string {
  return `${top}HLSConfig:\n  Model:\n    Precision: fixed<16,6>\n  LayerName:\n    x:\n      Precision:\n        result: ${input}\n    act:\n${layer}`;
}

describe('softmax_stable (the default)', () => {
  it('a 10-bit input: inp_norm_t ufixed<9,3>, a 512-entry exp table, accum_t the Model default, 1/x by the top 10 bits of inv_inp_t', () => {
    // x fixed<10,4> (F=6). Every other type is a default: exp_table_t, inv_table_t, inv_inp_t
    // ap_fixed<18,8,AP_RND,AP_SAT> (F=10); accum_t = Model fixed<16,6> (F=10, AP_TRN); result fixed<16,6>.
    // table_size 1024 (2^min(10, 18) is not smaller); exp_table_size = min(1024, 2^(10-1)) = 512, so the
    // index is all 9 bits of d = inp_norm_t(x_max - x_i), and exp_table[i] = exp(-i / 64).
    const model = convert(softmax(4), config('fixed<10,4>', '      Precision:\n        result: fixed<16,6>\n'));
    const layer = layerOf(model, 'softmax');
    expect([layer.tables.exp.length, layer.tables.invert.length]).toEqual([512, 1024]);
    expect([layer.normType, layer.accumType, layer.invInputType].map((type) => (type ? formatFixedType(type) : null))).toEqual(['ap_ufixed<9,3>', 'fixed<16,6>', 'fixed<18,8,RND,SAT>']);
    // x = [1.0, 0.5, -3.0, 1.0] -> raws [64, 32, -192, 64]; max 64; d = [0, 32, 256, 0] (0, 0.5, 4.0, 0).
    // exp(0) = 1 -> 1024 at F=10; exp(-0.5) = 0.60653066 -> 621.087 -> AP_RND 621; exp(-4) = 0.018315639 -> 18.755 -> 19.
    // exp_res in accum_t (F=10): the same raws. reduce of 4: (1024 + 621) + (19 + 1024) = 2688 (2.625).
    // exp_sum as inv_inp_t: 2688; its top 10 of 18 bits: 2688 >> 8 = 10, and entry 10 is the value of
    // pattern 10 << 8 = 2.5: 1 / 2.5 in float = 0.40000001 -> 409.600006 -> AP_RND 410.
    // res = exp_res * 410 at F=20 -> fixed<16,6> F=10, AP_TRN: 410; 621 * 410 / 1024 = 248.64 -> 248; 19 * 410 / 1024 = 7.6 -> 7; 410.
    expectRaws(model, [[64, 32, -192, 64]], [410, 248, 7, 410]);
  });

  it('x_max - x_i wraps in inp_norm_t (AP_WRAP) when the spread exceeds its range', () => {
    // x fixed<6,3> (F=3): inp_norm_t = ufixed<5,2> (F=3, [0, 3.875]); TableSize 64, exp_table_size =
    // min(64, 2^5) = 32 (shorter than table_size): the index is d's 5 bits, entry i = exp(-i / 8).
    // exp_table_t ufixed<8,1,RND,SAT> (F=7); accum_t ufixed<10,3> (F=7); inv_inp_t ufixed<6,3,RND,SAT> (F=3):
    // all 6 bits index the 1/x table, entry j = 1 / (j / 8); inv_table_t ufixed<8,4,RND,SAT> (F=4); res ufixed<8,0,RND,SAT> (F=8).
    const tables = '      exp_table_t: ufixed<8,1,RND,SAT>\n      inv_inp_t: ufixed<6,3,RND,SAT>\n      inv_table_t: ufixed<8,4,RND,SAT>\n';
    const model = convert(softmax(3), config('fixed<6,3>', `      TableSize: 64\n${tables}      Precision:\n        accum: ufixed<10,3>\n        result: ufixed<8,0,RND,SAT>\n`));
    expect(layerOf(model, 'softmax').tables.exp.length).toBe(32);
    // x = [3.5, -3.0, 3.0] -> raws [28, -24, 24]; max = max(max(28, -24), 24) = 28.
    // d = [0, 52 -> wraps to 52 - 32 = 20 (2.5, not 6.5), 4 (0.5)].
    // exp(0) -> 128; exp(-2.5) = 0.082084999 -> 10.507 -> 11; exp(-0.5) = 0.60653066 -> 77.636 -> 78.
    // reduce of 3: (128 + 11) + 78 = 217 (1.6953125) -> inv_inp_t F=3: 13.5625 -> AP_RND 14 (1.75);
    // entry 14 = 1 / 1.75 = 0.57142860 -> 9.1428 at F=4 -> 9.
    // res at F=11 -> F=8, AP_RND: 128 * 9 / 8 = 144; 11 * 9 / 8 = 12.375 -> 12; 78 * 9 / 8 = 87.75 -> 88.
    expectRaws(model, [[28, -24, 24]], [144, 12, 88]);
  });
});

describe('where table types come from', () => {
  it("table types written inside Precision are not read (as in hls4ml), and a note says which key is", () => {
    // hls4ml's Layer.__init__ copies an entry's *_t keys onto the layer; get_precision serves only
    // result/accum/weight/bias/param, so Precision: {exp_table: ...} leaves the default ap_fixed<18,8,AP_RND,AP_SAT>.
    const model = convert(softmax(2), config('fixed<10,4>', '      Precision:\n        exp_table: ufixed<8,1,RND,SAT>\n        accum: fixed<20,8>\n'));
    const layer = layerOf(model, 'softmax');
    expect([layer.expTableType, layer.accumType].map((type) => formatFixedType(type))).toEqual(['fixed<18,8,RND,SAT>', 'fixed<20,8>']);
    expect(model.notes).toContain("softmax.yaml: HLSConfig.LayerName.act.Precision.exp_table: hls4ml reads table types only from a 'exp_table_t' key of the layer's entry, not from Precision, so layer 'act' uses fixed<18,8,RND,SAT>");
    const keyed = convert(softmax(2), config('fixed<10,4>', '      exp_table_t: ufixed<8,1,RND,SAT>\n'));
    expect(formatFixedType(layerOf(keyed, 'softmax').expTableType)).toBe('ufixed<8,1,RND,SAT>');
    expect(keyed.notes).toEqual([]);
  });
});

describe('softmax_latency', () => {
  it('the exp table is addressed by x itself, and the sum saturates accum_t', () => {
    // x fixed<6,3> (F=3), TableSize 64 (= 2^6): the index is x's 6-bit pattern, entry i = exp(value of
    // pattern i as fixed<6,3>). exp_table_t and accum_t ufixed<8,3,RND,SAT> (F=5, up to 7.96875);
    // inv_inp_t ufixed<8,3,RND,SAT>: index = its top 6 bits = raw >> 2, entry j = 1 / (j / 8);
    // inv_table_t ufixed<10,4,RND,SAT> (F=6); res ufixed<8,0,RND,SAT> (F=8).
    const tables = '      exp_table_t: ufixed<8,3,RND,SAT>\n      inv_inp_t: ufixed<8,3,RND,SAT>\n      inv_table_t: ufixed<10,4,RND,SAT>\n';
    const model = convert(softmax(3), config('fixed<6,3>', `      Implementation: latency\n      TableSize: 64\n${tables}      Precision:\n        accum: ufixed<8,3,RND,SAT>\n        result: ufixed<8,0,RND,SAT>\n`));
    // x = [2.5, 2.0, 1.875] -> raws [20, 16, 15] = the indices.
    // exp(2.5) = 12.182494 -> 389.8 at F=5 -> AP_SAT 255; exp(2) = 7.3890561 -> 236.45 -> 236; exp(1.875) = 6.5208191 -> 208.67 -> 209.
    // reduce: (255 + 236 = 491 -> AP_SAT 255) + 209 -> AP_SAT 255 (7.96875); index 255 >> 2 = 63;
    // entry 63 = 1 / (63 / 8) = 0.12698413 -> 8.127 at F=6 -> 8.
    // res: 255 * 8 = 2040 at F=11 -> 255 at F=8; 236 * 8 -> 236; 209 * 8 -> 209 (they sum to more than 1: the saturation shows).
    expectRaws(model, [[20, 16, 15]], [255, 236, 209]);
  });

  it('an input narrower than the table index: hls4ml shrinks table_size to 2^8 and says so', () => {
    // x fixed<8,3> (F=5), TableSize 1024 by default: 2^min(8, 18) = 256 < 1024, so table_size 256 with
    // fix_softmax_table_size.py's warning. The exp index is x's whole 8-bit pattern; the 1/x index the
    // top 8 of inv_inp_t's 18 bits (raw >> 10), entry j = 1 / j. accum_t and res: Model fixed<16,6> (F=10).
    const model = convert(softmax(4), config('fixed<8,3>', '      Implementation: latency\n'));
    const layer = layerOf(model, 'softmax');
    expect([layer.tables.exp.length, layer.tables.invert.length]).toEqual([256, 256]);
    expect(model.notes).toContain("act: softmax table size 1024 is too large for the input's 8 bits; hls4ml sets it to 256");
    // x = [1.0, 0.0, -1.0, 0.5] -> raws [32, 0, -32 (pattern 224), 16].
    // exp(1) = 2.7182817 -> 2783.55 at F=10 -> AP_RND 2784; exp(0) -> 1024; exp(-1) = 0.36787944 -> 376.71 -> 377;
    // exp(0.5) = 1.6487213 -> 1688.29 -> 1688. reduce: (2784 + 1024) + (377 + 1688) = 5873 (5.735);
    // index 5873 >> 10 = 5: 1 / 5 in float = 0.2 -> 204.8 -> 205.
    // res F=20 -> F=10, AP_TRN: 2784 * 205 / 1024 = 557.3 -> 557; 205; 377 * 205 / 1024 = 75.5 -> 75; 1688 * 205 / 1024 = 337.9 -> 337.
    expectRaws(model, [[32, 0, -32, 16]], [557, 205, 75, 337]);
  });
});

describe('softmax_legacy and softmax_argmax', () => {
  it('legacy: nnet::activ_config tables (ap_fixed<18,8>, whatever Precision.table says), exp over [-8, 8), 1/x over [0, 64)', () => {
    // The softmax config template writes no table_t, so both tables are ap_fixed<18,8> (F=10, AP_TRN).
    // TableSize 64: exp entry ii = exp((ii - 32) / 4), invert entry ii = 1 / ii (0 for ii = 0). res ufixed<8,1> (F=7).
    const model = convert(softmax(2), config('fixed<6,3>', '      Implementation: legacy\n      TableSize: 64\n      table_t: fixed<10,4,RND,SAT>\n      Precision:\n        result: ufixed<8,1>\n'));
    expect(formatFixedType(layerOf(model, 'softmax').expTableType)).toBe('ap_fixed<18,8>');
    expect(model.notes.some((note) => note.includes("legacy tables are nnet::activ_config's ap_fixed<18,8>, not the configured fixed<10,4,RND,SAT>"))).toBe(true);
    // x = [1.0, 0.0] -> raws [8, 0] at F=3.
    // i=0: j=0 adds 1 (1024); j=1: (0 - 1.0) * 64 / 16 = -4 -> index 28 -> exp(-1) = 0.36787944 -> 376.7 -> AP_TRN 376.
    //   exp_res = 1400 (1.367) -> index trunc(1.367 * 64 / 64) = 1 -> 1 / 1 = 1024 -> res F=7: 128.
    // i=1: j=0: 1.0 * 64 / 16 = 4 -> index 36 -> exp(1) = 2.7182818 -> 2783.5 -> 2783; j=1: 1024. exp_res = 3807 (3.718)
    //   -> index 3 -> 1 / 3 = 0.33333333 -> 341.3 -> 341 -> res F=7: 42.6 -> 42.
    expectRaws(model, [[8, 0]], [128, 42]);
  });

  it('legacy in io_stream reads nnet::activ_config::table_size (1024) whatever the configuration says', () => {
    const model = convert(softmax(2), config('fixed<6,3>', '      Implementation: legacy\n      TableSize: 64\n', 'IOType: io_stream\n'));
    expect(layerOf(model, 'softmax').tables.exp.length).toBe(1024);
    expect(model.notes).toContain("act: the io_stream legacy softmax reads nnet::activ_config's table_size (1024), not 64");
  });

  it('argmax: res[idx] = 1 for the first strictly greatest input, 0 elsewhere', () => {
    const model = convert(softmax(4), config('fixed<6,3>', '      Implementation: argmax\n      Precision:\n        result: ufixed<8,1>\n'));
    // x = [0.5, 1.5, 1.5, -2.0]: data[2] > maximum is false at the tie, so idx = 1; (res_T) 1 = 128 at F=7.
    expectRaws(model, [[4, 12, 12, -16]], [0, 128, 0, 0]);
  });
});
