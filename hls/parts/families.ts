// FPGA families the estimates know: the shape of their DSP multiplier, their block and distributed
// memories, and the delays the clock estimate adds up. Counts of a particular device are in parts.ts.
//
// Sources, one per figure (public mirrors; the vendor data sheets are the originals):
// - DSP primitive shapes: DSP48E2 27x18 signed (UG579), DSP48E1 25x18 signed (UG479), ECP5 MULT18X18D
//   18x18 with per-port SIGNEDA/SIGNEDB (FPGA-TN-02205; yosys techlibs/ecp5), iCE40 SB_MAC16 16x16 with
//   per-port A_SIGNED/B_SIGNED (iCE40 DSP usage guide; yosys techlibs/ice40/cells_sim.v).
// - Block RAM shapes: RAMB18E1/E2 18 Kb, 512x36 .. 16Kx1 (UG473, UG573); ECP5 DP16KD 18 Kb, 512x36 (as
//   PDPW16KD) .. 16Kx1; iCE40 SB_RAM40_4K 4 Kb, 256x16 .. 2Kx2.
// - 7-series delays: yosys techlibs/xilinx/cells_sim.v specify blocks, taken from prjxray-db Artix-7
//   -1 SDF: LUT6 I0->O 642 ps, CARRY4 CI->CO[3] 114 ps (4 bits), S[0]->CO[3] 508 ps, FDRE clk->Q 303 ps.
// - ECP5 delays: yosys techlibs/ecp5/cells_sim.v: LUT4 233 ps, CCU2C CIN->COUT 43 ps (2 bits),
//   A0->COUT 516 ps.
// - iCE40 UP delays: yosys techlibs/ice40/cells_sim.v (icestorm timings_up5k.txt): SB_LUT4 I0->O
//   1285 ps, SB_CARRY CI->CO 278 ps, SB_DFF clk->Q 1391 ps.
// - UltraScale+ -2 has no open timing database; we take the 7-series figures scaled by 0.6 (our
//   assumption, from the ratio of typical achieved clocks of the same hls4ml designs on the two
//   families). Routing per logic level and the DSP/BRAM delays are our assumptions for every family.
// Every timing figure feeds an 'estimate'; Yosys/nextpnr and co-simulation runs calibrate them later.

export type FamilyId = 'ultrascale_plus' | 'series7' | 'ecp5' | 'ice40';

/** One hard multiplier: an a x b product fits when each operand fits its port. */
export interface DspShape {
  readonly primitive: string;
  readonly a: number;
  readonly b: number;
  /**
   * Xilinx ports are two's complement only: an unsigned operand needs one more bit, and when a wide
   * product is tiled, the low (unsigned) slices carry one bit less than the port. Lattice ports are
   * configured signed or unsigned each, so neither applies.
   */
  readonly signedOnly: boolean;
}

/** A block RAM primitive and the (depth, width) shapes its read port can take. */
export interface BlockRamShape {
  readonly primitive: string;
  readonly bits: number;
  readonly shapes: readonly (readonly [depth: number, width: number])[];
  /** Independent read ports (true dual port): reads per cycle one block serves. */
  readonly readPorts: number;
}

export interface FamilyTiming {
  /** Through one LUT. */
  readonly lutNs: number;
  /** Routing from one logic level to the next (our assumption). */
  readonly routeNs: number;
  /** Entering the carry chain (LUT + first carry cell). */
  readonly carryEntryNs: number;
  /** Carry propagation per bit. */
  readonly carryPerBitNs: number;
  /** Register clock-to-out plus setup. */
  readonly registerNs: number;
  /** A combinational DSP multiply, input port to output port (our assumption). */
  readonly dspNs: number;
  /** Block RAM clock-to-out of a registered read (our assumption). */
  readonly bramNs: number;
}

export interface Family {
  readonly id: FamilyId;
  readonly name: string;
  /** LUT inputs: 6 for Xilinx, 4 for Lattice. */
  readonly lutInputs: 4 | 6;
  readonly dsp: DspShape;
  readonly blockRam: BlockRamShape;
  /** Whether LUTs can be shift registers (SRL32) for FIFOs; Lattice parts have none. */
  readonly shiftRegisterDepth: number;
  readonly timing: FamilyTiming;
}

const series7Timing: FamilyTiming = {
  lutNs: 0.642,
  routeNs: 0.45,
  carryEntryNs: 0.508,
  carryPerBitNs: 0.114 / 4,
  registerNs: 0.303 + 0.1,
  dspNs: 3.4,
  bramNs: 2.1,
};

const scale = (timing: FamilyTiming, factor: number): FamilyTiming =>
  Object.fromEntries(Object.entries(timing).map(([key, value]) => [key, value * factor])) as unknown as FamilyTiming;

const xilinxBram = (primitive: string): BlockRamShape => ({
  primitive,
  bits: 18 * 1024,
  shapes: [[512, 36], [1024, 18], [2048, 9], [4096, 4], [8192, 2], [16384, 1]],
  readPorts: 2,
});

export const FAMILIES: Readonly<Record<FamilyId, Family>> = {
  ultrascale_plus: {
    id: 'ultrascale_plus',
    name: 'Xilinx UltraScale+',
    lutInputs: 6,
    dsp: { primitive: 'DSP48E2', a: 27, b: 18, signedOnly: true },
    blockRam: xilinxBram('RAMB18E2'),
    shiftRegisterDepth: 32,
    timing: scale(series7Timing, 0.6),
  },
  series7: {
    id: 'series7',
    name: 'Xilinx 7-series',
    lutInputs: 6,
    dsp: { primitive: 'DSP48E1', a: 25, b: 18, signedOnly: true },
    blockRam: xilinxBram('RAMB18E1'),
    shiftRegisterDepth: 32,
    timing: series7Timing,
  },
  ecp5: {
    id: 'ecp5',
    name: 'Lattice ECP5',
    lutInputs: 4,
    dsp: { primitive: 'MULT18X18D', a: 18, b: 18, signedOnly: false },
    blockRam: { primitive: 'DP16KD', bits: 18 * 1024, shapes: [[512, 36], [1024, 18], [2048, 9], [4096, 4], [8192, 2], [16384, 1]], readPorts: 2 },
    shiftRegisterDepth: 0,
    timing: { lutNs: 0.233, routeNs: 0.7, carryEntryNs: 0.516, carryPerBitNs: 0.043 / 2, registerNs: 0.5, dspNs: 4.5, bramNs: 3.0 },
  },
  ice40: {
    id: 'ice40',
    name: 'Lattice iCE40 UltraPlus',
    lutInputs: 4,
    dsp: { primitive: 'SB_MAC16', a: 16, b: 16, signedOnly: false },
    blockRam: { primitive: 'SB_RAM40_4K', bits: 4 * 1024, shapes: [[256, 16], [512, 8], [1024, 4], [2048, 2]], readPorts: 1 },
    shiftRegisterDepth: 0,
    timing: { lutNs: 1.285, routeNs: 1.5, carryEntryNs: 0.675, carryPerBitNs: 0.278, registerNs: 1.391 + 0.2, dspNs: 9.0, bramNs: 4.0 },
  },
};
