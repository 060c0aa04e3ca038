// Yosys synthesis of the model's RTL for one FPGA family, hierarchy kept (one module per layer process,
// so each layer's cells are its own), then `stat -json` for the cell counts and `ltp -noff` for the
// longest path in cells (logic depth, for a clock estimate). Results are cached by the hash of the RTL,
// the script and the Yosys version (tools.ts).
//
// Scripts (Yosys 0.23 and the YoWASP 0.55 build take them alike):
//   xcup:  synth_xilinx -family xcup -noiopad -top TOP     (UltraScale+: DSP48E2, CARRY8, LUT6)
//   xc7:   synth_xilinx -family xc7 -noiopad -top TOP      (7-series: DSP48E1, CARRY4)
//   ecp5:  synth_ecp5 -noflatten -top TOP
//   ice40: synth_ice40 -noflatten -top TOP                 (multipliers in SB_LUT4: no -dsp)
// synth_xilinx keeps the hierarchy unless told to flatten; synth_ecp5 and synth_ice40 flatten unless
// told -noflatten. -noiopad: no IBUF/OBUF on the top's ports (thousands of bits wide; out of context,
// as a layer inside a larger design would be). A netlist for place and route (buildIce40) is flattened.
import { invariant } from '@ngt/fxp';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseLongestPaths, parseStat, type DesignStat, type SynthFamily } from './stat.js';
import { cachedEntry, cacheKey, findTool, runTool, toolVersion, type SynthTool, type ToolBuild } from './tools.js';

export interface RtlSources {
  readonly top: string;
  /** File name -> Verilog text (sim/rtl/top.ts buildRtl's files). */
  readonly files: ReadonlyMap<string, string>;
}

export interface SynthesisOptions {
  readonly family: SynthFamily;
  /** Force the native or the wasm Yosys (default: native when on PATH, NGT_SYNTH_TOOLS overrides). */
  readonly build?: ToolBuild;
  /** Default 30 minutes: the jet tagger at RF 1 takes minutes. */
  readonly timeoutMs?: number;
  /** Each Yosys pass as it starts ('SYNTH_ICE40', 'ABC', ...): for a progress bar. */
  readonly onPass?: (pass: string) => void;
  /** Also write a flattened JSON netlist (netlist.json in the entry) for nextpnr. */
  readonly netlist?: boolean;
}

export interface SynthesisResult {
  readonly family: SynthFamily;
  readonly tool: { readonly build: ToolBuild; readonly version: string };
  readonly stat: DesignStat;
  /** Longest topological path in cells, per module (ltp -noff), and the worst over the design. */
  readonly longestPaths: ReadonlyMap<string, number>;
  readonly logicDepth: number;
  /** Wall time of this call (a cache hit: the time to read the entry). */
  readonly ms: number;
  /** Wall time of the Yosys run that made the entry. */
  readonly yosysMs: number;
  readonly cached: boolean;
  /** The cache entry: yosys.log, stat.json, ltp.txt (and netlist.json). */
  readonly folder: string;
  readonly logPath: string;
}

export const SYNTH_FAMILIES: readonly SynthFamily[] = ['xcup', 'xc7', 'ecp5', 'ice40'];

/** The family's synthesis command for `top`, hierarchy kept (or flattened for a place-and-route netlist). */
export function synthCommand(family: SynthFamily, top: string, flatten = false): string {
  switch (family) {
    case 'xcup':
    case 'xc7':
      return `synth_xilinx -family ${family} -noiopad -top ${top}${flatten ? ' -flatten' : ''}`;
    case 'ecp5':
      return `synth_ecp5 ${flatten ? '' : '-noflatten '}-top ${top}`;
    case 'ice40':
      return `synth_ice40 ${flatten ? '' : '-noflatten '}-top ${top}`;
  }
}

/** The whole script: read the sources, synthesize, count, and (for place and route) write the netlist. */
export function synthScript(family: SynthFamily, sources: RtlSources, netlist = false): string {
  const files = [...sources.files.keys()].filter((name) => name.endsWith('.v'));
  return [
    `read_verilog -sv ${files.join(' ')}`,
    `hierarchy -check -top ${sources.top}`,
    synthCommand(family, sources.top, netlist),
    'tee -q -o stat.json stat -json',
    'tee -q -o ltp.txt ltp -noff',
    ...(netlist ? ['write_json netlist.json'] : []),
    '',
  ].join('\n');
}

/** Synthesizes the RTL for the family (or reads the cached result of the same RTL, script and Yosys). */
export async function synthesize(sources: RtlSources, options: SynthesisOptions): Promise<SynthesisResult> {
  const started = performance.now();
  const tool: SynthTool = findTool('yosys', options.build);
  const version = await toolVersion(tool);
  const script = synthScript(options.family, sources, options.netlist ?? false);
  const names = [...sources.files.keys()].sort();
  const key = cacheKey([version, script, ...names.flatMap((name) => [name, sources.files.get(name) ?? ''])]);
  let yosysMs = 0;
  const outputs = ['stat.json', 'ltp.txt', ...(options.netlist ? ['netlist.json'] : [])];
  const { folder, cached } = await cachedEntry(key, async (stage) => {
    const inputs: Record<string, string> = { 'synth.ys': script };
    for (const [name, text] of sources.files) inputs[name] = text;
    const result = await runTool(tool, {
      args: ['-l', 'yosys.log', '-s', 'synth.ys'],
      inputs,
      outputs,
      workDir: stage,
      log: 'yosys-console.log',
      timeoutMs: options.timeoutMs ?? 1_800_000,
      what: `yosys ${synthCommand(options.family, sources.top)}`,
      onLine: options.onPass && ((line) => {
        const pass = /^\d+(?:\.\d+)*\. Executing (\S+)/.exec(line)?.[1];
        if (pass) options.onPass?.(pass);
      }),
    });
    yosysMs = result.ms;
    await writeFile(join(stage, 'yosys-ms.txt'), `${Math.round(result.ms)}\n`);
  });
  if (cached) yosysMs = Number((await readFile(join(folder, 'yosys-ms.txt'), 'utf8').catch(() => '0')).trim());
  const stat = parseStat(await readFile(join(folder, 'stat.json'), 'utf8'), options.family);
  invariant(stat.top === sources.top, `synthesized top '${stat.top}' is the RTL's '${sources.top}'`);
  const longestPaths = parseLongestPaths(await readFile(join(folder, 'ltp.txt'), 'utf8'));
  // The top's own path counts each submodule instance as one cell: the modules' paths are the real ones
  // (a flattened netlist has the top only).
  const inside = [...longestPaths].filter(([name]) => name !== sources.top || longestPaths.size === 1);
  const logicDepth = Math.max(0, ...inside.map(([, length]) => length));
  return {
    family: options.family,
    tool: { build: tool.build, version },
    stat,
    longestPaths,
    logicDepth,
    ms: performance.now() - started,
    yosysMs,
    cached,
    folder,
    logPath: join(folder, 'yosys.log'),
  };
}
