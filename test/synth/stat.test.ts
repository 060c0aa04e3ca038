// The stat -json parser on Yosys 0.23's own output (synth_ice40 -noflatten of tiny-dense.onnx at
// ap_fixed<8,3>, captured in test/fixtures/yosys), and hierarchy counting on a made-up design where
// one module is instanced more than once. No Yosys needed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFits, classifyCell, DesignDoesNotFitError, parseLongestPaths, parseStat, StatFormatError } from '../../synth/index.js';
import { findPart } from '../../hls/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/yosys/${name}`, import.meta.url), 'utf8');

describe('parseStat', () => {
  it('reads real synth_ice40 output: per module and the whole design, equal to Yosys\'s own design totals', () => {
    const stat = parseStat(fixture('tiny-dense-ice40-stat.json'), 'ice40');
    expect(stat.top).toBe('tiny_dense_top');
    expect(stat.modules.get('p0_dense_1')?.total).toEqual({ lut: 2549, ff: 0, dsp: 0, bram18: 0, carry: 661, mux: 0, cells: 3210 });
    expect(stat.modules.get('p1_dense_2')?.total).toEqual({ lut: 1215, ff: 0, dsp: 0, bram18: 0, carry: 307, mux: 0, cells: 1522 });
    // The top's own cells: one SB_DFF (rst_process) and two SB_LUT4.
    expect(stat.modules.get('tiny_dense_top')?.own).toEqual({ lut: 2, ff: 1, dsp: 0, bram18: 0, carry: 0, mux: 0, cells: 3 });
    // Yosys's "design" section: SB_CARRY 968, SB_DFF 1, SB_DFFE 176, SB_DFFSR 6, SB_LUT4 3781.
    expect(stat.total).toEqual({ lut: 3781, ff: 183, dsp: 0, bram18: 0, carry: 968, mux: 0, cells: 3781 + 183 + 968 });
  });

  it('multiplies a submodule\'s totals by its instance count, through every level', () => {
    const text = JSON.stringify({
      modules: {
        '\\leaf': { num_cells_by_type: { LUT6: 3, FDRE: 2, DSP48E2: 1 } },
        '\\mid': { num_cells_by_type: { '\\leaf': 4, CARRY8: 1 } },
        '\\top': { num_cells_by_type: { '\\mid': 2, '\\leaf': 1, RAMB36E2: 1, MUXF7: 5, VCC: 1 } },
      },
    });
    const stat = parseStat(text, 'xcup');
    expect(stat.top).toBe('top');
    expect(stat.modules.get('mid')?.total).toEqual({ lut: 12, ff: 8, dsp: 4, bram18: 0, carry: 1, mux: 0, cells: 25 });
    // 2 mids (2 x 25 cells) + 1 leaf (6) + RAMB36 (two 18 Kb halves) + 5 MUXF7 + VCC.
    expect(stat.total).toEqual({ lut: 27, ff: 18, dsp: 9, bram18: 2, carry: 2, mux: 5, cells: 63 });
    expect([...(stat.modules.get('top')?.other ?? [])]).toEqual([['VCC', 1]]);
  });

  it('maps each family\'s cell names to the columns', () => {
    expect(classifyCell('xc7', 'DSP48E1')).toEqual([['dsp', 1]]);
    expect(classifyCell('xcup', 'FDCE')).toEqual([['ff', 1]]);
    expect(classifyCell('xcup', 'SRLC32E')).toEqual([['lut', 1]]);
    expect(classifyCell('ecp5', 'CCU2C')).toEqual([['carry', 1], ['lut', 2]]);
    expect(classifyCell('ecp5', 'TRELLIS_FF')).toEqual([['ff', 1]]);
    expect(classifyCell('ice40', 'SB_RAM40_4K')).toEqual([['bram18', 1]]);
    expect(classifyCell('ice40', 'SB_MAC16')).toEqual([['dsp', 1]]);
    expect(classifyCell('ice40', 'LUT4')).toBeNull();
  });

  it('refuses output that is not stat -json, naming what is wrong', () => {
    expect(() => parseStat('ERROR: no design', 'ice40')).toThrow(StatFormatError);
    expect(() => parseStat('{"modules": {"\\\\a": {"num_cells_by_type": {"SB_LUT4": -1}}}}', 'ice40')).toThrow('Yosys stat -json: module \\a: count of SB_LUT4 must be an integer >= 0, not -1');
  });
});

describe('parseLongestPaths', () => {
  it('reads ltp -noff per module', () => {
    const paths = parseLongestPaths(fixture('tiny-dense-ice40-ltp.txt'));
    expect(paths.get('p0_dense_1')).toBe(19);
    expect(paths.get('p1_dense_2')).toBe(22);
    expect(paths.get('tiny_dense_top')).toBe(13);
    expect(paths.size).toBe(6);
  });
});

describe('checkFits', () => {
  it('says by how much a design is over the iCE40UP5K', () => {
    const part = findPart('iCE40UP5K');
    expect(() => checkFits({ lut: 5280, ff: 100, dsp: 0, bram18: 0, carry: 0, mux: 0, cells: 0 }, part)).not.toThrow();
    const over = (): void => checkFits({ lut: 7920, ff: 100, dsp: 10, bram18: 0, carry: 0, mux: 0, cells: 0 }, part);
    expect(over).toThrow(DesignDoesNotFitError);
    expect(over).toThrow('the design must fit the iCE40UP5K, not need 7,920 SB_LUT4 logic cells against the 5,280 it has (50.0% over); 10 SB_MAC16 DSPs against the 8 it has (25.0% over)');
  });
});
