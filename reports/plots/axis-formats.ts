// Tick label formats shared by the plots. Left to itself vega picks a format from the tick step, and a
// scale whose domain is a single value (one configuration, one LUT count) gets a zero step and labels
// like "163,818.000000". Every quantitative axis therefore names its format here.

/**
 * Resource counts (LUT, FF, DSP, BRAM18): whole ticks, SI prefixes (0, 500, 20k, 1.5M) to fit narrow
 * panels. A labelExpr, not `format: '~s'`: vega's tick format gives every tick one prefix ("0k", "0.5k").
 */
export const countAxis = { labelExpr: "format(datum.value, '~s')", tickMinStep: 1 } as const;

/** Clock cycles: whole ticks with thousands separators (0, 20, 1,500). */
export const cycleAxis = { format: ',d', tickMinStep: 1 } as const;

/** Words held in a FIFO: whole ticks with thousands separators. */
export const wordsAxis = { format: ',d', tickMinStep: 1 } as const;

/**
 * Errors against float: plain decimals from 0.01 up (0.05, 0.2, 1.5), scientific below and far above
 * (5e-4, 1e-6, 2e+3), so a log axis over several decades reads as short labels.
 */
export const errorAxis = {
  labelExpr: "datum.value === 0 ? '0' : abs(datum.value) >= 0.01 && abs(datum.value) < 1000 ? format(datum.value, '.3~g') : format(datum.value, '.2~e')",
} as const;
