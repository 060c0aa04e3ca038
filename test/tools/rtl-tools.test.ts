// The HDL simulator proxy (hls/rtl/tools.ts) against the real Verilator and Icarus (Debian's verilator
// and iverilog packages, which .ci/run installs). Fails in CI without them; skips elsewhere with the
// reason printed.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../cli/errors.js';
import { HdlToolError, SimulatorNotFoundError, findSimulator, lintVerilog, runTestbench, toolVersion } from '../../hls/rtl/tools.js';

function found(kind: 'verilator' | 'icarus'): boolean {
  try {
    findSimulator(kind);
    return true;
  } catch {
    return false;
  }
}

const available = found('verilator') && found('icarus');
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

if (!available && !inCi) {
  console.log('rtl-tools: skipped, verilator or iverilog/vvp is missing from PATH (apt-get install verilator iverilog; CI installs them)');
}

const counter = `\`timescale 1ns/1ps
module counter (
  input wire clk,
  input wire rst,
  output reg [3:0] count
);
  always @(posedge clk) begin
    if (rst) count <= 4'd0;
    else count <= count + 4'd1;
  end
endmodule
`;

/** Prints the counter after each rising edge, for +cycles=N edges (20 by default); wraps at 16. */
function testbench(nonce: string, finish = true): string {
  return `\`timescale 1ns/1ps
// ${nonce}
module tb;
  reg clk = 1'b0;
  reg rst = 1'b1;
  wire [3:0] count;
  integer cycles;
  counter dut (.clk(clk), .rst(rst), .count(count));
  initial forever #5 clk = ~clk;
  initial begin
    if (!$value$plusargs("cycles=%d", cycles)) cycles = 20;
    @(posedge clk);
    @(negedge clk) rst = 1'b0;
    repeat (cycles) begin
      @(posedge clk);
      #1 $display("count=%0d hex=%h", count, count);
    end
    ${finish ? '$finish;' : ''}
  end
endmodule
`;
}

/** Folders the tests made (work folders, Verilator cache entries of one-off sources), removed at the end. */
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh folder holding the given files; returns it and the files' paths. */
async function writeSources(files: Record<string, string>): Promise<{ dir: string; paths: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'ngt-rtl-tools-'));
  made.push(dir);
  const paths: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, text);
    paths.push(path);
  }
  return { dir, paths };
}

function expectedCounts(cycles: number): string {
  return Array.from({ length: cycles }, (_, index) => `count=${(index + 1) % 16} hex=${((index + 1) % 16).toString(16)}\n`).join('');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('findSimulator', () => {
  const path = process.env['PATH'];
  afterEach(() => {
    process.env['PATH'] = path;
  });

  it('says exactly what to install when no simulator is on PATH (exit 2)', () => {
    process.env['PATH'] = '/nonexistent-ngt-bin';
    expect(() => findSimulator()).toThrow(
      new SimulatorNotFoundError(
        'an HDL simulator must be on PATH, not missing (neither verilator nor iverilog and vvp found): apt-get install verilator (preferred) or apt-get install iverilog',
      ),
    );
    expect(() => findSimulator('icarus')).toThrow('the icarus simulator needs iverilog and vvp on PATH, which has none: apt-get install iverilog');
    const error = (() => {
      try {
        findSimulator('verilator');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SimulatorNotFoundError);
    expect((error as SimulatorNotFoundError).code).toBe('SIMULATOR_NOT_FOUND');
    expect((error as Error).message).toContain('apt-get install verilator');
    expect(exitCodeFor(error)).toBe(2);
  });
});

describe('HDL simulators (Verilator, Icarus)', () => {
  it.runIf(!available && inCi)('finds verilator, iverilog and vvp in CI', () => {
    expect.fail('verilator or iverilog/vvp is missing: .ci/run must install the verilator and iverilog packages');
  });

  it.runIf(available)('prefers Verilator and reports both versions', async () => {
    const preferred = findSimulator();
    expect(preferred.kind).toBe('verilator');
    const verilator = await toolVersion(preferred);
    expect(verilator.kind).toBe('verilator');
    expect(verilator.major).toBeGreaterThanOrEqual(5);
    expect(verilator.text).toMatch(new RegExp(`^Verilator ${verilator.version.replace('.', '\\.')}\\b`));
    const icarus = await toolVersion(findSimulator('icarus'));
    expect(icarus.kind).toBe('icarus');
    expect(icarus.text).toContain(`Icarus Verilog version ${icarus.version}`);
  });

  it.runIf(available)('runs one testbench in both simulators with the same output, plusargs included', async () => {
    const { dir, paths } = await writeSources({ 'counter.v': counter, 'tb.v': testbench(randomUUID()) });
    const phases: string[] = [];
    const verilator = await runTestbench(findSimulator('verilator'), { top: 'tb', sources: paths, workDir: join(dir, 'verilator'), args: ['+cycles=18'], onProgress: (phase) => phases.push(phase) });
    const icarus = await runTestbench(findSimulator('icarus'), { top: 'tb', sources: paths, workDir: join(dir, 'icarus'), args: ['+cycles=18'] });
    made.push(verilator.buildDir);
    expect(verilator.stdout).toBe(expectedCounts(18));
    expect(icarus.stdout).toBe(verilator.stdout);
    expect(verilator.cached).toBe(false);
    expect(phases).toEqual(['build', 'run']);
    expect(readFileSync(join(dir, 'verilator', 'verilator-run.log'), 'utf8')).toContain('count=2 hex=2');
    console.log(`rtl-tools: verilator build ${Math.round(verilator.buildMs)} ms, run ${Math.round(verilator.runMs)} ms; icarus build ${Math.round(icarus.buildMs)} ms, run ${Math.round(icarus.runMs)} ms`);
  });

  it.runIf(available)('reuses the Verilator build of the same sources written elsewhere', async () => {
    const nonce = randomUUID();
    const first = await writeSources({ 'counter.v': counter, 'tb.v': testbench(nonce) });
    const second = await writeSources({ 'counter.v': counter, 'tb.v': testbench(nonce) });
    const tool = findSimulator('verilator');
    const cold = await runTestbench(tool, { top: 'tb', sources: first.paths, workDir: first.dir });
    const phases: string[] = [];
    const warm = await runTestbench(tool, { top: 'tb', sources: second.paths, workDir: second.dir, args: ['+cycles=3'], onProgress: (phase) => phases.push(phase) });
    made.push(cold.buildDir);
    expect(cold.cached).toBe(false);
    expect(warm.cached).toBe(true);
    expect(phases).toEqual(['cached', 'run']);
    expect(warm.buildDir).toBe(cold.buildDir);
    expect(warm.buildMs).toBeLessThan(cold.buildMs / 20);
    expect(cold.stdout).toBe(expectedCounts(20));
    expect(warm.stdout).toBe(expectedCounts(3));
    expect(readFileSync(join(second.dir, 'verilator-build.log'), 'utf8')).toContain(`# cached build ${cold.buildDir}`);
    console.log(`rtl-tools: verilator cold build ${Math.round(cold.buildMs)} ms, cached ${warm.buildMs.toFixed(1)} ms`);
  });

  it.runIf(available)("fails lint with Verilator's own width warning, and passes clean RTL", async () => {
    const narrow = 'module narrow (\n  input wire [7:0] a,\n  output wire [3:0] y\n);\n  assign y = a;\nendmodule\n';
    const { dir, paths } = await writeSources({ 'narrow.v': narrow, 'counter.v': counter });
    const error = await rejection(lintVerilog([join(dir, 'narrow.v')], 'narrow', { workDir: dir }));
    expect(error).toBeInstanceOf(HdlToolError);
    const lint = error as HdlToolError;
    expect(lint.step).toBe('lint');
    expect(lint.message).toContain("Verilog of 'narrow' must lint clean under verilator -Wall, not with 2 warning(s) or error(s)");
    expect(lint.message).toContain("%Warning-WIDTH: ");
    expect(lint.message).toContain("Operator ASSIGNW expects 4 bits on the Assign RHS, but Assign RHS's VARREF 'a' generates 8 bits.");
    expect(lint.logPath).toBe(join(dir, 'verilator-lint.log'));
    expect(exitCodeFor(lint)).toBe(1);
    await expect(lintVerilog([paths[1] ?? ''], 'counter')).resolves.toBeUndefined();
  });

  it.runIf(available)('raises HdlToolError naming the build log on a syntax error, in both simulators', async () => {
    const { dir, paths } = await writeSources({ 'bad.v': 'module bad (input wire a, output wire y);\n  assign y = a +;\nendmodule\n' });
    for (const [kind, log] of [['verilator', 'verilator-build.log'], ['icarus', 'iverilog-build.log']] as const) {
      const workDir = join(dir, kind);
      const error = await rejection(runTestbench(findSimulator(kind), { top: 'bad', sources: paths, workDir }));
      expect(error).toBeInstanceOf(HdlToolError);
      const build = error as HdlToolError;
      expect(build.step).toBe('build');
      expect(build.logPath).toBe(join(workDir, log));
      expect(build.message).toContain(`; log: ${join(workDir, log)}`);
      expect(build.message).toMatch(/bad\.v:2.*syntax error/);
      expect(readFileSync(join(workDir, log), 'utf8')).toContain(build.output.split('\n')[0] ?? '<none>');
    }
  });

  it.runIf(available)('stops a testbench that never calls $finish at the time limit', async () => {
    const { dir, paths } = await writeSources({ 'counter.v': counter, 'tb.v': testbench('no finish', false) });
    const error = await rejection(runTestbench(findSimulator('icarus'), { top: 'tb', sources: paths, workDir: dir, args: ['+cycles=2'], timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(HdlToolError);
    const timeout = error as HdlToolError;
    expect(timeout.timedOut).toBe(true);
    expect(timeout.status).toBeNull();
    expect(timeout.message).toContain("vvp simulation of 'tb' failed: killed after 1000 ms (the limit) (a testbench must end with $finish)");
  });
});
