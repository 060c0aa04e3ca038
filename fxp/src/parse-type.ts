import { FixedTypeError } from './errors.js';
import { fixedType, integerType, type FixedType } from './fixed-type.js';
import { isOverflowMode, isQuantizationMode, overflowModes, quantizationModes } from './modes.js';

/** Type names users write: Xilinx's, and hls4ml's precision strings (hls4ml/model/types.py). */
const families = {
  ap_fixed: { signed: true, integer: false, spelling: 'ap' },
  ap_ufixed: { signed: false, integer: false, spelling: 'ap' },
  ap_int: { signed: true, integer: true, spelling: 'ap' },
  ap_uint: { signed: false, integer: true, spelling: 'ap' },
  fixed: { signed: true, integer: false, spelling: 'hls4ml' },
  ufixed: { signed: false, integer: false, spelling: 'hls4ml' },
  int: { signed: true, integer: true, spelling: 'hls4ml' },
  uint: { signed: false, integer: true, spelling: 'hls4ml' },
} as const;
type Family = keyof typeof families;

const shape = /^\s*([A-Za-z_]+)\s*<([^<>]*)>\s*$/;

/**
 * Parses 'ap_fixed<16,6,AP_RND,AP_SAT>', 'ap_ufixed<8,0>', 'ap_int<8>', 'ap_uint<4>', or hls4ml's
 * 'fixed<16,6,RND,SAT>', 'ufixed<...>', 'int<8>', 'uint<8>'. Modes may be written with or without the
 * AP_ prefix in either spelling (hls4ml strips it too). Errors quote the text and say what is wrong.
 */
export function parseFixedType(text: string): FixedType {
  if (typeof text !== 'string') {
    throw new FixedTypeError(`a fixed-point type must be a string such as 'ap_fixed<16,6>', not ${typeof text}`);
  }
  const match = shape.exec(text);
  const familyName = match?.[1];
  if (!match || familyName === undefined || !(familyName in families)) {
    throw new FixedTypeError(
      `'${text}' is not a fixed-point type: it must look like ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<...>, ap_int<W>, ap_uint<W>, or hls4ml's fixed<W,I[,RND[,SAT[,N]]]>, ufixed<...>, int<W>, uint<W>`,
    );
  }
  const family = families[familyName as Family];
  const parameters = (match[2] ?? '').split(',').map((part) => part.trim());
  if (family.integer) {
    if (parameters.length !== 1) {
      throw new FixedTypeError(`'${text}': ${familyName} takes exactly one parameter <W>, not ${parameters.length}`);
    }
    return integerType(parseInteger(parameters[0], 'width W', text), family.signed, family.spelling);
  }
  if (parameters.length < 2 || parameters.length > 5) {
    throw new FixedTypeError(
      `'${text}': ${familyName} takes 2 to 5 parameters <W,I[,Q[,O[,N]]]>, not ${parameters.length}`,
    );
  }
  const [widthText, intText, quantizationText, overflowText, saturationText] = parameters;
  return fixedType(
    parseInteger(widthText, 'width W', text),
    parseInteger(intText, 'integer bits I', text),
    {
      signed: family.signed,
      spelling: family.spelling,
      quantization: quantizationText === undefined ? 'AP_TRN' : parseQuantization(quantizationText, text),
      overflow: overflowText === undefined ? 'AP_WRAP' : parseOverflow(overflowText, text),
      saturationBits: saturationText === undefined ? 0 : parseInteger(saturationText, 'saturation bits N', text),
    },
    `'${text}'`,
  );
}

/**
 * The shortest text that parses back to the same type, in the spelling it was written in: trailing
 * default modes (AP_TRN, AP_WRAP, N = 0) are left out.
 */
export function formatFixedType(type: FixedType): string {
  const hls4ml = type.spelling === 'hls4ml';
  if (type.integer) {
    return `${hls4ml ? '' : 'ap_'}${type.signed ? 'int' : 'uint'}<${type.width}>`;
  }
  const name = `${hls4ml ? '' : 'ap_'}${type.signed ? '' : 'u'}fixed`;
  const mode = (m: string): string => (hls4ml ? m.slice(3) : m);
  const parameters: string[] = [String(type.width), String(type.intBits)];
  const tail = [mode(type.quantization), mode(type.overflow), String(type.saturationBits)];
  const defaults = [mode('AP_TRN'), mode('AP_WRAP'), '0'];
  let keep = tail.length;
  while (keep > 0 && tail[keep - 1] === defaults[keep - 1]) keep -= 1;
  parameters.push(...tail.slice(0, keep));
  return `${name}<${parameters.join(',')}>`;
}

function parseInteger(part: string | undefined, what: string, text: string): number {
  if (part === undefined || !/^[+-]?\d+$/.test(part)) {
    throw new FixedTypeError(`'${text}': ${what} must be an integer, not '${part ?? ''}'`);
  }
  return Number(part);
}

function withPrefix(mode: string): string {
  return mode.startsWith('AP_') ? mode : `AP_${mode}`;
}

function parseQuantization(part: string, text: string) {
  const mode = withPrefix(part);
  if (!isQuantizationMode(mode)) {
    throw new FixedTypeError(
      `'${text}': quantization mode must be one of ${quantizationModes.join(', ')} (AP_ optional), not '${part}'`,
    );
  }
  return mode;
}

function parseOverflow(part: string, text: string) {
  const mode = withPrefix(part);
  if (!isOverflowMode(mode)) {
    throw new FixedTypeError(
      `'${text}': overflow mode must be one of ${overflowModes.join(', ')} (AP_ optional), not '${part}'`,
    );
  }
  return mode;
}
