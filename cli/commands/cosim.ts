// `ngt cosim [MODEL] [--config hls.yaml] [--input X.npy] [--samples 200] [--simulator verilator|icarus]
// [--interval N] [--sink-interval N] [--sink-stalls PERCENT] [--seed N] [-o DIR]`: the model's RTL in Verilator (Icarus as the fallback)
// against the cycle simulator on the same inputs, spacing and back-pressure: every output token's bits
// and the cycle it is read. Any difference exits 1, listing the first ones by output, sample, token,
// bit and cycle.
import { Command, Option } from 'commander';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IoType, SimulatorKind } from '../../hls/index.js';
import { cosimulate, type CosimResult } from '../../sim/index.js';
import { parseClock } from '../support/clock.js';
import { integerAtLeast, packageVersion } from '../support/options.js';
import { startProgress } from '../support/progress.js';
import { firstSamples, loadDesign } from '../rtl/load-design.js';

interface CosimCommandOptions {
  config?: string;
  input?: string;
  samples: number;
  simulator?: SimulatorKind;
  ioType?: IoType;
  clock?: number;
  part?: string;
  interval: number;
  sinkInterval: number;
  sinkStalls: number;
  seed: number;
  out?: string;
  adjust?: boolean;
}

export function formatCosim(result: CosimResult, samples: number): string {
  const lines = [
    `ngt cosim: ${result.design.top} in ${result.simulator} against the cycle simulator, ${samples} samples, ${result.tokens} output tokens`,
    `  last output read in cycle ${result.lastReadCycle.rtl} (RTL) and ${result.lastReadCycle.sim} (cycle simulator)`,
    `  ${result.simulator} build ${(result.buildMs / 1000).toFixed(1)} s${result.cached ? ' (cached)' : ''}, run ${(result.runMs / 1000).toFixed(1)} s`,
  ];
  if (result.mismatches.length === 0) lines.push('  0 bit and 0 cycle differences');
  else {
    lines.push(`  ${result.mismatches.length} of ${result.tokens} tokens differ; the first:`);
    for (const miss of result.mismatches.slice(0, 10)) {
      const bits = miss.bits.length === 0 ? 'bits equal' : miss.bits[0] === -1 ? 'no value' : `bits ${miss.bits.slice(0, 8).join(', ')}${miss.bits.length > 8 ? ', ...' : ''}`;
      lines.push(`    ${miss.output} sample ${miss.sample} token ${miss.token}: cycle ${miss.rtlCycle ?? 'never'} (RTL) vs ${miss.expectedCycle}, ${bits}`);
    }
  }
  return lines.join('\n');
}

async function cosim(model: string | undefined, options: CosimCommandOptions, command: Command): Promise<void> {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const design = loadDesign(model, options, usage);
  const { input, count } = firstSamples(design.data, options.samples);
  const workDir = options.out ? join(options.out, 'rtl') : mkdtempSync(join(tmpdir(), 'ngt-cosim-'));
  const bar = startProgress('cosim', 3);
  let result: CosimResult;
  try {
    result = await cosimulate(design.model, [input], count, {
      ...design.rtlOptions,
      simulator: options.simulator,
      interval: options.interval,
      sinkInterval: options.sinkInterval,
      sinkStalls: options.sinkStalls > 0 ? { percent: options.sinkStalls, seed: options.seed } : undefined,
      workDir,
      onProgress: (phase) => bar.update({ lint: 0, build: 1, cached: 1, simulate: 1, run: 2 }[phase] ?? 0, phase === 'cached' ? 'build (cached)' : phase),
    });
  } finally {
    bar.stop();
  }
  process.stdout.write(`${formatCosim(result, count)}\n  RTL, vectors and logs: ${workDir}\n`);
  if (options.out) {
    const written = await writeCosimReports(model, options, result, count, options.out, usage);
    process.stdout.write(`Reports:\n${written.map((file) => `  ${file}`).join('\n')}\n`);
  }
  if (result.mismatches.length > 0) process.exitCode = 1;
}

/** synth's report of the same design, with the latency and II measured in the RTL beside the estimate, tagged 'cosim'. */
async function writeCosimReports(model: string | undefined, options: CosimCommandOptions, result: CosimResult, samples: number, out: string, usage: (message: string) => never): Promise<string[]> {
  const [{ writeReports }, { runSynth }] = await Promise.all([import('../../reports/index.js'), import('../synth/run-synth.js')]);
  const synth = runSynth({ model, config: options.config, out, part: options.part, clock: options.clock, ioType: options.ioType, input: options.input, adjust: options.adjust, toolVersion: packageVersion() }, usage);
  const report = synth.report;
  const clock = report.config.clockPeriodNs;
  const stalls = options.sinkStalls > 0 ? `, not ready in ${options.sinkStalls}% of the cycles (seed ${options.seed})` : '';
  const conditions = `inputs every ${options.interval} cycles, the output read at most every ${options.sinkInterval}${stalls}`;
  const withCosim = {
    ...report,
    latency: [...report.latency, { cycles: result.measured.latency, ns: result.measured.latency * clock, source: 'cosim' as const }],
    ii: result.measured.ii === null ? report.ii : [...report.ii, { cycles: result.measured.ii, source: 'cosim' as const }],
    notes: [
      ...report.notes,
      `Co-simulation (${result.simulator}, ${samples} samples, ${conditions}): ${result.mismatches.length === 0 ? '0 bit and 0 cycle differences' : `${result.mismatches.length} of ${result.tokens} output tokens differ`} against the cycle simulator; RTL in ${join(out, 'rtl')}.`,
    ],
  };
  const written = await writeReports(withCosim, out);
  return [written.json, written.markdown, written.html];
}

export function cosimCommand(): Command {
  return new Command('cosim')
    .description("Co-simulate the model's Verilog (Verilator, or Icarus) against the cycle simulator: every output token's bits and cycle; any difference exits 1.")
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split as inputs)')
    .option('-c, --config <file>', 'hls4ml-style configuration (YAML or JSON); default: hls4ml defaults')
    .option('--input <file>', 'inputs, .npy [N, ...] (default: the jet tagger test split; with a MODEL and none, seeded N(0, 1) samples)')
    .option('--samples <n>', 'samples to drive (the first N of the inputs)', integerAtLeast('--samples', 1), 200)
    .addOption(new Option('--simulator <name>', 'HDL simulator (default: Verilator when installed, else Icarus)').choices(['verilator', 'icarus']))
    .addOption(new Option('--io-type <type>', 'io_parallel or io_stream (overrides the config)').choices(['io_parallel', 'io_stream']))
    .option('--clock <period>', 'clock period in ns (5, 3.125ns) or frequency (200MHz); overrides ClockPeriod', parseClock)
    .option('--part <part>', 'FPGA part (overrides the config)')
    .option('--interval <cycles>', 'cycles between sample arrivals (0: as fast as accepted)', integerAtLeast('--interval', 0), 0)
    .option('--sink-interval <cycles>', 'the output is read at most once every N cycles (back-pressure)', integerAtLeast('--sink-interval', 1), 1)
    .option('--sink-stalls <percent>', 'besides --sink-interval, the output is not ready in a seeded random PERCENT of the cycles (0..99)', integerAtLeast('--sink-stalls', 0, 99), 0)
    .option('--seed <n>', 'the seed of the --sink-stalls pattern', integerAtLeast('--seed', 0, 0xffffffff), 1)
    .option('-o, --out <dir>', "write report.json/.md/.html there with the latency and II measured in the RTL (source 'cosim') beside the estimate, and the RTL, vectors and logs in DIR/rtl (default: a temporary folder, no report)")
    .option('--adjust', 'an invalid ReuseFactor becomes the closest valid one (with a warning) instead of an error')
    .exitOverride()
    .action(cosim);
}
