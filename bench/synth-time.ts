// Benchmark of `ngt synth` on the built-in jet tagger (issue 5: "the time from start to report is
// measured in a benchmark and is under 2 s"). Run: npm run bench:synth
// 1. Wall time of the built CLI from process start to reports written: `node dist/cli/main.js synth`
//    spawned `runs` times into a temporary folder; median and min. This is what a user waits for.
// 2. The in-process stages (import, convert, schedule, estimate, simulate, report assembly, writing
//    the three reports), median over the same number of runs after one warm-up.
// Exits 1 when the median wall time is 2 s or more.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSynth } from '../cli/synth/run-synth.js';
import { writeReports } from '../reports/index.js';

const runs = Number(process.env['SYNTH_RUNS'] ?? 7);
const limitMs = 2000;
const root = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'ngt-synth-bench-'));

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

try {
  const walls: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'synth', '--out', join(folder, `cli-${run}`)], { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`ngt synth exited ${result.status}: ${result.stderr}`);
    walls.push(ms);
  }
  const stageTimes = new Map<string, number[]>();
  const usage = (message: string): never => {
    throw new Error(message);
  };
  for (let run = 0; run <= runs; run++) {
    const result = runSynth({ toolVersion: 'bench', out: join(folder, `in-process-${run}`) }, usage);
    const start = performance.now();
    await writeReports(result.report, result.outDir);
    const stages: (readonly [string, number])[] = [...result.stages, ['write reports', performance.now() - start]];
    if (run === 0) continue; // warm-up
    for (const [name, ms] of stages) stageTimes.set(name, [...(stageTimes.get(name) ?? []), ms]);
  }
  const wall = median(walls);
  console.log(`ngt synth (jet tagger), ${runs} runs of the built CLI, process start to reports written:`);
  console.log(`  median ${wall.toFixed(0)} ms, min ${Math.min(...walls).toFixed(0)} ms, max ${Math.max(...walls).toFixed(0)} ms (limit ${limitMs} ms)`);
  console.log('in-process stages, median of warm runs:');
  let total = 0;
  for (const [name, values] of stageTimes) {
    const ms = median(values);
    total += ms;
    console.log(`  ${name.padEnd(14)} ${ms.toFixed(1).padStart(8)} ms`);
  }
  console.log(`  ${'total'.padEnd(14)} ${total.toFixed(1).padStart(8)} ms`);
  if (wall >= limitMs) {
    console.error(`ngt synth median wall time ${wall.toFixed(0)} ms is not under ${limitMs} ms`);
    process.exitCode = 1;
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
