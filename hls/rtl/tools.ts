// The HDL simulators behind one proxy (STYLE.md, as Amaranth finds Yosys): Verilator preferred, Icarus
// the fallback, and every failure a named error carrying the tool's own words and the log it wrote.
//
// Verilator (5.002 or newer) builds with
//   verilator --binary --timing -Wall --top-module TOP -O3 -fno-dfg -Mdir CACHE/obj -j N SOURCES
// --binary (an alias of --main --exe --build --timing since 5.002) makes Verilator write the C++ main
// and build the executable from a self-checking Verilog testbench: no C++ of ours. --timing is implied
// by --binary but given anyway so that lintVerilog and the build read a testbench alike; without it
// 5.006 stops with NEEDTIMINGOPT on the first `#` delay or `@(posedge clk)`. Delays are what let one
// testbench run in both simulators (its clock is `initial forever #5 clk = ~clk;`: the shorter
// `always #5 clk = ~clk;` is a BLKSEQ warning under -Wall). They cost C++20 coroutines (g++ >= 10,
// -fcoroutines, which Verilator adds). -Wall with warnings left fatal (Verilator's default, no
// -Wno-fatal): the build refuses what the lint refuses. -O3 is Verilator's own optimisation; the C++ is
// compiled as verilated.mk says (-Os).
//
// Builds are cached: the C++ compile takes seconds for a tiny testbench and tens of seconds for a
// model. An entry lives in os.tmpdir()/ngt-verilator-cache/<key>, the key a SHA-256 of the Verilator
// version line, the flags, the top module and each source's file name and text (not its folder), so
// the same RTL written to a fresh folder hits the cache. Sources must therefore be self-contained (no
// `include: an included file's text is not in the key). Files the testbench reads at run time
// ($readmemh, $fopen) are not part of the key either: both simulators run in workDir, where those
// paths resolve. An entry is built in a private folder and renamed into place, so concurrent runs never
// see half a build. Delete the folder to reclaim the space (about 0.5 MB for a small testbench).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, createWriteStream, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import { NgtError } from '@ngt/fxp';

/** No usable simulator on PATH: says which Debian package to install. */
export class SimulatorNotFoundError extends NgtError {
  readonly code: string = 'SIMULATOR_NOT_FOUND';
}

/** Verilog sources the simulators cannot take: none, or one that cannot be read. */
export class HdlSourceError extends NgtError {
  readonly code: string = 'HDL_SOURCE';
}

export type HdlStep = 'version' | 'lint' | 'build' | 'run';

/** A simulator or lint run that failed (non-zero exit, timeout, lint warnings): a failure of the work, exit 1. */
export class HdlToolError extends NgtError {
  readonly code: string = 'HDL_TOOL';
  override readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly tool: string,
    readonly step: HdlStep,
    /** The last ~40 lines of the tool's stderr (its stdout where stderr was empty). */
    readonly output: string,
    /** The log holding the tool's whole output, or null where none was written. */
    readonly logPath: string | null,
    /** The tool's exit status; null where it was killed or never started. */
    readonly status: number | null,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

export type SimulatorKind = 'verilator' | 'icarus';

export type SimulatorTool =
  | { readonly kind: 'verilator'; readonly verilator: string }
  | { readonly kind: 'icarus'; readonly iverilog: string; readonly vvp: string };

export interface ToolVersion {
  readonly kind: SimulatorKind;
  /** 'major.minor' as the tool prints it, e.g. '5.006' or '11.0'. */
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  /** The tool's whole version line, e.g. 'Verilator 5.006 2023-01-22 rev (Debian 5.006-3)'. */
  readonly text: string;
}

export type TestbenchPhase = 'build' | 'cached' | 'run';

export interface TestbenchOptions {
  /** The testbench module: it drives the design and ends with $finish. */
  readonly top: string;
  /** Verilog-2005 files, self-contained (no `include). */
  readonly sources: readonly string[];
  /** Logs (and Icarus's sim.vvp) go here; the simulation runs here. Created when missing. */
  readonly workDir: string;
  /** Plusargs for the run, e.g. '+samples=8'. */
  readonly args?: readonly string[];
  /** Limit for each step (build, run); by default 300 s, and 120 s more per MB of Verilog beyond 1 MB. */
  readonly timeoutMs?: number;
  readonly onProgress?: (phase: TestbenchPhase) => void;
}

export interface TestbenchResult {
  /** What the testbench printed ($display), the same text from either simulator. */
  readonly stdout: string;
  readonly buildMs: number;
  readonly runMs: number;
  /** True when a Verilator build of the same sources was reused (never for Icarus). */
  readonly cached: boolean;
  /** The Verilator cache entry, or workDir for Icarus. */
  readonly buildDir: string;
}

const INSTALL: Record<SimulatorKind, string> = { verilator: 'apt-get install verilator', icarus: 'apt-get install iverilog' };
const MIN_VERILATOR = { major: 5, minor: 2 };
const DEFAULT_TIMEOUT_MS = 300_000;
/**
 * The default limit grows with the design: Verilator's build of TFC_2W2A's 7 MB of Verilog takes 5-6
 * minutes on a loaded 2-core machine (about 1 min verilating, the rest g++), the jet tagger's 0.6 MB
 * under one.
 */
function defaultTimeoutMs(sources: readonly Source[]): number {
  const megabytes = sources.reduce((sum, { text }) => sum + text.length, 0) / 1e6;
  return DEFAULT_TIMEOUT_MS + Math.max(0, megabytes - 1) * 120_000;
}
const TAIL_LINES = 40;

/** The executable `name` in a folder of PATH, or null (also for the synthesis tools in synth/). */
export function onPath(name: string): string | null {
  for (const folder of (process.env['PATH'] ?? '').split(delimiter)) {
    if (folder === '') continue;
    const path = join(folder, name);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return path;
    } catch {
      // Not in this folder: look in the next.
    }
  }
  return null;
}

function findKind(kind: SimulatorKind): SimulatorTool | null {
  if (kind === 'verilator') {
    const verilator = onPath('verilator');
    return verilator === null ? null : { kind, verilator };
  }
  const iverilog = onPath('iverilog');
  const vvp = onPath('vvp');
  return iverilog === null || vvp === null ? null : { kind, iverilog, vvp };
}

/**
 * The simulator to use: Verilator when on PATH, else Icarus (iverilog and vvp). With a preference,
 * that simulator only: a user who asked for Icarus gets Icarus or an error, never a silent swap.
 */
export function findSimulator(preference?: SimulatorKind): SimulatorTool {
  if (preference !== undefined) {
    const tool = findKind(preference);
    if (tool !== null) return tool;
    const binaries = preference === 'verilator' ? 'verilator' : 'iverilog and vvp';
    throw new SimulatorNotFoundError(`the ${preference} simulator needs ${binaries} on PATH, which has none: ${INSTALL[preference]}`);
  }
  const tool = findKind('verilator') ?? findKind('icarus');
  if (tool !== null) return tool;
  throw new SimulatorNotFoundError(
    `an HDL simulator must be on PATH, not missing (neither verilator nor iverilog and vvp found): ${INSTALL.verilator} (preferred) or ${INSTALL.icarus}`,
  );
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

interface ProcessRequest {
  readonly tool: string;
  readonly step: HdlStep;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly logPath: string | null;
  readonly timeoutMs: number;
  /** What ran, for messages: "verilator build of 'tb'". */
  readonly what: string;
}

interface ProcessResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Exit status; null where the process was killed or never started. */
  readonly status: number | null;
  readonly timedOut: boolean;
  /** How it ended, in words: 'exit status 1', 'killed after 500 ms (the limit)', ... */
  readonly ending: string;
}

/** Runs one tool to completion, its output captured and written to the log as it comes. */
async function runProcess(request: ProcessRequest): Promise<ProcessResult> {
  const { command, args, cwd, logPath, timeoutMs } = request;
  const log = logPath === null ? null : createWriteStream(logPath);
  log?.write(`$ cd ${cwd} && ${[command, ...args].join(' ')}\n`);
  const start = performance.now();
  // Its own process group, so that a timeout also ends the make and g++ that verilator starts.
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    log?.write(chunk);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    log?.write(chunk);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  const outcome = await new Promise<{ status: number | null; signal: string | null; startError: Error | null }>((settle) => {
    child.once('error', (startError) => settle({ status: null, signal: null, startError }));
    child.once('close', (status, signal) => settle({ status, signal, startError: null }));
  });
  clearTimeout(timer);
  const ms = performance.now() - start;
  const ending = outcome.startError
    ? `could not start (${outcome.startError.message})`
    : timedOut
      ? `killed after ${timeoutMs} ms (the limit)`
      : outcome.status !== null
        ? `exit status ${outcome.status}`
        : `killed by ${outcome.signal ?? 'a signal'}`;
  if (log !== null) {
    log.end(`\n# ${ending}, ${Math.round(ms)} ms\n`);
    await new Promise<void>((settle) => log.once('close', () => settle()));
  }
  return { stdout, stderr, ms, status: timedOut ? null : outcome.status, timedOut, ending };
}

/** The HdlToolError for a run that failed (non-zero exit, timeout, no start), with the tool's last lines. */
function failure(request: ProcessRequest, result: ProcessResult): HdlToolError {
  const output = lastLines(result.stderr.trim() === '' ? result.stdout : result.stderr, TAIL_LINES);
  const hint = result.timedOut && request.step === 'run' ? ' (a testbench must end with $finish)' : '';
  const where = request.logPath === null ? '' : `; log: ${request.logPath}`;
  return new HdlToolError(`${request.what} failed: ${result.ending}${hint}${where}\n${output}`, request.tool, request.step, output, request.logPath, result.status, result.timedOut);
}

async function runChecked(request: ProcessRequest): Promise<ProcessResult> {
  const result = await runProcess(request);
  if (result.status !== 0) throw failure(request, result);
  return result;
}

const versions = new Map<string, Promise<ToolVersion>>();

async function readVersion(tool: SimulatorTool): Promise<ToolVersion> {
  const [command, flag] = tool.kind === 'verilator' ? [tool.verilator, '--version'] : [tool.iverilog, '-V'];
  const { stdout } = await runChecked({ tool: basename(command), step: 'version', command, args: [flag], cwd: process.cwd(), logPath: null, timeoutMs: 30_000, what: `${basename(command)} ${flag}` });
  const text = stdout.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  const match = (tool.kind === 'verilator' ? /^Verilator (\d+)\.(\d+)/ : /^Icarus Verilog version (\d+)\.(\d+)/).exec(text);
  if (!match) {
    throw new HdlToolError(`${command} ${flag} must print a version line, not '${text}'`, basename(command), 'version', text, null, 0, false);
  }
  const [, major = '', minor = ''] = match;
  return { kind: tool.kind, version: `${major}.${minor}`, major: Number(major), minor: Number(minor), text };
}

/** The simulator's version (asked once per binary path). */
export function toolVersion(tool: SimulatorTool): Promise<ToolVersion> {
  const key = tool.kind === 'verilator' ? tool.verilator : tool.iverilog;
  let version = versions.get(key);
  if (version === undefined) {
    version = readVersion(tool);
    versions.set(key, version);
    version.catch(() => versions.delete(key));
  }
  return version;
}

interface Source {
  readonly path: string;
  readonly name: string;
  readonly text: string;
}

async function readSources(sources: readonly string[]): Promise<Source[]> {
  if (sources.length === 0) throw new HdlSourceError('sources must name at least one Verilog file, not none');
  const read = await Promise.all(
    sources.map(async (source) => {
      const path = resolve(source);
      try {
        return { path, name: basename(path), text: await readFile(path, 'utf8') };
      } catch (error) {
        throw new HdlSourceError(`Verilog source '${source}' must be a readable file, not ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      }
    }),
  );
  return read;
}

// -fno-dfg: Verilator 5.006's data-flow-graph optimiser (new in 5.0) miscompiles TFC_2W2A's 784-input
// dense (found by probing every stream against Icarus: two output lanes read 0 after whole-design
// inlining, and probes move the error around); with the pass off the build agrees with Icarus and the
// cycle simulator. The pass is a speed optimisation only, so it stays off for every version.
function verilatorFlags(top: string): string[] {
  return ['--binary', '--timing', '-Wall', '--top-module', top, '-O3', '-fno-dfg'];
}

export function verilatorCacheRoot(): string {
  return join(tmpdir(), 'ngt-verilator-cache');
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

async function runVerilator(tool: SimulatorTool & { kind: 'verilator' }, options: TestbenchOptions, sources: Source[], timeoutMs: number): Promise<TestbenchResult> {
  const version = await toolVersion(tool);
  if (version.major < MIN_VERILATOR.major || (version.major === MIN_VERILATOR.major && version.minor < MIN_VERILATOR.minor)) {
    throw new SimulatorNotFoundError(`verilator must be 5.002 or newer (--binary, --timing), not ${version.version}: ${INSTALL.verilator} from a newer Debian (12 has 5.006)`);
  }
  const { top, workDir } = options;
  const flags = verilatorFlags(top);
  const key = createHash('sha256')
    .update(JSON.stringify({ version: version.text, flags, sources: sources.map(({ name, text }) => ({ name, text })) }))
    .digest('hex')
    .slice(0, 24);
  const root = verilatorCacheRoot();
  const entry = join(root, key);
  const binary = join(entry, 'obj', `V${top}`);
  const buildLog = join(workDir, 'verilator-build.log');
  let buildMs = 0;
  const cached = exists(binary);
  if (cached) {
    options.onProgress?.('cached');
    const start = performance.now();
    await writeFile(buildLog, `# cached build ${entry}\n${await readFile(join(entry, 'build.log'), 'utf8').catch(() => '')}`);
    buildMs = performance.now() - start;
  } else {
    options.onProgress?.('build');
    await mkdir(root, { recursive: true });
    const stage = await mkdtemp(join(root, `${key}.building-`));
    try {
      // -j does not change the binary, so it stays out of the key. The sources are read where they
      // are, so Verilator's messages name them.
      const jobs = String(Math.min(availableParallelism(), 4));
      const args = [...flags, '-Mdir', join(stage, 'obj'), '-j', jobs, ...sources.map(({ path }) => path)];
      ({ ms: buildMs } = await runChecked({ tool: 'verilator', step: 'build', command: tool.verilator, args, cwd: workDir, logPath: buildLog, timeoutMs, what: `verilator build of '${top}'` }));
      await copyFile(buildLog, join(stage, 'build.log'));
      try {
        await rename(stage, entry);
      } catch (error) {
        // Another run built the same key first: use its entry.
        if (!exists(binary)) throw error;
      }
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }
  options.onProgress?.('run');
  const run = await runChecked({ tool: 'verilator', step: 'run', command: binary, args: [...(options.args ?? [])], cwd: workDir, logPath: join(workDir, 'verilator-run.log'), timeoutMs, what: `verilator simulation of '${top}'` });
  // Verilator 5.006's main always prints this line at $finish (Icarus prints nothing): drop it so
  // both simulators give the testbench's own text.
  const stdout = run.stdout.replace(/^- [^\n]*: Verilog \$finish\n/gm, '');
  return { stdout, buildMs, runMs: run.ms, cached, buildDir: entry };
}

async function runIcarus(tool: SimulatorTool & { kind: 'icarus' }, options: TestbenchOptions, sources: Source[], timeoutMs: number): Promise<TestbenchResult> {
  const { top, workDir } = options;
  const image = join(workDir, 'sim.vvp');
  options.onProgress?.('build');
  const args = ['-g2005', '-s', top, '-o', image, ...sources.map(({ path }) => path)];
  const build = await runChecked({ tool: 'iverilog', step: 'build', command: tool.iverilog, args, cwd: workDir, logPath: join(workDir, 'iverilog-build.log'), timeoutMs, what: `iverilog build of '${top}'` });
  options.onProgress?.('run');
  // -n: $stop ends the run instead of opening vvp's interactive prompt.
  const run = await runChecked({ tool: 'vvp', step: 'run', command: tool.vvp, args: ['-n', image, ...(options.args ?? [])], cwd: workDir, logPath: join(workDir, 'vvp-run.log'), timeoutMs, what: `vvp simulation of '${top}'` });
  return { stdout: run.stdout, buildMs: build.ms, runMs: run.ms, cached: false, buildDir: workDir };
}

/** Builds and runs a Verilog testbench; returns what it printed. Logs of each step stay in workDir. */
export async function runTestbench(tool: SimulatorTool, options: TestbenchOptions): Promise<TestbenchResult> {
  const sources = await readSources(options.sources);
  const absolute = { ...options, workDir: resolve(options.workDir) };
  await mkdir(absolute.workDir, { recursive: true });
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs(sources);
  return tool.kind === 'verilator' ? runVerilator(tool, absolute, sources, timeoutMs) : runIcarus(tool, absolute, sources, timeoutMs);
}

export interface LintOptions {
  /** Where verilator-lint.log goes; no log when absent. */
  readonly workDir?: string;
  readonly timeoutMs?: number;
}

/** `verilator --lint-only -Wall`: resolves when the sources lint clean, else an HdlToolError with the warnings. */
export async function lintVerilog(sources: readonly string[], top: string, options: LintOptions = {}): Promise<void> {
  const verilator = onPath('verilator');
  if (verilator === null) throw new SimulatorNotFoundError(`lintVerilog needs verilator on PATH, which has none: ${INSTALL.verilator}`);
  const read = await readSources(sources);
  if (options.workDir !== undefined) await mkdir(options.workDir, { recursive: true });
  const logPath = options.workDir === undefined ? null : join(resolve(options.workDir), 'verilator-lint.log');
  // --timing as in the build, so a testbench's delays lint as they build.
  const args = ['--lint-only', '--timing', '-Wall', '--top-module', top, ...read.map(({ path }) => path)];
  const request = { tool: 'verilator', step: 'lint', command: verilator, args, cwd: process.cwd(), logPath, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, what: `verilator lint of '${top}'` } as const;
  const result = await runProcess(request);
  // Warnings with a zero exit (a -Wno-fatal from the environment, say) are still warnings.
  const findings = result.stderr.split('\n').filter((line) => /^%(Warning|Error)(?!: Exiting)/.test(line)).length;
  if (result.status === 0 && findings === 0) return;
  // A timeout or a verilator that never started is no lint finding.
  if (result.status === null) throw failure(request, result);
  const where = logPath === null ? '' : `; log: ${logPath}`;
  const output = result.stderr.trimEnd();
  throw new HdlToolError(`Verilog of '${top}' must lint clean under verilator -Wall, not with ${findings} warning(s) or error(s)${where}\n${output}`, 'verilator', 'lint', output, logPath, result.status, false);
}
