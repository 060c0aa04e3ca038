// Activations by table, as current hls4ml main's nnet_activation.h: sigmoid, tanh, softsign and
// softplus (init_*_table over [-8, 8), tanh over [-4, 4); index `data * table_size / 16 + 8 *
// table_size / 16`, tanh / 8 and 4 *, clamped), elu and selu (init_elu_table / init_selu_table over
// [-8, 0]; for x < 0 the index is `x * table_size / -8`, clamped; x >= 0 passes through, selu as
// lambda * x with lambda an ap_ufixed<16,1>; elu multiplies the entry by alpha as a param_t).
// Entries are computed as the C++ does: in_val in double rounded to float, then the function with
// float expf/tanhf (libm-float.ts: glibc's, bit for bit) and the double arithmetic each
// *_fcn_float writes (softsign, softplus, elu, selu and sigmoid's 1.0 / ... are doubles), the result
// rounded to float on return and cast to table_t as ap_fixed's float constructor does.
import { fixedType, type FixedType } from '@ngt/fxp';
import type { TableFunction } from '../../ir/hardware.js';
import { tableIndexBase } from '../shared/fixed-math.js';
import { expf, tanhf } from '../shared/libm-float.js';
import { quantizeDouble } from '../shared/precision.js';

/** The table type for 'auto' (an activation's 'table' default is fixed<18,8>, hls/config/defaults.ts). */
export const defaultTableType: FixedType = fixedType(18, 8);

/** selu's `typedef ap_ufixed<16, 1> selu_const_t; lambda = 1.0507009873554805` (AP_TRN). */
export const SELU_LAMBDA_TYPE: FixedType = fixedType(16, 1, { signed: false });
export const SELU_LAMBDA: bigint = quantizeDouble(1.0507009873554805, SELU_LAMBDA_TYPE);

export type Indexing = { readonly kind: 'symmetric'; readonly divisor: number; readonly offset: number } | { readonly kind: 'negative' };

export const INDEXING: Record<TableFunction, Indexing> = {
  sigmoid: { kind: 'symmetric', divisor: 16, offset: 8 },
  softsign: { kind: 'symmetric', divisor: 16, offset: 8 },
  softplus: { kind: 'symmetric', divisor: 16, offset: 8 },
  tanh: { kind: 'symmetric', divisor: 8, offset: 4 },
  elu: { kind: 'negative' },
  selu: { kind: 'negative' },
};

const F = Math.fround;

/** Entry `index` of a table of `size` entries, as a float value. */
export function tableValue(fn: TableFunction, index: number, size: number): number {
  const indexing = INDEXING[fn];
  if (indexing.kind === 'negative') {
    const x = F((-8.0 * index) / size);
    const expm1 = expf(x) - 1.0;
    // selu_fcn_float: 1.0507009873554804934193349852946 * (1.6732632423543772848170429916717 * (exp - 1.)),
    // whose double literals are the doubles written here.
    return fn === 'elu' ? F(expm1) : F(1.0507009873554805 * (1.6732632423543772 * expm1));
  }
  const x = F((2 * indexing.offset * (index - size / 2.0)) / size);
  switch (fn) {
    case 'sigmoid':
      return F(1.0 / F(1 + expf(-x)));
    case 'tanh':
      return tanhf(x);
    case 'softsign':
      return F(x / (Math.abs(x) + 1.0));
    default:
      return F(Math.log(expf(x) + 1.0));
  }
}

export function buildTable(fn: TableFunction, size: number, type: FixedType): bigint[] {
  return Array.from({ length: size }, (_, i) => quantizeDouble(tableValue(fn, i, size), type));
}

/** The table index of raw x (for elu/selu, of a negative x). */
export function tableIndex(fn: TableFunction, raw: bigint, type: FixedType, size: number): number {
  const indexing = INDEXING[fn];
  const index =
    indexing.kind === 'negative' ? Number(tableIndexBase(raw, type, size, -8)) : Number(tableIndexBase(raw, type, size, indexing.divisor)) + Math.floor((indexing.offset * size) / indexing.divisor);
  return Math.min(size - 1, Math.max(0, index));
}

