// The QONNX quantizer arithmetic against the values the QONNX docs and code state.
import { describe, expect, it } from 'vitest';
import { bipolarQuant, intQuant, maxInt, minInt, roundingFunction, truncV1, truncV2 } from '../../models/index.js';
import type { RoundingMode } from '../../models/index.js';

// docs/qonnx-custom-ops/intquant_v1.md, "Rounding modes" table: input -> ROUND, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN.
const TABLE: [number, number[]][] = [
  [5.5, [6, 6, 5, 6, 5, 6, 5]],
  [2.5, [2, 3, 2, 3, 2, 3, 2]],
  [1.6, [2, 2, 1, 2, 1, 2, 2]],
  [1.1, [1, 2, 1, 2, 1, 1, 1]],
  [1.0, [1, 1, 1, 1, 1, 1, 1]],
  [-1.0, [-1, -1, -1, -1, -1, -1, -1]],
  [-1.1, [-1, -1, -2, -2, -1, -1, -1]],
  [-1.6, [-2, -1, -2, -2, -1, -2, -2]],
  [-2.5, [-2, -2, -3, -3, -2, -3, -2]],
  [-5.5, [-6, -5, -6, -6, -5, -6, -5]],
];
const MODES: RoundingMode[] = ['ROUND', 'CEIL', 'FLOOR', 'UP', 'DOWN', 'HALF_UP', 'HALF_DOWN'];

describe('QONNX formulas', () => {
  it('reproduces the rounding-mode table of intquant_v1.md, and ROUND_TO_ZERO truncates', () => {
    for (const [x, expected] of TABLE) expect(MODES.map((mode) => roundingFunction(mode)(x))).toEqual(expected);
    expect([2.7, -2.7, 0.5].map(roundingFunction('ROUND_TO_ZERO'))).toEqual([2, -2, 0]);
  });

  it('has min_int / max_int as intquant.py documents them', () => {
    expect([minInt(true, true, 8), minInt(true, false, 8), minInt(false, true, 8), minInt(false, false, 8)]).toEqual([-127, -128, 0, 0]);
    expect([maxInt(true, true, 8), maxInt(true, false, 8), maxInt(false, true, 8), maxInt(false, false, 8)]).toEqual([127, 127, 254, 255]);
  });

  it('clamps before rounding, with scale and zero point', () => {
    const signed = { signed: true, narrow: false, round: roundingFunction('ROUND') };
    // 4-bit signed, scale 0.5: grid -8..7 -> [-4, 3.5]; ties go to even: 2.5 -> 2 (1.0), 3.5 -> 4 (2.0), -2.5 -> -2.
    expect([10, -10, 1.25, 1.75, -1.25].map((x) => intQuant(x, 0.5, 0, 4, signed))).toEqual([3.5, -4, 1, 2, -1]);
    // Zero point 3: y = x/0.5 + 3, clamp to [-8, 7], round, subtract 3: 2.1 -> 7.2 -> 7 -> 2.0.
    expect(intQuant(2.1, 0.5, 3, 4, signed)).toBe(2);
    // Clamp first: 7.6 clamps to 7 (max) before CEIL could push it to 8.
    expect(intQuant(7.6, 1, 0, 4, { ...signed, round: roundingFunction('CEIL') })).toBe(7);
    // Narrow signed 2-bit: [-1, 1].
    expect([-5, 0.4, 5].map((x) => intQuant(x, 1, 0, 2, { ...signed, narrow: true }))).toEqual([-1, 0, 1]);
    // Unsigned 3-bit with scale 0.25: [0, 1.75].
    expect([-1, 0.3, 9].map((x) => intQuant(x, 0.25, 0, 3, { ...signed, signed: false }))).toEqual([0, 0.25, 1.75]);
  });

  it('makes a signed 1-bit Quant bipolar (intquant.py), and BipolarQuant is sign times scale', () => {
    const settings = { signed: true, narrow: false, round: roundingFunction('ROUND') };
    expect([-0.3, 0, 2].map((x) => intQuant(x, 0.5, 0, 1, settings))).toEqual([-0.5, 0.5, 0.5]);
    expect([-0.001, 0, 3].map((x) => bipolarQuant(x, 2))).toEqual([-2, 2, 2]);
  });

  it('truncates as trunc_v1.md and trunc.py (v2) define', () => {
    // v1: round(13.7) = 14; 14 / 2^(8-4) = 0.875 -> FLOOR 0; 0.875 ROUND -> 1.
    expect(truncV1(13.7, 1, 0, 8, 4, roundingFunction('FLOOR'))).toBe(0);
    expect(truncV1(13.7, 1, 0, 8, 4, roundingFunction('ROUND'))).toBe(1);
    // v2: scale 1 -> out scale 4 gives trunc_scale 4; round(13.7)=14 -> 3.5 -> FLOOR 3 -> 3 * 4 = 12.
    const settings = { signed: true, narrow: false, round: roundingFunction('FLOOR') };
    expect(truncV2(13.7, 1, 0, 4, 4, settings)).toBe(12);
    // Clamp to the 2-bit output range [-2, 1] before rounding: 100 -> 1 -> 4.
    expect(truncV2(100, 1, 0, 4, 2, settings)).toBe(4);
  });
});
