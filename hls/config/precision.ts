// Precision strings as hls4ml reads them (hls4ml/backends/fpga/fpga_backend.py convert_precision_string):
// 'auto' in any case, else an ap_fixed/ap_ufixed/ap_int/ap_uint type or hls4ml's fixed<16,6,RND_CONV,SAT>
// spelling (parsed by @ngt/fxp). Also the precision variables a config may name.
import { FixedTypeError, parseFixedType } from '@ngt/fxp';
import { describeValue, type KeyPath } from './errors.js';
import type { PrecisionSpec } from './types.js';

/**
 * Variables a Precision mapping may name. 'default' is what a bare string means; the table variables
 * are the activation lookup tables and the softmax's internal types (fpga_backend.py: Activation 'table',
 * Softmax 'exp_table'/'inv_table'/'inv_inp'; core_templates.py: 'inp_norm').
 */
export const PRECISION_VARIABLES = ['default', 'result', 'weight', 'bias', 'accum', 'scale', 'param', 'table', 'exp_table', 'inv_table', 'inv_inp', 'inp_norm'] as const;

/** Table precisions: hls4ml sets them from their own entries or the attribute default, never from a 'default'. */
export const TABLE_VARIABLES: ReadonlySet<string> = new Set(['table', 'exp_table', 'inv_table', 'inv_inp', 'inp_norm']);

/** The variable a key names: hls4ml also accepts type-attribute spellings such as 'exp_table_t'; null when unknown. */
export function precisionVariable(key: string): string | null {
  const name = key.endsWith('_t') ? key.slice(0, -2) : key;
  return (PRECISION_VARIABLES as readonly string[]).includes(name) ? name : null;
}

/** Parses one precision value; 'auto' only where `allowAuto` (hls4ml allows it per layer, not for the model). */
export function parsePrecision(value: unknown, where: KeyPath, allowAuto: boolean): PrecisionSpec {
  if (typeof value !== 'string') {
    throw where.error(`must be a precision string such as 'fixed<16,6>' or 'ap_fixed<16,6,AP_RND,AP_SAT>', not ${describeValue(value)}`);
  }
  if (value.trim().toLowerCase() === 'auto') {
    if (!allowAuto) throw where.error(`must be a fixed-point type, not 'auto' ('auto' is allowed in LayerType and LayerName sections only, as in hls4ml)`);
    return 'auto';
  }
  try {
    return parseFixedType(value);
  } catch (error) {
    if (error instanceof FixedTypeError) throw where.error(error.message, error);
    throw error;
  }
}
