// iCE40 end to end with no vendor tool: the model's RTL inside the pin-sized shell (shell.ts), Yosys
// synth_ice40 (flattened) to a JSON netlist, nextpnr-ice40 placement and routing (its Fmax and
// utilisation, from --report), icepack to the bitstream. A design that does not fit is refused before
// place and route, saying by how much it is over.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NgtError } from '@ngt/fxp';
import type { Part } from '../hls/index.js';
import { shellVerilog, SHELL_TOP } from './shell.js';
import type { CellCounts } from './stat.js';
import { findTool, PnrError, runTool, toolVersion, type ToolBuild } from './tools.js';
import { synthesize, type RtlSources, type SynthesisResult } from './yosys.js';

/** The design needs more of some resource than the device has: exit 1, with how far over it is. */
export class DesignDoesNotFitError extends NgtError {
  readonly code: string = 'DOES_NOT_FIT';
  override readonly exitCode: number = 1;
}

export interface BuildPorts {
  readonly inputs: readonly { readonly bits: number }[];
  readonly outputs: readonly { readonly bits: number }[];
}

export interface Ice40BuildOptions {
  readonly part: Part;
  /** The clock nextpnr aims for, MHz. */
  readonly targetMhz: number;
  readonly outDir: string;
  readonly build?: ToolBuild;
  readonly onStep?: (step: 'yosys' | 'nextpnr' | 'icepack', detail: string) => void;
  readonly timeoutMs?: number;
}

export interface PnrUtilisation {
  /** nextpnr's cell kinds: ICESTORM_LC, ICESTORM_RAM, ICESTORM_DSP, SB_IO, ... */
  readonly [kind: string]: { readonly used: number; readonly available: number };
}

export interface Ice40BuildResult {
  readonly synthesis: SynthesisResult;
  /** nextpnr's achieved Fmax of clk, MHz. */
  readonly fmaxMhz: number;
  readonly utilisation: PnrUtilisation;
  /** Placed and routed figures in the report's columns: LUT = logic cells used, FF = SB_DFF* cells. */
  readonly resources: { readonly dsp: number; readonly lut: number; readonly ff: number; readonly bram18: number };
  readonly bitstream: string;
  readonly files: readonly string[];
  readonly tools: { readonly yosys: string; readonly nextpnr: string; readonly icepack: string };
  readonly pnrMs: number;
}

/** nextpnr-ice40's device and package flags for a part name: 'iCE40UP5K' -> --up5k --package sg48. */
export function ice40DeviceFlags(part: Part): string[] {
  const packages = ['sg48', 'uwg30'];
  const named = packages.find((name) => part.name.toLowerCase().includes(name));
  return ['--up5k', '--package', named ?? 'sg48'];
}

/** Refuses a design over the device's logic cells, flip-flops, DSPs or block RAMs, naming each excess. */
export function checkFits(total: CellCounts, part: Part): void {
  const rows: [string, number, number][] = [
    ['SB_LUT4 logic cells', total.lut, part.lut],
    ['flip-flops', total.ff, part.ff],
    ['SB_MAC16 DSPs', total.dsp, part.dsp],
    ['SB_RAM40_4K block RAMs', total.bram18, part.bram],
  ];
  const over = rows.filter(([, used, available]) => used > available);
  if (over.length === 0) return;
  const words = over.map(([what, used, available]) => `${used.toLocaleString('en-US')} ${what} against the ${available.toLocaleString('en-US')} it has (${(((used - available) / available) * 100).toFixed(1)}% over)`);
  throw new DesignDoesNotFitError(`the design must fit the ${part.name}, not need ${words.join('; ')}: raise ReuseFactor, narrow the precisions or prune`);
}

interface NextpnrReport {
  readonly utilization?: Record<string, { used?: number; available?: number }>;
  readonly fmax?: Record<string, { achieved?: number; constraint?: number }>;
}

export async function buildIce40(sources: RtlSources, ports: BuildPorts, options: Ice40BuildOptions): Promise<Ice40BuildResult> {
  const [input, output] = [ports.inputs[0], ports.outputs[0]];
  if (ports.inputs.length !== 1 || ports.outputs.length !== 1 || input === undefined || output === undefined) {
    throw new DesignDoesNotFitError(`ngt build's pin shell takes a model with one input and one output, not ${ports.inputs.length} and ${ports.outputs.length}`);
  }
  const files = new Map(sources.files);
  files.set(`${SHELL_TOP}.v`, shellVerilog({ top: sources.top, inputBits: input.bits, outputBits: output.bits }));
  options.onStep?.('yosys', 'synth_ice40');
  const synthesis = await synthesize({ top: SHELL_TOP, files }, { family: 'ice40', build: options.build, netlist: true, timeoutMs: options.timeoutMs, onPass: (pass) => options.onStep?.('yosys', pass) });
  checkFits(synthesis.stat.total, options.part);
  const outDir = options.outDir;
  await mkdir(outDir, { recursive: true });
  const netlist = await readFile(join(synthesis.folder, 'netlist.json'));
  const nextpnr = findTool('nextpnr-ice40', options.build);
  const icepack = findTool('icepack', options.build);
  options.onStep?.('nextpnr', 'place and route');
  const pnrStart = performance.now();
  const timeoutMs = options.timeoutMs ?? 1_800_000;
  const args = [...ice40DeviceFlags(options.part), '--json', 'netlist.json', '--asc', 'top.asc', '--report', 'pnr-report.json', '--freq', String(options.targetMhz), '--seed', '1', '--timing-allow-fail'];
  await runTool(nextpnr, { args, inputs: { 'netlist.json': netlist }, outputs: ['top.asc', 'pnr-report.json'], workDir: outDir, log: 'nextpnr.log', timeoutMs, what: `nextpnr-ice40 of '${sources.top}' on the ${options.part.name}` });
  const pnrMs = performance.now() - pnrStart;
  options.onStep?.('icepack', 'bitstream');
  await runTool(icepack, { args: ['top.asc', 'top.bin'], inputs: {}, outputs: ['top.bin'], workDir: outDir, log: 'icepack.log', timeoutMs, what: `icepack of '${sources.top}'` });
  await copyFile(join(synthesis.folder, 'yosys.log'), join(outDir, 'yosys.log'));
  const report = JSON.parse(await readFile(join(outDir, 'pnr-report.json'), 'utf8')) as NextpnrReport;
  const clock = Object.entries(report.fmax ?? {}).find(([name]) => name.includes('clk'))?.[1] ?? Object.values(report.fmax ?? {})[0];
  const fmaxMhz = clock?.achieved;
  if (typeof fmaxMhz !== 'number' || !(fmaxMhz > 0)) throw new PnrError(`nextpnr's report must give the clock's achieved Fmax, not ${JSON.stringify(report.fmax)}`, 'nextpnr-ice40', '', join(outDir, 'nextpnr.log'), 0, false);
  const utilisation: Record<string, { used: number; available: number }> = {};
  for (const [kind, entry] of Object.entries(report.utilization ?? {})) utilisation[kind] = { used: entry.used ?? 0, available: entry.available ?? 0 };
  const used = (kind: string): number => utilisation[kind]?.used ?? 0;
  return {
    synthesis,
    fmaxMhz,
    utilisation,
    resources: { lut: used('ICESTORM_LC'), ff: synthesis.stat.total.ff, dsp: used('ICESTORM_DSP'), bram18: used('ICESTORM_RAM') },
    bitstream: join(outDir, 'top.bin'),
    files: ['top.bin', 'top.asc', 'pnr-report.json', 'nextpnr.log', 'yosys.log'].map((name) => join(outDir, name)),
    tools: { yosys: synthesis.tool.version, nextpnr: await toolVersion(nextpnr), icepack: await toolVersion(icepack) },
    pnrMs,
  };
}
