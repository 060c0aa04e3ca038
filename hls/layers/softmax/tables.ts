// Softmax table sizes, types and contents as current hls4ml main generates them (commit ef92ebdf,
// 2026-06-10):
// - backends/fpga/passes/fix_softmax_table_size.py: table_size shrinks to 2^min(input width,
//   inv_table_t width) when that is smaller, with a warning per cause.
// - backends/vivado/passes/core_templates.py SoftmaxConfigTemplate: exp_table_size and inv_table_size
//   are that table_size; 'stable' derives inp_norm_t = ap_ufixed<W - s, I - s> from the input type
//   (s = 1 when signed) unless one is configured, and then caps exp_table_size at 2^(W - 1) for a
//   signed input. exp_scale is 1. The template writes no table_t or table_size, so 'legacy' reads
//   nnet::activ_config's ap_fixed<18,8> and (io_stream, nnet_activation_stream.h) its 1024.
// - templates/vivado/nnet_utils/nnet_activation.h init_exp_table / init_invert_table: entry i is the
//   value of the address type with i in its top ceillog2(size) bits (softmax_real_val_from_idx, exact
//   in float), exp taken in float by expf (negated for 'stable'), 1/x as a float division (IEEE, so
//   Math.fround of the double quotient of two floats is the same: double rounding of a division is
//   innocuous when 53 >= 2 * 24 + 2), then cast to the table type as ap_fixed's float constructor does.
//   init_exp_table_legacy / init_invert_table_legacy: exp over [-8, 8), 1/x over [0, 64), in double.
import { fixedType, fractionBits, rawToNumber, type FixedType } from '@ngt/fxp';
import type { IoType, SoftmaxImplementation } from '../../config/types.js';
import { HlsConfigValueError } from '../../errors.js';
import type { SoftmaxTables } from '../../ir/hardware.js';
import { quantizeDouble } from '../shared/precision.js';
import { hlsCeilLog2, topBitsValue } from '../shared/fixed-math.js';
import { expf } from '../shared/libm-float.js';

/** nnet::activ_config's table_t: what softmax_legacy's tables are, whatever the configuration says. */
export const LEGACY_TABLE_TYPE: FixedType = fixedType(18, 8);
/** nnet::activ_config's table_size, which the io_stream softmax_legacy reads. */
const ACTIV_CONFIG_TABLE_SIZE = 1024;

export interface SoftmaxSizes {
  readonly exp: number;
  readonly invert: number;
  /** stable: the type x_max - x_i is held in (inp_norm_t). */
  readonly normType: FixedType | null;
  /** hls4ml's warnings, for the report. */
  readonly warnings: readonly string[];
}

export interface SizeQuestion {
  readonly name: string;
  readonly implementation: SoftmaxImplementation;
  readonly ioType: IoType;
  readonly input: FixedType;
  readonly invTableType: FixedType;
  readonly tableSize: number;
  /** A configured inp_norm_t, or null to derive it as the template does. */
  readonly normType: FixedType | null;
}

export function softmaxSizes(question: SizeQuestion): SoftmaxSizes {
  const { name, implementation, input, invTableType } = question;
  const warnings: string[] = [];
  let size = question.tableSize;
  const bits = Math.min(input.width, invTableType.width);
  if (2 ** bits < size) {
    // fix_softmax_table_size.py (not on the Quartus backend's extra bit: this is Vivado/Vitis).
    if (2 ** input.width < size) warnings.push(`${name}: softmax table size ${size} is too large for the input's ${input.width} bits; hls4ml sets it to ${2 ** bits}`);
    if (2 ** invTableType.width < size) warnings.push(`${name}: softmax table size ${size} is too large for inv_table_t's ${invTableType.width} bits; hls4ml sets it to ${2 ** bits}`);
    size = 2 ** bits;
  }
  if (implementation === 'legacy' && question.ioType === 'io_stream') {
    if (size !== ACTIV_CONFIG_TABLE_SIZE) warnings.push(`${name}: the io_stream legacy softmax reads nnet::activ_config's table_size (${ACTIV_CONFIG_TABLE_SIZE}), not ${size}`);
    return { exp: ACTIV_CONFIG_TABLE_SIZE, invert: ACTIV_CONFIG_TABLE_SIZE, normType: null, warnings };
  }
  if (implementation !== 'stable') return { exp: size, invert: size, normType: null, warnings };
  if (question.normType) return { exp: size, invert: size, normType: question.normType, warnings };
  const signed = input.signed ? 1 : 0;
  const width = input.width - signed;
  if (width < 1) throw new HlsConfigValueError(`layer '${name}': a stable softmax's input must have at least 2 bits (its x_max - x_i type is ap_ufixed<W-1, I-1>), not ${input.width}`);
  const normType = fixedType(width, input.intBits - signed, { signed: false });
  return { exp: input.signed ? Math.min(size, 2 ** width) : size, invert: size, normType, warnings };
}

/** softmax_real_val_from_idx: the address type's value with `index` in its top bits, as a float. */
function addressValue(index: number, bits: number, type: FixedType): number {
  return Math.fround(rawToNumber(topBitsValue(index, bits, type), fractionBits(type)));
}

/** ceillog2(size) address bits that reach exactly `size` entries, from an address type wide enough. */
export function checkAddress(name: string, size: number, address: FixedType, what: string): number {
  const bits = hlsCeilLog2(size);
  // softmax_idx_from_real_val reads ceillog2(size) bits: any other size reads past the table's end
  // (undefined in hls4ml's C++), so ngt asks for a size the index covers exactly.
  if (size !== 2 ** bits) throw new HlsConfigValueError(`layer '${name}': the softmax ${what} table size must be a power of two from 2 up (its index is the top ceillog2(size) bits), not ${size}`);
  if (address.width < bits) throw new HlsConfigValueError(`layer '${name}': the softmax ${what} table's address type must have at least ${bits} bits to address ${size} entries, not ${address.width}`);
  return bits;
}

export interface TableQuestion {
  readonly name: string;
  readonly implementation: SoftmaxImplementation;
  readonly sizes: SoftmaxSizes;
  /** stable: inp_norm_t; latency: the input type. */
  readonly expAddress: FixedType;
  readonly invAddress: FixedType;
  readonly expTableType: FixedType;
  readonly invTableType: FixedType;
}

export function buildSoftmaxTables(question: TableQuestion): SoftmaxTables {
  const { implementation, sizes, expTableType, invTableType } = question;
  if (implementation === 'argmax') return { exp: [], invert: [] };
  if (implementation === 'legacy') {
    const exp = Array.from({ length: sizes.exp }, (_, i) => quantizeDouble(expf(Math.fround((2 * 8.0 * (i - sizes.exp / 2.0)) / sizes.exp)), expTableType));
    const invert = Array.from({ length: sizes.invert }, (_, i) => {
      const x = Math.fround((64.0 * i) / sizes.invert);
      return x > 0 ? quantizeDouble(1.0 / x, invTableType) : 0n;
    });
    return { exp, invert };
  }
  const expBits = checkAddress(question.name, sizes.exp, question.expAddress, 'exp');
  const invBits = checkAddress(question.name, sizes.invert, question.invAddress, '1/x');
  const negative = implementation === 'stable';
  const exp = Array.from({ length: sizes.exp }, (_, i) => {
    const x = addressValue(i, expBits, question.expAddress);
    return quantizeDouble(expf(negative ? -x : x), expTableType);
  });
  const invert = Array.from({ length: sizes.invert }, (_, i) => quantizeDouble(Math.fround(1 / addressValue(i, invBits, question.invAddress)), invTableType));
  return { exp, invert };
}
