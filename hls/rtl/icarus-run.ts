// Compiles and runs a Verilog testbench with Icarus Verilog (iverilog + vvp), for the tests that diff
// generated RTL against the bit-accurate reference. Icarus is found on PATH; a failure of either tool
// is an IcarusError carrying the tool's own message.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { NgtError } from '@ngt/fxp';

/** iverilog or vvp failed (syntax error, elaboration error, a crash), or is missing. */
export class IcarusError extends NgtError {
  readonly code = 'ICARUS';
}

/** The path of `tool` on PATH, or null. */
export function findTool(tool: string): string | null {
  for (const folder of (process.env['PATH'] ?? '').split(delimiter)) {
    if (folder !== '' && existsSync(join(folder, tool))) return join(folder, tool);
  }
  return null;
}

export function icarusAvailable(): boolean {
  return findTool('iverilog') !== null && findTool('vvp') !== null;
}

export interface IcarusRun {
  /** Verilog files, the testbench among them. */
  readonly sources: readonly string[];
  /** The top module (the testbench). */
  readonly top: string;
  /** Where the compiled image goes and vvp runs ($readmemh and $fopen paths are relative to it). */
  readonly folder: string;
}

/** Compiles `sources` as Verilog-2005 and runs `top`; resolves to what the simulation printed. */
export async function runIcarus(run: IcarusRun): Promise<string> {
  const iverilog = findTool('iverilog');
  const vvp = findTool('vvp');
  if (iverilog === null || vvp === null) throw new IcarusError(`Icarus Verilog must be on PATH (iverilog and vvp), not missing ${iverilog === null ? 'iverilog' : 'vvp'}`);
  const image = join(run.folder, `${run.top}.vvp`);
  await tool(iverilog, ['-g2005', '-Wall', '-s', run.top, '-o', image, ...run.sources], run.folder, `iverilog on ${run.sources.join(', ')}`);
  return tool(vvp, ['-n', image], run.folder, `vvp running ${run.top}`);
}

function tool(path: string, args: readonly string[], cwd: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, args, { cwd, maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      // iverilog reports errors on stderr with a non-zero status; vvp's $error/$fatal likewise.
      if (error) reject(new IcarusError(`${what} failed (${error.code ?? error.signal ?? 'error'}): ${(stderr || stdout).trim().slice(0, 4000)}`));
      else resolve(stdout);
    });
  });
}
