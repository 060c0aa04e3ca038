/**
 * Quantization and overflow modes of Xilinx ap_fixed (ap_decl.h). The semantics live in
 * quantize-core.ts; these are the names users write.
 */
export const quantizationModes = [
  'AP_TRN',
  'AP_TRN_ZERO',
  'AP_RND',
  'AP_RND_ZERO',
  'AP_RND_MIN_INF',
  'AP_RND_INF',
  'AP_RND_CONV',
] as const;
export type QuantizationMode = (typeof quantizationModes)[number];

export const overflowModes = ['AP_WRAP', 'AP_SAT', 'AP_SAT_ZERO', 'AP_SAT_SYM', 'AP_WRAP_SM'] as const;
export type OverflowMode = (typeof overflowModes)[number];

export function isQuantizationMode(text: string): text is QuantizationMode {
  return (quantizationModes as readonly string[]).includes(text);
}

export function isOverflowMode(text: string): text is OverflowMode {
  return (overflowModes as readonly string[]).includes(text);
}
