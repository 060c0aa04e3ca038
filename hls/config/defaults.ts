// hls4ml's defaults (hls4ml/utils/config.py create_config and config_from_onnx_model; the Vivado
// backend's create_initial_config; fpga_backend.py attribute defaults).
import { parseFixedType } from '@ngt/fxp';
import type { FixedType } from '@ngt/fxp';

export const DEFAULT_PRECISION_TEXT = 'fixed<16,6>';
export const DEFAULT_PRECISION: FixedType = parseFixedType(DEFAULT_PRECISION_TEXT);
export const DEFAULT_REUSE_FACTOR = 1;
export const DEFAULT_PART = 'xcvu13p-flga2577-2-e';
export const DEFAULT_CLOCK_PERIOD = 5;
export const DEFAULT_IO_TYPE = 'io_parallel';
export const DEFAULT_PROJECT_NAME = 'myproject';
export const DEFAULT_OUTPUT_DIR = 'my-hls-test';
/** Activation table entries (fpga_backend.py: ConfigurableAttribute('table_size', default=1024)). */
export const DEFAULT_TABLE_SIZE = 1024;

/**
 * Table precisions when no entry names them: fpga_backend.py gives Activation's 'table'
 * FixedPrecisionType(18, 8) (truncating, wrapping) and Softmax's 'exp_table'/'inv_table'/'inv_inp'
 * FixedPrecisionType(18, 8, RND, SAT). Softmax's 'inp_norm' has none: the template derives it from
 * the input type (looked up as 'auto' when no entry names it).
 */
export const DEFAULT_TABLE_PRECISIONS: ReadonlyMap<string, FixedType> = new Map([
  ['table', parseFixedType('fixed<18,8>')],
  ['exp_table', parseFixedType('fixed<18,8,RND,SAT>')],
  ['inv_table', parseFixedType('fixed<18,8,RND,SAT>')],
  ['inv_inp', parseFixedType('fixed<18,8,RND,SAT>')],
]);
