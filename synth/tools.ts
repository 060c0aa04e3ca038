// The open FPGA tools behind one proxy each (STYLE.md, as Amaranth finds Yosys; hls/rtl/tools.ts is
// the same pattern for the HDL simulators): Yosys, nextpnr-ice40 and icepack, the system binary when
// on PATH (Debian yosys, nextpnr-ice40, fpga-icestorm), else the YoWASP WebAssembly build from npm
// (@yowasp/yosys, @yowasp/nextpnr-ice40), so a fresh clone needs no install. NGT_SYNTH_TOOLS=wasm (or
// native) picks one for every tool. Every failure is a YosysError or PnrError carrying the tool's own
// last lines and the log it wrote.
//
// Both builds run as child processes in a work folder holding the input files: the native binary
// directly, the wasm build through a few lines of Node (RUNNER below) that hand the folder's files to
// YoWASP's virtual file system and write back what the tool wrote. So a timeout kills either alike, and
// the tool's messages name the same files.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NgtError } from '@ngt/fxp';
import { onPath } from '../hls/index.js';

export type SynthToolName = 'yosys' | 'nextpnr-ice40' | 'icepack';
export type ToolBuild = 'native' | 'wasm';

abstract class SynthToolError extends NgtError {
  override readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly tool: SynthToolName,
    /** The last ~40 lines the tool printed. */
    readonly output: string,
    /** The log holding the tool's whole output, or null where none was written. */
    readonly logPath: string | null,
    /** The exit status; null where the tool was killed or never started. */
    readonly status: number | null,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

/** Yosys failed (bad Verilog, a pass error, a timeout): a failure of the work, exit 1. */
export class YosysError extends SynthToolError {
  readonly code: string = 'YOSYS';
}

/** nextpnr or icepack failed, or the design does not fit the device: exit 1. */
export class PnrError extends SynthToolError {
  readonly code: string = 'PNR';
}

export interface SynthTool {
  readonly name: SynthToolName;
  readonly build: ToolBuild;
  /** The binary (native) or the YoWASP bundle (wasm). */
  readonly path: string;
}

/** The npm package and export of each tool's wasm build. */
const WASM: Record<SynthToolName, { readonly module: string; readonly command: string }> = {
  yosys: { module: '@yowasp/yosys', command: 'yosys' },
  'nextpnr-ice40': { module: '@yowasp/nextpnr-ice40', command: 'nextpnr-ice40' },
  icepack: { module: '@yowasp/nextpnr-ice40', command: 'icepack' },
};
const APT: Record<SynthToolName, string> = { yosys: 'yosys', 'nextpnr-ice40': 'nextpnr-ice40', icepack: 'fpga-icestorm' };
const TAIL_LINES = 40;

function errorFor(tool: SynthToolName): new (...args: ConstructorParameters<typeof YosysError>) => SynthToolError {
  return tool === 'yosys' ? YosysError : PnrError;
}

function wasmBundle(name: SynthToolName): string {
  try {
    return createRequire(import.meta.url).resolve(WASM[name].module);
  } catch {
    const Failure = errorFor(name);
    throw new Failure(`${name} must be on PATH (apt-get install ${APT[name]}) or installed from npm (${WASM[name].module}), not missing`, name, '', null, null, false);
  }
}

function preferredBuild(): ToolBuild | undefined {
  const value = process.env['NGT_SYNTH_TOOLS'];
  return value === 'wasm' || value === 'native' ? value : undefined;
}

/** The tool to run: the system binary when on PATH, else the wasm build; `prefer` (or NGT_SYNTH_TOOLS) forces one. */
export function findTool(name: SynthToolName, prefer: ToolBuild | undefined = preferredBuild()): SynthTool {
  if (prefer !== 'wasm') {
    const path = onPath(name);
    if (path !== null) return { name, build: 'native', path };
    if (prefer === 'native') {
      const Failure = errorFor(name);
      throw new Failure(`${name} must be on PATH for NGT_SYNTH_TOOLS=native, not missing: apt-get install ${APT[name]}`, name, '', null, null, false);
    }
  }
  return { name, build: 'wasm', path: wasmBundle(name) };
}

// What runs the wasm build: argv = [bundle URL, export name, JSON args]; the work folder is the cwd.
// YoWASP returns the file tree after the run (or on the Exit it throws); files are written back flat.
const RUNNER = `
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
const [url, name, json] = process.argv.slice(1);
const { commands, Exit } = await import(url);
const files = {};
for (const file of readdirSync('.')) if (statSync(file).isFile()) files[file] = readFileSync(file);
const out = (stream) => (bytes) => { if (bytes) stream.write(bytes); };
const save = (tree) => { for (const [file, data] of Object.entries(tree ?? {})) if (typeof data === 'string' || data instanceof Uint8Array) writeFileSync(file, data); };
try {
  save(await commands[name](JSON.parse(json), files, { stdout: out(process.stdout), stderr: out(process.stderr), decodeASCII: false }));
} catch (error) {
  if (!(error instanceof Exit)) throw error;
  save(error.files);
  process.exitCode = error.code;
}
`;

export interface ToolRun {
  readonly args: readonly string[];
  /** Input files, written into workDir before the run (flat names). */
  readonly inputs: Readonly<Record<string, string | Uint8Array>>;
  /** Files the tool must write into workDir; a run that leaves one out failed. */
  readonly outputs: readonly string[];
  readonly workDir: string;
  /** The log's file name inside workDir. */
  readonly log: string;
  readonly timeoutMs: number;
  /** What ran, for messages: "yosys synth_ice40 of 'tiny_dense_top'". */
  readonly what: string;
  /** Each line the tool prints to stdout, as it comes (progress). */
  readonly onLine?: (line: string) => void;
}

export interface ToolResult {
  readonly ms: number;
  /** The tool's whole stdout and stderr. */
  readonly stdout: string;
  readonly stderr: string;
  readonly logPath: string;
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

/** Runs the tool to completion in run.workDir; a YosysError or PnrError unless it exits 0 and writes every output. */
export async function runTool(tool: SynthTool, run: ToolRun): Promise<ToolResult> {
  await mkdir(run.workDir, { recursive: true });
  await Promise.all(Object.entries(run.inputs).map(([name, data]) => writeFile(join(run.workDir, name), data)));
  const [command, args] =
    tool.build === 'native'
      ? [tool.path, [...run.args]]
      : [process.execPath, ['--input-type=module', '-e', RUNNER, pathToFileURL(tool.path).href, WASM[tool.name].command, JSON.stringify(run.args)]];
  const logPath = join(run.workDir, run.log);
  const log = createWriteStream(logPath);
  log.write(`$ cd ${run.workDir} && ${tool.build === 'native' ? command : `${WASM[tool.name].module} ${WASM[tool.name].command}`} ${run.args.join(' ')}\n`);
  const start = performance.now();
  const child = spawn(command, args, { cwd: run.workDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    log.write(chunk);
    if (run.onLine) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) run.onLine(line);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    log.write(chunk);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, run.timeoutMs);
  const outcome = await new Promise<{ status: number | null; signal: string | null; startError: Error | null }>((settle) => {
    child.once('error', (startError) => settle({ status: null, signal: null, startError }));
    child.once('close', (status, signal) => settle({ status, signal, startError: null }));
  });
  clearTimeout(timer);
  const ms = performance.now() - start;
  const ending = outcome.startError
    ? `could not start (${outcome.startError.message})`
    : timedOut
      ? `killed after ${run.timeoutMs} ms (the limit)`
      : outcome.status !== null
        ? `exit status ${outcome.status}`
        : `killed by ${outcome.signal ?? 'a signal'}`;
  log.end(`\n# ${tool.build} ${tool.name}: ${ending}, ${Math.round(ms)} ms\n`);
  await new Promise<void>((settle) => log.once('close', () => settle()));
  const Failure = errorFor(tool.name);
  const status = timedOut ? null : outcome.status;
  const tail = (): string => lastLines(`${stdout}\n${stderr}`, TAIL_LINES);
  if (status !== 0) throw new Failure(`${run.what} failed (${tool.build} ${tool.name}): ${ending}; log: ${logPath}\n${tail()}`, tool.name, tail(), logPath, status, timedOut);
  const missing = run.outputs.filter((name) => {
    try {
      return !statSync(join(run.workDir, name)).isFile();
    } catch {
      return true;
    }
  });
  if (missing.length > 0) throw new Failure(`${run.what} must write ${missing.join(', ')}, not leave ${missing.length === 1 ? 'it' : 'them'} out; log: ${logPath}\n${tail()}`, tool.name, tail(), logPath, 0, false);
  return { ms, stdout, stderr, logPath };
}

const versions = new Map<string, Promise<string>>();

async function readVersion(tool: SynthTool): Promise<string> {
  if (tool.build === 'wasm') {
    // The bundle's package.json (not exported, so read beside it: gen/bundle.js -> ..).
    const manifest = JSON.parse(readFileSync(join(dirname(tool.path), '..', 'package.json'), 'utf8')) as { name: string; version: string };
    return `${manifest.name} ${manifest.version} (${tool.name})`;
  }
  // icepack has no version flag; the binary's own bytes stand for it in cache keys.
  if (tool.name === 'icepack') return `icepack sha256:${createHash('sha256').update(await readFile(tool.path)).digest('hex').slice(0, 16)}`;
  const folder = await mkdtemp(join(tmpdir(), 'ngt-tool-version-'));
  try {
    const flag = tool.name === 'yosys' ? '-V' : '--version';
    const result = await runTool(tool, { args: [flag], inputs: {}, outputs: [], workDir: folder, log: 'version.log', timeoutMs: 30_000, what: `${tool.name} ${flag}` });
    const text = `${result.stdout}\n${result.stderr}`.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
    if (text === '') throw new (errorFor(tool.name))(`${tool.path} ${flag} must print a version line, not nothing`, tool.name, '', null, 0, false);
    return text;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The tool's version line, e.g. 'Yosys 0.23 (git sha1 7ce5011c24b)' (asked once per binary). */
export function toolVersion(tool: SynthTool): Promise<string> {
  const key = `${tool.build}:${tool.path}:${tool.name}`;
  let version = versions.get(key);
  if (version === undefined) {
    version = readVersion(tool);
    versions.set(key, version);
    version.catch(() => versions.delete(key));
  }
  return version;
}

export function synthCacheRoot(): string {
  return join(tmpdir(), 'ngt-yosys-cache');
}

/** A SHA-256 over the parts, in order, each length-prefixed so that no two lists collide. */
export function cacheKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:`).update(part);
  return hash.digest('hex').slice(0, 32);
}

/**
 * The cache entry for `key`: made by `produce` in a private folder and renamed into place (so
 * concurrent runs never see half an entry), or found from an earlier run. Returns its folder.
 */
export async function cachedEntry(key: string, produce: (folder: string) => Promise<void>): Promise<{ folder: string; cached: boolean }> {
  const root = synthCacheRoot();
  const folder = join(root, key);
  const done = join(folder, '.done');
  try {
    statSync(done);
    return { folder, cached: true };
  } catch {
    // Not there yet: make it.
  }
  await mkdir(root, { recursive: true });
  const stage = await mkdtemp(join(root, `${key}.making-`));
  // A failed run leaves its stage (and the log its error names) in place.
  await produce(stage);
  await writeFile(join(stage, '.done'), '');
  try {
    await rename(stage, folder);
  } catch (error) {
    // Another run made the same entry first: use that one.
    await rm(stage, { recursive: true, force: true });
    try {
      statSync(done);
    } catch {
      throw error;
    }
  }
  return { folder, cached: false };
}
