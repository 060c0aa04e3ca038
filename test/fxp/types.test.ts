import { describe, expect, it } from 'vitest';
import { FixedTypeError, FixedValueError, Fixed, formatFixedType, parseFixedType } from '@ngt/fxp';

describe('parseFixedType', () => {
  it('reads every spelling with its defaults', () => {
    expect(parseFixedType('ap_fixed<16,6>')).toMatchObject({ signed: true, width: 16, intBits: 6, quantization: 'AP_TRN', overflow: 'AP_WRAP', saturationBits: 0 });
    expect(parseFixedType(' ap_ufixed< 8 , -2 , AP_RND_CONV , AP_SAT_SYM > ')).toMatchObject({ signed: false, width: 8, intBits: -2, quantization: 'AP_RND_CONV', overflow: 'AP_SAT_SYM' });
    expect(parseFixedType('fixed<16,6,RND,SAT>')).toMatchObject({ signed: true, quantization: 'AP_RND', overflow: 'AP_SAT', spelling: 'hls4ml' });
    expect(parseFixedType('fixed<18,8,AP_RND,AP_SAT,2>')).toMatchObject({ quantization: 'AP_RND', overflow: 'AP_SAT', saturationBits: 2 });
    expect(parseFixedType('ap_int<8>')).toMatchObject({ signed: true, width: 8, intBits: 8, integer: true });
    expect(parseFixedType('uint<3>')).toMatchObject({ signed: false, width: 3, intBits: 3, integer: true, spelling: 'hls4ml' });
    expect(parseFixedType('ap_fixed<1024,3>').width).toBe(1024);
  });

  it('formats the shortest text that round-trips', () => {
    const texts = ['ap_fixed<16,6>', 'ap_ufixed<8,0,AP_RND>', 'ap_fixed<8,3,AP_TRN,AP_SAT>', 'ap_fixed<8,3,AP_TRN,AP_WRAP,2>', 'fixed<16,6,RND_CONV,SAT_SYM>', 'ufixed<4,9>', 'int<8>', 'ap_uint<12>'];
    for (const text of texts) expect(formatFixedType(parseFixedType(text))).toBe(text);
    expect(formatFixedType(parseFixedType('ap_fixed<16,6,AP_TRN,AP_WRAP,0>'))).toBe('ap_fixed<16,6>');
    expect(formatFixedType(parseFixedType('fixed<16,6,AP_RND>'))).toBe('fixed<16,6,RND>');
  });

  it('rejects malformed text with a typed error quoting it', () => {
    const cases: Array<[string, string]> = [
      ['ap_fixed<0,3>', "'ap_fixed<0,3>': width W must be an integer from 1 to 4096, not 0"],
      ['ap_fixed<8>', "'ap_fixed<8>': ap_fixed takes 2 to 5 parameters <W,I[,Q[,O[,N]]]>, not 1"],
      ['ap_fixed<8,3,AP_ROUND>', "'ap_fixed<8,3,AP_ROUND>': quantization mode must be one of AP_TRN, AP_TRN_ZERO, AP_RND, AP_RND_ZERO, AP_RND_MIN_INF, AP_RND_INF, AP_RND_CONV (AP_ optional), not 'AP_ROUND'"],
      ['ap_fixed<8,3,AP_RND,CLAMP>', "'ap_fixed<8,3,AP_RND,CLAMP>': overflow mode must be one of AP_WRAP, AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP_SM (AP_ optional), not 'CLAMP'"],
      ['ap_fixed<8,x>', "'ap_fixed<8,x>': integer bits I must be an integer, not 'x'"],
      ['ap_fixed<8,3,AP_RND,AP_WRAP,9>', "'ap_fixed<8,3,AP_RND,AP_WRAP,9>': saturation bits N must be an integer from 0 to W=8, not 9"],
      ['ap_ufixed<8,3,AP_RND,AP_WRAP_SM>', "'ap_ufixed<8,3,AP_RND,AP_WRAP_SM>': AP_WRAP_SM needs a signed type, not an unsigned one"],
      ['ap_int<8,3>', "'ap_int<8,3>': ap_int takes exactly one parameter <W>, not 2"],
      ['float32', "'float32' is not a fixed-point type: it must look like ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<...>, ap_int<W>, ap_uint<W>, or hls4ml's fixed<W,I[,RND[,SAT[,N]]]>, ufixed<...>, int<W>, uint<W>"],
    ];
    for (const [text, message] of cases) {
      let caught: unknown;
      try {
        parseFixedType(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(FixedTypeError);
      expect((caught as FixedTypeError).message).toBe(message);
      expect((caught as FixedTypeError).code).toBe('FIXED_TYPE');
      expect((caught as FixedTypeError).exitCode).toBe(2);
    }
  });
});

describe('values that cannot become fixed-point', () => {
  it('NaN, infinities, malformed decimals and out-of-range raws are FixedValueErrors', () => {
    expect(() => Fixed.fromNumber(NaN, 'ap_fixed<8,3>')).toThrow(new FixedValueError('value must be a finite number to become fixed-point, not NaN'));
    expect(() => Fixed.fromNumber(-Infinity, 'ap_fixed<8,3>')).toThrow(FixedValueError);
    expect(() => Fixed.fromString('1.2.3', 'ap_fixed<8,3>')).toThrow(new FixedValueError("'1.2.3' must be a decimal number such as '-0.125' or '1e-3'"));
    expect(() => Fixed.fromRaw(128n, 'ap_fixed<8,3>')).toThrow(new FixedValueError('raw value for ap_fixed<8,3> must be a bigint from -128 to 127, not 128'));
    expect(() => Fixed.fromBits(256n, 'ap_fixed<8,3>')).toThrow(FixedValueError);
  });
  it('fromBits reads two\'s complement; bits gives the pattern back', () => {
    const x = Fixed.fromBits(0xffn, 'ap_fixed<8,3>');
    expect([x.raw, x.toString(), x.bits]).toEqual([-1n, '-0.03125', 0xffn]);
  });
});
