// `ngt synth [MODEL.onnx] [--config hls.yaml] [--out DIR] [--part P] [--io-type T] [--reuse-factor N]
// [--samples N] [--vcd]`: import, conversion passes, schedule, estimates, a bit-accurate run of a few
// test samples, and the report (report.json, report.md, report.html). Prints the summary table and
// where the files are. With no MODEL it runs the built-in jet tagger on its test split.
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface SynthCommandOptions {
  config?: string;
  out?: string;
  part?: string;
  ioType?: 'io_parallel' | 'io_stream';
  reuseFactor?: number;
  samples: number;
  input?: string;
  vcd?: boolean;
}

function positiveInteger(what: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`${what} must be an integer >= 1, not '${text}'`);
    return value;
  };
}

function toolVersion(): string {
  const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

async function synth(model: string | undefined, options: SynthCommandOptions, command: Command): Promise<void> {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  // Loaded here, not at the top: the flow and the report renderers (vega) would otherwise load for
  // every verb, --help included.
  const [{ renderTerminal, writeReports }, { runSynth }, { timelineVcd, writeVcd }] = await Promise.all([
    import('../../reports/index.js'),
    import('../synth/run-synth.js'),
    import('../synth/write-vcd.js'),
  ]);
  const result = runSynth(
    {
      model,
      config: options.config,
      out: options.out,
      part: options.part,
      ioType: options.ioType,
      reuseFactor: options.reuseFactor,
      samples: options.samples,
      input: options.input,
      toolVersion: toolVersion(),
    },
    usage,
  );
  const written = await writeReports(result.report, result.outDir);
  const lines = [renderTerminal(result.report).trimEnd(), '', 'Reports:', `  ${written.json}`, `  ${written.markdown}`, `  ${written.html}`];
  if (options.vcd) {
    const path = join(result.outDir, 'timeline.vcd');
    const spans = result.report.timeline?.spans ?? [];
    writeVcd(path, timelineVcd(result.model.layers.map((layer) => layer.name), spans, result.report.config.clockPeriodNs, result.report.date));
    lines.push(`  ${path}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function synthCommand(): Command {
  return new Command('synth')
    .description('Convert a model to a fixed-point dataflow, estimate latency and resources, simulate a few samples and write the reports.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split as inputs)')
    .option('-c, --config <file>', 'hls4ml-style configuration (YAML or JSON); default: hls4ml defaults')
    .option('-o, --out <dir>', "where to write report.json/.md/.html (default: the config's OutputDir, else ngt-out/<model>)")
    .option('--part <part>', 'FPGA part (overrides the config): xcvu13p-flga2577-2-e, xc7z020clg400-1, LFE5U-85F, iCE40UP5K')
    .addOption(new Option('--io-type <type>', 'io_parallel or io_stream (overrides the config)').choices(['io_parallel', 'io_stream']))
    .option('--reuse-factor <n>', 'reuse factor for every layer (overrides the config)', positiveInteger('--reuse-factor'))
    .option('--samples <n>', 'test samples to run bit-accurately against the float model', positiveInteger('--samples'), 8)
    .option('--input <file>', 'inputs (.npy, [N, ...]) for the samples; required with a MODEL')
    .option('--vcd', 'also write timeline.vcd: each layer busy per cycle, from the schedule')
    .exitOverride()
    .action(synth);
}
