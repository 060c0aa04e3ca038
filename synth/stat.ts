// Yosys `stat -json` into resource counts per module and for the whole design. The design is kept
// hierarchical (one module per layer process, as sim/rtl/top.ts emits it), so a module's own cells are
// its layer's; a module's totals add each submodule's totals times the number of its instances (a
// parameterised ngt_fifo appears once per WIDTH/DEPTH, instanced as often as streams use it).
//
// Cell names per family (yosys techlibs/{xilinx,ice40,ecp5}/cells_sim.v):
// - Xilinx: LUT1..LUT6 (and SRL16E/SRLC32E shift registers, RAM32M/RAM64M/RAM*X1* LUT RAM, counted as
//   the LUTs they occupy), FDRE/FDSE/FDCE/FDPE, DSP48E2 (UltraScale+) / DSP48E1 (7-series), RAMB18E*/
//   RAMB36E* (one RAMB36 is two 18 Kb halves, as Vivado's BRAM_18K counts), CARRY4/CARRY8, MUXF7..9.
// - iCE40: SB_LUT4, SB_DFF*, SB_CARRY, SB_MAC16, SB_RAM40_4K (a 4 Kb block; the report's bram18 column
//   counts the family's block, parts.ts).
// - ECP5: LUT4, TRELLIS_FF, MULT18X18D, DP16KD, CCU2C (two-bit carry cells: counted as carry, and as
//   the two LUT4s of their slice), PFUMX/L6MUX21, TRELLIS_DPR16X4 (LUT RAM, two LUT4s).
import { NgtError } from '@ngt/fxp';

export type SynthFamily = 'xcup' | 'xc7' | 'ecp5' | 'ice40';

export interface CellCounts {
  readonly lut: number;
  readonly ff: number;
  readonly dsp: number;
  readonly bram18: number;
  readonly carry: number;
  readonly mux: number;
  /** Every primitive cell, of any type (submodule instances excluded). */
  readonly cells: number;
}

export interface ModuleStat {
  readonly name: string;
  /** This module's own primitive cells. */
  readonly own: CellCounts;
  /** Own cells plus each submodule's totals times its instance count. */
  readonly total: CellCounts;
  /** Submodule name -> instance count. */
  readonly submodules: ReadonlyMap<string, number>;
  /** Primitive cell types that map to none of the columns, with their counts (e.g. IBUF, VCC). */
  readonly other: ReadonlyMap<string, number>;
}

export interface DesignStat {
  readonly family: SynthFamily;
  readonly top: string;
  /** By module name as Yosys spells it ('p0_dense_1', '$paramod$...\\ngt_fifo'), leading backslash dropped. */
  readonly modules: ReadonlyMap<string, ModuleStat>;
  readonly total: CellCounts;
}

/** stat -json output that is not what this parser reads (a Yosys whose format changed). */
export class StatFormatError extends NgtError {
  readonly code: string = 'YOSYS_STAT_FORMAT';
  override readonly exitCode: number = 1;
}

type Column = keyof Omit<CellCounts, 'cells'>;
/** A cell type's contribution: columns and how many units of each. */
type Contribution = readonly (readonly [Column, number])[];

const XILINX: readonly (readonly [RegExp, Contribution])[] = [
  [/^LUT[1-6](_2)?$/, [['lut', 1]]],
  [/^(SRL16E|SRLC16E|SRLC32E)$/, [['lut', 1]]],
  [/^RAM(32|64)M(16)?$/, [['lut', 4]]],
  [/^RAM(32|64|128|256)X1D$/, [['lut', 2]]],
  [/^RAM(16|32|64|128|256)X1S$/, [['lut', 1]]],
  [/^FD(RE|SE|CE|PE|R|S|C|P|E)?(_1)?$/, [['ff', 1]]],
  [/^DSP48E[12]$/, [['dsp', 1]]],
  [/^RAMB18(E1|E2)?$/, [['bram18', 1]]],
  [/^RAMB36(E1|E2)?$/, [['bram18', 2]]],
  [/^CARRY(4|8)$/, [['carry', 1]]],
  [/^MUXF[789]$/, [['mux', 1]]],
];

const PATTERNS: Readonly<Record<SynthFamily, readonly (readonly [RegExp, Contribution])[]>> = {
  xcup: XILINX,
  xc7: XILINX,
  ice40: [
    [/^SB_LUT4$/, [['lut', 1]]],
    [/^SB_DFF\w*$/, [['ff', 1]]],
    [/^SB_CARRY$/, [['carry', 1]]],
    [/^SB_MAC16$/, [['dsp', 1]]],
    [/^SB_RAM40_4K(NR|NW|NRNW)?$/, [['bram18', 1]]],
  ],
  ecp5: [
    [/^LUT4$/, [['lut', 1]]],
    [/^TRELLIS_FF$/, [['ff', 1]]],
    [/^CCU2C$/, [['carry', 1], ['lut', 2]]],
    [/^MULT18X18D$/, [['dsp', 1]]],
    [/^DP16KD$/, [['bram18', 1]]],
    [/^(PFUMX|L6MUX21)$/, [['mux', 1]]],
    [/^TRELLIS_DPR16X4$/, [['lut', 2]]],
  ],
};

const ZERO: CellCounts = { lut: 0, ff: 0, dsp: 0, bram18: 0, carry: 0, mux: 0, cells: 0 };

function add(a: CellCounts, b: CellCounts, times = 1): CellCounts {
  return {
    lut: a.lut + times * b.lut,
    ff: a.ff + times * b.ff,
    dsp: a.dsp + times * b.dsp,
    bram18: a.bram18 + times * b.bram18,
    carry: a.carry + times * b.carry,
    mux: a.mux + times * b.mux,
    cells: a.cells + times * b.cells,
  };
}

/** Yosys spells public names with a leading backslash ('\\p0_dense_1'); the parameterised ones start with '$paramod'. */
function plain(name: string): string {
  return name.startsWith('\\') ? name.slice(1) : name;
}

function fail(what: string, value: unknown): never {
  throw new StatFormatError(`Yosys stat -json: ${what}, not ${value === undefined ? 'missing' : JSON.stringify(value)?.slice(0, 60)}`);
}

/** Counts of one cell type, by the family's names; null for a type the columns do not take. */
export function classifyCell(family: SynthFamily, type: string): Contribution | null {
  for (const [pattern, contribution] of PATTERNS[family]) if (pattern.test(type)) return contribution;
  return null;
}

/** Parses `stat -json` text (of a design synthesized for `family`) into per-module and total counts. */
export function parseStat(text: string, family: SynthFamily): DesignStat {
  // `tee -o` may put Yosys's own lines before the JSON; the document starts at the first '{'.
  const start = text.indexOf('{');
  let json: unknown;
  try {
    json = JSON.parse(start < 0 ? text : text.slice(start));
  } catch (error) {
    throw new StatFormatError(`Yosys stat -json must print JSON, not text that fails to parse (${(error as Error).message})`);
  }
  const modulesJson = (json as { modules?: unknown }).modules;
  if (typeof modulesJson !== 'object' || modulesJson === null) fail('"modules" must be an object', modulesJson);
  const byType = new Map<string, Map<string, number>>();
  for (const [raw, entry] of Object.entries(modulesJson as Record<string, unknown>)) {
    const types = (entry as { num_cells_by_type?: unknown }).num_cells_by_type ?? {};
    if (typeof types !== 'object' || types === null) fail(`module ${raw}: "num_cells_by_type" must be an object`, types);
    const counts = new Map<string, number>();
    for (const [type, count] of Object.entries(types as Record<string, unknown>)) {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) fail(`module ${raw}: count of ${type} must be an integer >= 0`, count);
      counts.set(plain(type), count);
    }
    byType.set(plain(raw), counts);
  }
  if (byType.size === 0) fail('"modules" must list at least one module', modulesJson);
  const stats = new Map<string, ModuleStat>();
  const visiting = new Set<string>();
  const visit = (name: string): ModuleStat => {
    const done = stats.get(name);
    if (done) return done;
    if (visiting.has(name)) fail(`module ${name} must not instance itself`, name);
    visiting.add(name);
    let own = ZERO;
    let total = ZERO;
    const submodules = new Map<string, number>();
    const other = new Map<string, number>();
    for (const [type, count] of byType.get(name) ?? []) {
      if (byType.has(type)) {
        submodules.set(type, count);
        total = add(total, visit(type).total, count);
        continue;
      }
      const contribution = classifyCell(family, type);
      let cell: CellCounts = { ...ZERO, cells: 1 };
      if (contribution === null) other.set(type, count);
      else for (const [column, units] of contribution) cell = { ...cell, [column]: units };
      own = add(own, cell, count);
    }
    total = add(total, own);
    const stat = { name, own, total, submodules, other };
    visiting.delete(name);
    stats.set(name, stat);
    return stat;
  };
  for (const name of byType.keys()) visit(name);
  const instanced = new Set([...stats.values()].flatMap((stat) => [...stat.submodules.keys()]));
  const tops = [...stats.keys()].filter((name) => !instanced.has(name));
  if (tops.length !== 1) fail('the design must have exactly one top module (one no other module instances)', tops);
  const top = tops[0] as string;
  return { family, top, modules: stats, total: (stats.get(top) as ModuleStat).total };
}

/** `ltp -noff` output: the longest topological path (in cells) of each module. */
export function parseLongestPaths(text: string): ReadonlyMap<string, number> {
  const paths = new Map<string, number>();
  for (const match of text.matchAll(/^Longest topological path in (\S+) \(length=(\d+)\)/gm)) paths.set(plain(match[1] ?? ''), Number(match[2]));
  return paths;
}
