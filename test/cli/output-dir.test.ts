// hls4ml's OutputDir: honoured when a config file gives it (relative to where ngt runs), said in the
// report; --out overrides it; a config without one keeps ngt's own ngt-out/<model>.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNpy } from '../../models/index.js';
import { random } from '../models/helpers.js';
import { runCli } from './run-cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'ngt-output-dir-'));
const input = join(cwd, 'x.npy');
const next = random(3);
writeNpy(input, { dtype: 'float64', shape: [2, 16], data: Float64Array.from({ length: 32 }, () => next() - 0.5) });

function notesOf(dir: string): string[] {
  return (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { notes: string[] }).notes;
}

describe("synth and the config's OutputDir", () => {
  it('writes to OutputDir with a note, to --out when given, to ngt-out/<model> without OutputDir', () => {
    const withDir = join(cwd, 'with.yaml');
    writeFileSync(withDir, 'OutputDir: hls-prj\nProjectName: tagger\n');
    const first = runCli(['synth', '--config', withDir, '--input', input], { cwd });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`  ${join('hls-prj', 'report.json')}`);
    expect(notesOf(join(cwd, 'hls-prj'))).toContain(`Reports written to hls-prj, the OutputDir of ${withDir} (--out DIR overrides it).`);
    const out = join(cwd, 'elsewhere');
    const second = runCli(['synth', '--config', withDir, '--input', input, '--out', out], { cwd });
    expect(second.status, second.stderr).toBe(0);
    expect(notesOf(out).some((note) => note.includes('OutputDir'))).toBe(false);
    const withoutDir = join(cwd, 'without.yaml');
    writeFileSync(withoutDir, 'IOType: io_parallel\n');
    const third = runCli(['synth', '--config', withoutDir, '--input', input], { cwd });
    expect(third.status, third.stderr).toBe(0);
    expect(existsSync(join(cwd, 'ngt-out', 'jet-tagger', 'report.json'))).toBe(true);
    expect(existsSync(join(cwd, 'my-hls-test'))).toBe(false);
  });
});
