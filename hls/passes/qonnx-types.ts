// QONNX Quant to ap_fixed as hls4ml maps it (hls4ml/model/optimizer/passes/quant_opt.py,
// _calculate_precision_quantizer): rounding ROUND -> AP_RND_CONV (half to even), FLOOR -> AP_TRN;
// narrow -> AP_SAT_SYM, else AP_SAT; narrow needs a signed quantizer. With zero point 0 and a
// power-of-two scale 2^e, Quant(b bits) is exactly ap_fixed<b, b + e> (ap_ufixed when unsigned).
import { fixedType, type FixedType } from '@ngt/fxp';
import type { LayerOf } from '../../models/index.js';
import { QuantizationError } from '../errors.js';

export function quantizerType(layer: LayerOf<'quant'>, bitWidth: number, exponent: number, source: string): FixedType {
  const where = `${source}: node '${layer.name}'`;
  if (layer.rounding !== 'ROUND' && layer.rounding !== 'FLOOR') {
    throw new QuantizationError(`${where}: Quant rounding_mode must be ROUND or FLOOR (the modes hls4ml maps to ap_fixed), not ${layer.rounding}`);
  }
  if (layer.narrow && !layer.signed) {
    throw new QuantizationError(`${where}: a narrow Quant must be signed (hls4ml supports narrow only for signed), not unsigned`);
  }
  if (!Number.isInteger(bitWidth) || bitWidth < 1) {
    throw new QuantizationError(`${where}: Quant bit width must be a positive integer, not ${bitWidth}`);
  }
  return fixedType(bitWidth, bitWidth + exponent, {
    signed: layer.signed,
    quantization: layer.rounding === 'ROUND' ? 'AP_RND_CONV' : 'AP_TRN',
    overflow: layer.narrow ? 'AP_SAT_SYM' : 'AP_SAT',
  });
}

/** log2 of a scale when every value is the same power of two, else null. */
export function powerOfTwoExponent(values: ArrayLike<number>): number | null {
  const first = values[0];
  if (first === undefined || !(first > 0)) return null;
  const exponent = Math.log2(first);
  if (!Number.isInteger(exponent)) return null;
  for (let i = 0; i < values.length; i++) if (values[i] !== first) return null;
  return exponent;
}
