// The parts database: resource counts of the devices the estimates know, and the lookup from a part
// name as users write it (hls4ml's Part, e.g. 'xcvu13p-flga2577-2-e') to a device. Package and speed
// grade do not change resource counts, so a name matches the device whose base name it starts with.
//
// Counts and where they were read (public mirrors of vendor tool output):
// - xcvu13p: Vivado HLS csynth report 'Available' row on xcvu13p: BRAM_18K 5376, DSP48E 12288,
//   FF 3456000, LUT 1728000 (URAM 1280, not used by these estimates).
// - xc7z020: Vivado report_utilization 'Available' column on xc7z020clg400-1: Slice LUTs 53200,
//   Slice Registers 106400, Block RAM Tile 140 (= 280 RAMB18), DSPs 220.
// - LFE5U-85F: nextpnr-ecp5 device utilisation: TRELLIS_COMB 83640, TRELLIS_FF 83640, DP16KD 208,
//   MULT18X18D 156.
// - iCE40UP5K: nextpnr-ice40 device utilisation: ICESTORM_LC 5280 (one LUT4 and one FF each),
//   ICESTORM_RAM 30 (SB_RAM40_4K), ICESTORM_DSP 8 (SB_MAC16); 4 SPRAM of 256 Kb, not used here.
import { NgtError } from '@ngt/fxp';
import { FAMILIES, type Family } from './families.js';

export class UnknownPartError extends NgtError {
  readonly code: string = 'UNKNOWN_PART';
}

export interface Part {
  /** The canonical full name (what reports print). */
  readonly name: string;
  /** Names starting with this (case-insensitive) are this device. */
  readonly device: string;
  readonly family: Family;
  readonly lut: number;
  readonly ff: number;
  readonly dsp: number;
  /**
   * Block RAM primitives: RAMB18 halves on Xilinx (as Vivado counts BRAM_18K), DP16KD (18 Kb) on
   * ECP5, SB_RAM40_4K (4 Kb) on iCE40. Reports call the column bram18; on iCE40 a unit is 4 Kb.
   */
  readonly bram: number;
}

export const PARTS: readonly Part[] = [
  { name: 'xcvu13p-flga2577-2-e', device: 'xcvu13p', family: FAMILIES.ultrascale_plus, lut: 1_728_000, ff: 3_456_000, dsp: 12_288, bram: 5_376 },
  { name: 'xc7z020clg400-1', device: 'xc7z020', family: FAMILIES.series7, lut: 53_200, ff: 106_400, dsp: 220, bram: 280 },
  { name: 'LFE5U-85F', device: 'lfe5u-85f', family: FAMILIES.ecp5, lut: 83_640, ff: 83_640, dsp: 156, bram: 208 },
  { name: 'iCE40UP5K', device: 'ice40up5k', family: FAMILIES.ice40, lut: 5_280, ff: 5_280, dsp: 8, bram: 30 },
];

/** The device a part name denotes; UnknownPartError listing the known parts otherwise. */
export function findPart(name: string): Part {
  const wanted = name.trim().toLowerCase();
  const part = PARTS.find((candidate) => wanted.startsWith(candidate.device));
  if (!part) {
    throw new UnknownPartError(
      `part must be one of ${PARTS.map((known) => known.name).join(', ')} (or the same device with another package or speed grade), not '${name}'`,
    );
  }
  // Keep the user's spelling when it names a package/speed grade of the same device.
  return wanted === part.name.toLowerCase() || wanted === part.device ? part : { ...part, name: name.trim() };
}
