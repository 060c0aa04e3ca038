// hls/rtl/cast.ts against @ngt/fxp castRaw, in simulation: every quantization x overflow mode x
// saturation bits {0,1,2,W}, signed and unsigned, from 1..6 bits to 1..6 bits with fraction shifts -3..+3
// (all input patterns), and wide casts (40 -> 18 bits, 24 -> 70 bits) on 2000 inputs each. All casts of
// one source width sit in one module, which Verilator lints (-Wall) and Icarus simulates. Fails in CI
// without the tools; skips elsewhere with the reason printed.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { castRaw, fixedType, formatFixedType, overflowModes, quantizationModes, type FixedType } from '@ngt/fxp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castSignal } from '../../hls/rtl/cast.js';
import { findTool, icarusAvailable, runIcarus } from '../../hls/rtl/icarus-run.js';
import { ModuleBuilder, type Signal } from '../../hls/rtl/netlist.js';

const verilator = findTool('verilator');
const available = icarusAvailable() && verilator !== null;
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

if (!available && !inCi) {
  console.log('rtl-cast: skipped, Icarus Verilog (iverilog, vvp) or Verilator is not on PATH (apt-get install iverilog verilator; CI installs them)');
}

/** A group of casts that read one input: a source width, driven with `patterns` (its signed and unsigned casts share it). */
interface Group {
  readonly width: number;
  readonly patterns: readonly bigint[];
  readonly casts: readonly { readonly from: FixedType; readonly to: FixedType }[];
}

/** The overflow settings of a target: N matters only to AP_WRAP and AP_WRAP_SM (signed only). */
function overflowSettings(width: number, signed: boolean): { overflow: FixedType['overflow']; saturationBits: number }[] {
  const bits = [...new Set([0, 1, 2, width])].filter((n) => n <= width);
  return overflowModes.flatMap((overflow): { overflow: FixedType['overflow']; saturationBits: number }[] => {
    if (overflow === 'AP_WRAP_SM' && !signed) return [];
    if (overflow === 'AP_WRAP' || overflow === 'AP_WRAP_SM') return bits.map((saturationBits) => ({ overflow, saturationBits }));
    return [{ overflow, saturationBits: 0 }];
  });
}

/**
 * Every target of `toWidths` x fraction shift x signedness x mode from a source of `fromWidth` bits;
 * the source's integer bits cycle through -2..W+2 (only the shift changes the logic), and so the
 * target's range from below -2 to above W+2.
 */
function castsFrom(fromWidth: number, toWidths: readonly number[], shifts: readonly number[]): Group['casts'] {
  const casts: { from: FixedType; to: FixedType }[] = [];
  let turn = 0;
  for (const fromSigned of [true, false]) {
    for (const shift of shifts) {
      for (const toWidth of toWidths) {
        for (const toSigned of [true, false]) {
          for (const quantization of quantizationModes) {
            for (const { overflow, saturationBits } of overflowSettings(toWidth, toSigned)) {
              const fromInt = -2 + (turn++ % (fromWidth + 5));
              const from = fixedType(fromWidth, fromInt, { signed: fromSigned });
              const toInt = toWidth - (fromWidth - fromInt - shift);
              casts.push({ from, to: fixedType(toWidth, toInt, { signed: toSigned, quantization, overflow, saturationBits }) });
            }
          }
        }
      }
    }
  }
  return casts;
}

/** Deterministic xorshift: wide inputs biased to the corners (runs of ones or zeros, halves, small magnitudes). */
function widePatterns(width: number, count: number, seed: number): bigint[] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const random = (bits: number): bigint => {
    let value = 0n;
    for (let i = 0; i < bits; i += 16) value = (value << 16n) | BigInt(Math.floor(next() * 65536));
    return BigInt.asUintN(bits, value);
  };
  const mask = (1n << BigInt(width)) - 1n;
  const patterns: bigint[] = [0n, mask, mask >> 1n, 1n << BigInt(width - 1), 1n];
  while (patterns.length < count) {
    const kind = Math.floor(next() * 5);
    const low = Math.floor(next() * width);
    if (kind === 0) patterns.push(random(width));
    else if (kind === 1) patterns.push(BigInt.asUintN(width, random(low + 1) - (1n << BigInt(low)))); // small, either sign
    else if (kind === 2) patterns.push((next() < 0.5 ? mask : 0n) ^ (1n << BigInt(low))); // one bit off all ones/zeros
    else if (kind === 3) patterns.push(((random(width) >> BigInt(low)) << BigInt(low)) | (low > 0 ? 1n << BigInt(low - 1) : 0n)); // an exact half below bit low
    else patterns.push((next() < 0.5 ? mask : 0n) ^ (random(width) & ((1n << BigInt(low)) - 1n))); // sign run, random tail
  }
  return patterns;
}

/** The module: input a<i> per group, and output y<i> = {casts..., a<i>} (the echo keeps every input bit read). */
function buildModule(groups: readonly Group[]): { verilog: string; offsets: number[][]; busWidths: number[] } {
  const m = new ModuleBuilder('cast_check');
  const offsets: number[][] = [];
  const busWidths: number[] = [];
  groups.forEach((group, g) => {
    const input = m.input(`a${g}`, group.width);
    const signedInput = m.wire(`a${g}_s`, group.width, true, input.name);
    const parts: Signal[] = [input];
    const groupOffsets: number[] = [];
    let offset = group.width;
    group.casts.forEach(({ from, to }, c) => {
      const y = castSignal(m, from.signed ? signedInput : input, from, to, `g${g}_c${c}`);
      groupOffsets.push(offset);
      offset += y.width;
      parts.push(y);
    });
    offsets.push(groupOffsets);
    busWidths.push(offset);
    m.output(`y${g}`, offset, `{${parts.reverse().map((part) => part.name).join(', ')}}`);
  });
  return { verilog: m.toVerilog(), offsets, busWidths };
}

function testbench(groups: readonly Group[], busWidths: readonly number[]): string {
  const lines = ['module cast_tb;', '  integer i;'];
  groups.forEach((group, g) => {
    lines.push(`  reg [${group.width - 1}:0] a${g};`, `  wire [${(busWidths[g] ?? 0) - 1}:0] y${g};`, `  reg [${group.width - 1}:0] p${g} [0:${group.patterns.length - 1}];`);
  });
  const ports = groups.flatMap((_, g) => [`.a${g}(a${g})`, `.y${g}(y${g})`]);
  lines.push(`  cast_check dut (${ports.join(', ')});`, '  initial begin');
  groups.forEach((group, g) => lines.push(`    a${g} = ${group.width}'h0;`, `    $readmemh("p${g}.hex", p${g});`));
  groups.forEach((group, g) => {
    lines.push(`    for (i = 0; i < ${group.patterns.length}; i = i + 1) begin`, `      a${g} = p${g}[i];`, '      #1;', `      $display("y${g} %h", y${g});`, '    end');
  });
  lines.push('    $finish;', '  end', 'endmodule', '');
  return lines.join('\n');
}

/** Bits offset..offset+width-1 of a bus printed as hex (MSB first, the bus's full width). */
function field(hex: string, offset: number, width: number): bigint {
  const last = hex.length - 1 - Math.floor(offset / 4);
  const first = hex.length - 1 - Math.floor((offset + width - 1) / 4);
  return BigInt.asUintN(width, BigInt(`0x${hex.slice(first, last + 1)}`) >> BigInt(offset % 4));
}

function lint(file: string, folder: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(verilator as string, ['--lint-only', '-Wall', '--top-module', 'cast_check', file], { cwd: folder, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve(error ? `${stderr || stdout}`.trim() || String(error) : `${stderr}${stdout}`.trim());
    });
  });
}

const smallWidths = [1, 2, 3, 4, 5, 6];
const smallShifts = [-3, -2, -1, 0, 1, 2, 3];
const groups: Group[] = [
  ...smallWidths.map((width) => ({
    width,
    patterns: Array.from({ length: 2 ** width }, (_, p) => BigInt(p)),
    casts: castsFrom(width, smallWidths, smallShifts),
  })),
  { width: 40, patterns: widePatterns(40, 2000, 40), casts: castsFrom(40, [18], [-3, 0, 1, 3, 22, 39, 45]) },
  { width: 24, patterns: widePatterns(24, 2000, 24), casts: castsFrom(24, [70], [-50, -46, -3, 0, 1, 3, 30]) },
];

describe.skipIf(!available && !inCi)('Verilog casts (hls/rtl/cast.ts) against castRaw', () => {
  let folder = '';
  let lintMessages = '';
  let lines: string[] = [];
  let offsets: number[][] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    folder = await mkdtemp(join(tmpdir(), 'ngt-rtl-cast-'));
    const built = buildModule(groups);
    offsets = built.offsets;
    writeFileSync(join(folder, 'cast_check.v'), built.verilog);
    writeFileSync(join(folder, 'cast_tb.v'), testbench(groups, built.busWidths));
    groups.forEach((group, g) => writeFileSync(join(folder, `p${g}.hex`), group.patterns.map((p) => p.toString(16)).join('\n') + '\n'));
    // Lint and simulation in parallel (two cores).
    console.log('gen', Date.now() - t0, built.verilog.length);
    const [messages, stdout] = await Promise.all([lint('cast_check.v', folder).then((x) => { console.log('lint', Date.now() - t0); return x; }), runIcarus({ sources: ['cast_check.v', 'cast_tb.v'], top: 'cast_tb', folder }).then((x) => { console.log('sim', Date.now() - t0); return x; })]);
    lintMessages = messages;
    lines = stdout.split('\n').filter((line) => line.startsWith('y'));
  }, 600_000);

  afterAll(async () => {
    if (folder !== '') await rm(folder, { recursive: true, force: true });
  });

  it('lints clean under verilator -Wall', () => {
    expect(lintMessages).toBe('');
  });

  it('matches castRaw on every cast and input', () => {
    const mismatches: string[] = [];
    let count = 0;
    let checked = 0;
    let line = 0;
    groups.forEach((group, g) => {
      for (const pattern of group.patterns) {
        const text = lines[line++] ?? '';
        const hex = text.startsWith(`y${g} `) ? text.slice(g >= 10 ? 4 : 3) : '';
        expect(hex, `line ${line} of the simulation: ${text}`).toMatch(/^[0-9a-f]+$/);
        expect(field(hex, 0, group.width), `echo of input ${pattern.toString(16)} in group ${g}`).toBe(pattern);
        group.casts.forEach(({ from, to }, c) => {
          const raw = from.signed ? BigInt.asIntN(from.width, pattern) : pattern;
          const expected = BigInt.asUintN(to.width, castRaw(raw, from, to));
          const got = field(hex, offsets[g]?.[c] ?? 0, to.width);
          checked++;
          if (got !== expected) {
            count++;
            if (mismatches.length < 12) {
              mismatches.push(`${formatFixedType(from)} -> ${formatFixedType(to)}: input 0x${pattern.toString(16)} (raw ${raw}), expected 0x${expected.toString(16)}, got 0x${got.toString(16)}`);
            }
          }
        });
      }
    });
    expect(line).toBe(lines.length);
    expect(count, `${count} of ${checked} cast outputs differ from castRaw; first:\n${mismatches.join('\n')}`).toBe(0);
    expect(checked).toBeGreaterThan(1_000_000);
  });
});
