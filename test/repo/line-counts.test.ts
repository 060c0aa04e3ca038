// STYLE.md's file size caps, checked on every source file git knows (generated code aside): at most 800
// lines, and the ones over the 400 aimed for are listed so they show in review.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const HARD = 800;
const AIM = 400;

it(`no source file is longer than ${HARD} lines`, () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.js', '*.mjs'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file !== '' && !file.includes('/dist/') && !file.includes('/generated/') && !file.endsWith('.d.ts'));
  expect(files.length).toBeGreaterThan(100);
  const lengths = files.map((file) => [file, readFileSync(path.join(root, file), 'utf8').split('\n').length] as const);
  const long = lengths.filter(([, lines]) => lines > AIM).map(([file, lines]) => `${file}: ${lines}`);
  if (long.length > 0) console.log(`over the ${AIM} lines aimed for: ${long.join(', ')}`);
  expect(lengths.filter(([, lines]) => lines > HARD)).toEqual([]);
});
