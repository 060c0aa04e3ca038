// hls/rtl/cast.ts against @ngt/fxp castRaw, in simulation. Every quantization x overflow mode x
// saturation bits {0,1,2,W}, signed and unsigned, from 1..6 bits to 1..6 bits, each at 2 of the fraction
// shifts -3..+3 (rotating, so every shift meets every mode), on all input patterns; and 40 -> 18 and
// 24 -> 70 bits (shifts up to 45 and -50) on 2000 corner-biased random inputs. Verilator lints the
// design (-Wall) while Icarus simulates it. NGT_RTL_CAST_FULL=1 takes every setting at every shift
// (61,740 casts; minutes). Fails in CI without the tools; skips elsewhere with the reason printed.
// The size checks (pure wiring where no rounding or overflow logic is needed) run without tools.
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
 * Targets of `toWidths` x signedness x mode x saturation bits from a source of `fromWidth` bits, each
 * setting at `perSetting` of the fraction `shifts`, rotating so that every shift meets every mode
 * (all shifts when perSetting = shifts.length). The source's integer bits cycle through -2..W+2 (only
 * the shift changes the logic), and so the target's run from below -2 to above W+2.
 */
function castsFrom(fromWidth: number, toWidths: readonly number[], shifts: readonly number[], perSetting: number): Group['casts'] {
  const casts: { from: FixedType; to: FixedType }[] = [];
  let turn = 0;
  for (const fromSigned of [true, false]) {
    for (const toWidth of toWidths) {
      for (const toSigned of [true, false]) {
        for (const quantization of quantizationModes) {
          for (const { overflow, saturationBits } of overflowSettings(toWidth, toSigned)) {
            const setting = turn++;
            for (let j = 0; j < perSetting; j++) {
              const shift = shifts[(setting + Math.floor((j * shifts.length) / perSetting)) % shifts.length] ?? 0;
              const fromInt = -2 + ((setting + j) % (fromWidth + 5));
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

/**
 * A bank module holds at most 32 casts and 128 output bits: Icarus elaborates a module in time
 * quadratic in its nets, and re-evaluates a whole concatenation whenever one of its parts changes.
 */
const bankCasts = 32;
const bankBits = 128;

interface Layout {
  /** Every module, each to be written to <name>.v (Verilator's DECLFILENAME), the top last. */
  readonly modules: readonly { readonly name: string; readonly verilog: string }[];
  /** Per group: its banks' output ports (name, width), and per cast its bank and bit offset there. */
  readonly ports: readonly (readonly { readonly name: string; readonly width: number }[])[];
  readonly places: readonly (readonly { readonly bank: number; readonly offset: number }[])[];
}

/** The casts of a group cut into banks (consecutive runs within bankCasts and bankBits). */
function banksOf(casts: Group['casts']): Group['casts'][] {
  const banks: Group['casts'][] = [];
  let bank: Group['casts'][number][] = [];
  let bits = 0;
  for (const cast of casts) {
    if (bank.length > 0 && (bank.length === bankCasts || bits + cast.to.width > bankBits)) {
      banks.push(bank);
      [bank, bits] = [[], 0];
    }
    bank.push(cast);
    bits += cast.to.width;
  }
  if (bank.length > 0) banks.push(bank);
  return banks;
}

/**
 * Bank modules cast_g<g>_<k> (input a, output y = {its casts, a}: the echo keeps every input bit read)
 * under one top, cast_check, with input a<g> per group and output y<g>_<k> per bank.
 */
function buildModule(groups: readonly Group[]): Layout {
  const top = new ModuleBuilder('cast_check');
  const modules: { name: string; verilog: string }[] = [];
  const places: { bank: number; offset: number }[][] = [];
  const ports = groups.map((group, g) => {
    const input = top.input(`a${g}`, group.width);
    const groupPlaces: { bank: number; offset: number }[] = [];
    places.push(groupPlaces);
    return banksOf(group.casts).map((casts, k) => {
      const bank = new ModuleBuilder(`cast_g${g}_${k}`);
      const a = bank.input('a', group.width);
      const signedA = casts.some(({ from }) => from.signed) ? bank.wire('a_s', group.width, true, a.name) : a;
      const parts: Signal[] = [a];
      let width = group.width;
      casts.forEach(({ from, to }, c) => {
        const y = castSignal(bank, from.signed ? signedA : a, from, to, `c${c}`);
        groupPlaces.push({ bank: k, offset: width });
        width += y.width;
        parts.push(y);
      });
      bank.output('y', width, `{${[...parts].reverse().map((part) => part.name).join(', ')}}`);
      modules.push({ name: bank.name, verilog: bank.toVerilog() });
      const name = top.output(`y${g}_${k}`, width, null).name;
      top.line(`${bank.name} bank_${g}_${k} (.a(${input.name}), .y(${name}));`);
      return { name, width };
    });
  });
  return { modules: [...modules, { name: top.name, verilog: top.toVerilog() }], ports, places };
}

/** Drives each group's patterns in turn and prints, per pattern, one line: the group's output ports in hex. */
function testbench(groups: readonly Group[], layout: Layout): string {
  const lines = ['module cast_tb;', '  integer i;'];
  groups.forEach((group, g) => {
    lines.push(`  reg [${group.width - 1}:0] a${g};`, `  reg [${group.width - 1}:0] p${g} [0:${group.patterns.length - 1}];`);
    for (const port of layout.ports[g] ?? []) lines.push(`  wire [${port.width - 1}:0] ${port.name};`);
  });
  const connections = groups.flatMap((_, g) => [`.a${g}(a${g})`, ...(layout.ports[g] ?? []).map((port) => `.${port.name}(${port.name})`)]);
  lines.push(`  cast_check dut (${connections.join(', ')});`, '  initial begin');
  groups.forEach((group, g) => lines.push(`    a${g} = ${group.width}'h0;`, `    $readmemh("p${g}.hex", p${g});`));
  groups.forEach((group, g) => {
    const ports = layout.ports[g] ?? [];
    lines.push(`    for (i = 0; i < ${group.patterns.length}; i = i + 1) begin`, `      a${g} = p${g}[i];`, '      #1;');
    lines.push(`      $display("y${g}${' %h'.repeat(ports.length)}", ${ports.map((port) => port.name).join(', ')});`, '    end');
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

/** Verilator's -Wall lint of the design: resolves to its messages ('' when clean). */
function lint(files: readonly string[], folder: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(verilator as string, ['--lint-only', '-Wall', '--top-module', 'cast_check', ...files], { cwd: folder, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const messages = `${stderr}${stdout}`.trim();
      resolve(error && messages === '' ? String(error) : messages);
    });
  });
}

// NGT_RTL_CAST_FULL=1: every setting at every shift (61,740 casts, 8.3M outputs; minutes, not seconds).
const full = process.env['NGT_RTL_CAST_FULL'] === '1';
const smallWidths = [1, 2, 3, 4, 5, 6];
const smallShifts = [-3, -2, -1, 0, 1, 2, 3];
const groups: Group[] = [
  ...smallWidths.map((width) => ({
    width,
    patterns: Array.from({ length: 2 ** width }, (_, p) => BigInt(p)),
    casts: castsFrom(width, smallWidths, smallShifts, full ? 7 : 2),
  })),
  { width: 40, patterns: widePatterns(40, 2000, 40), casts: castsFrom(40, [18], [-3, 0, 1, 3, 22, 39, 45], full ? 7 : 1) },
  { width: 24, patterns: widePatterns(24, 2000, 24), casts: castsFrom(24, [70], [-50, -46, -3, 0, 1, 3, 30], full ? 7 : 1) },
];

describe.skipIf(!available && !inCi)('Verilog casts (hls/rtl/cast.ts) against castRaw', () => {
  let folder = '';
  let lintMessages = '';
  let lines: string[] = [];
  let layout: Layout = { modules: [], ports: [], places: [] };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ngt-rtl-cast-'));
    layout = buildModule(groups);
    for (const { name, verilog } of layout.modules) writeFileSync(join(folder, `${name}.v`), verilog);
    writeFileSync(join(folder, 'cast_tb.v'), testbench(groups, layout));
    groups.forEach((group, g) => writeFileSync(join(folder, `p${g}.hex`), group.patterns.map((p) => p.toString(16)).join('\n') + '\n'));
    const files = layout.modules.map(({ name }) => `${name}.v`);
    // Lint and simulation in parallel (two cores).
    const [messages, stdout] = await Promise.all([lint(files, folder), runIcarus({ sources: [...files, 'cast_tb.v'], top: 'cast_tb', folder })]);
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
      const ports = layout.ports[g] ?? [];
      for (const pattern of group.patterns) {
        const text = lines[line++] ?? '';
        const words = text.split(' ');
        expect(words[0], `line ${line} of the simulation: ${text.slice(0, 80)}`).toBe(`y${g}`);
        expect(words.slice(1).every((word) => /^[0-9a-f]+$/.test(word)) && words.length === ports.length + 1, `line ${line}: ${text.slice(0, 200)}`).toBe(true);
        for (const [k, word] of words.slice(1).entries()) expect(field(word, 0, group.width), `echo of input 0x${pattern.toString(16)} in bank ${g}_${k}`).toBe(pattern);
        group.casts.forEach(({ from, to }, c) => {
          const raw = from.signed ? BigInt.asIntN(from.width, pattern) : pattern;
          const expected = BigInt.asUintN(to.width, castRaw(raw, from, to));
          const place = layout.places[g]?.[c] ?? { bank: -1, offset: 0 };
          const got = field(words[place.bank + 1] ?? '', place.offset, to.width);
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

/** The logic castSignal emits for one cast: its assignments, without the port and unused-bit sink lines. */
function emitted(from: FixedType, to: FixedType): string[] {
  const m = new ModuleBuilder('size_check');
  const x = m.input('x', from.width, from.signed);
  const y = castSignal(m, x, from, to, 'y');
  m.output('out', y.width, y.name);
  return m
    .toVerilog()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('assign ') && !line.startsWith('assign out '));
}

const operator = /[+?&|^~]/;
const smallCasts = smallWidths.flatMap((width) => castsFrom(width, smallWidths, smallShifts, 7));
const shiftOf = (from: FixedType, to: FixedType): number => from.width - from.intBits - (to.width - to.intBits);

describe('Verilog cast size (hls/rtl/cast.ts)', () => {
  it('AP_TRN with AP_WRAP (N = 0) is pure wiring: at most one assignment, of bits, extensions and zeros', () => {
    const wrapping = smallCasts.filter(({ to }) => to.quantization === 'AP_TRN' && to.overflow === 'AP_WRAP' && to.saturationBits === 0);
    expect(wrapping.length).toBe(12 * 6 * 2 * 7);
    for (const { from, to } of wrapping) {
      const lines = emitted(from, to);
      expect(lines.length, `${formatFixedType(from)} -> ${formatFixedType(to)}: ${lines.join(' ')}`).toBeLessThanOrEqual(1);
      expect(lines.filter((line) => operator.test(line)), `${formatFixedType(from)} -> ${formatFixedType(to)}`).toEqual([]);
    }
  });

  it('a cast that cannot overflow and does not round is pure wiring in every overflow mode', () => {
    // Truncation keeps the range within from's: it fits when to has as many integer bits (one more for
    // unsigned into signed, and for AP_SAT_SYM, whose range leaves out the most negative value: a signed
    // source's minimum still needs logic there); a signed source never fits an unsigned target.
    const fits = ({ from, to }: Group['casts'][number]): boolean => {
      const margin = (!from.signed && to.signed) || (from.signed && to.overflow === 'AP_SAT_SYM') ? 1 : 0;
      return (from.signed ? to.signed : true) && to.intBits >= from.intBits + margin && (shiftOf(from, to) <= 0 || to.quantization === 'AP_TRN');
    };
    const safe = smallCasts.filter(fits);
    expect(safe.length).toBeGreaterThan(5000);
    for (const { from, to } of safe) {
      const lines = emitted(from, to);
      expect(lines.filter((line) => operator.test(line)), `${formatFixedType(from)} -> ${formatFixedType(to)}`).toEqual([]);
    }
  });

  it('rounds with one adder only when bits are dropped, and AP_RND + AP_WRAP needs nothing else', () => {
    for (const { from, to } of smallCasts) {
      const lines = emitted(from, to);
      const adders = lines.filter((line) => line.includes('+')).length;
      const what = `${formatFixedType(from)} -> ${formatFixedType(to)}: ${lines.join(' ')}`;
      if (shiftOf(from, to) <= 0 || to.quantization === 'AP_TRN') expect(adders, what).toBe(0);
      else expect(adders, what).toBeLessThanOrEqual(1);
      if (to.quantization === 'AP_RND' && to.overflow === 'AP_WRAP' && to.saturationBits === 0) {
        expect(lines.filter((line) => /[?&|^~]/.test(line)), what).toEqual([]);
      }
    }
  });
});
