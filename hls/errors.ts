// User-facing errors of the HLS flow (conversion, precision, simulation). Messages name the model,
// layer or field at fault and read "X must be Y, not Z" (STYLE.md); the CLI maps them to exit 2.
import { NgtError } from '@ngt/fxp';

/** A layer (or layer form) the hardware flow has no bit-accurate implementation for. */
export class UnsupportedLayerError extends NgtError {
  readonly code: string = 'HLS_UNSUPPORTED_LAYER';
}

/** A QONNX quantizer that has no ap_fixed equivalent as hls4ml maps them (rounding mode, narrow unsigned, ...). */
export class QuantizationError extends NgtError {
  readonly code: string = 'QUANTIZATION';
}

/** A configuration value the flow cannot use for this model (a precision too narrow for a table, ...). */
export class HlsConfigValueError extends NgtError {
  readonly code: string = 'HLS_CONFIG_VALUE';
}

/** Inputs given to the simulators that do not fit the model (shape, count, non-finite values). */
export class SimulationInputError extends NgtError {
  readonly code: string = 'SIMULATION_INPUT';
}

/** An output whose exact values cannot be written as float64 (more than 53 significant bits). */
export class OutputPrecisionError extends NgtError {
  readonly code: string = 'OUTPUT_PRECISION';
}
