// `ngt synth [MODEL.onnx] [--config hls.yaml] [--out DIR] [--part P] [--io-type T] [--reuse-factor N]
// [--samples N] [--interval K] [--fifo-opt] [--vcd [FILE]]`: import, conversion passes, schedule, a
// cycle simulation and a bit-accurate run of a few test samples, estimates, and the report (report.json,
// report.md, report.html). Prints the summary table and where the files are. With no MODEL it runs the
// built-in jet tagger on its test split.
import { Command, Option } from 'commander';
import { join, sep } from 'node:path';
import { parseClock } from '../support/clock.js';
import { integerAtLeast, packageVersion } from '../support/options.js';

interface SynthCommandOptions {
  config?: string;
  out?: string;
  part?: string;
  ioType?: 'io_parallel' | 'io_stream';
  reuseFactor?: number;
  samples: number;
  input?: string;
  interval?: number;
  fifoOpt?: boolean;
  vcd?: boolean | string;
  strict?: boolean;
  rtl?: boolean;
  clock?: number;
  yosys?: boolean;
}

async function synth(model: string | undefined, options: SynthCommandOptions, command: Command): Promise<void> {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  // Loaded here, not at the top: the flow and the report renderers (vega) would otherwise load for
  // every verb, --help included.
  const [{ renderTerminal, writeReports }, { runSynth }] = await Promise.all([import('../../reports/index.js'), import('../synth/run-synth.js')]);
  const result = runSynth({ ...options, model, toolVersion: packageVersion() }, usage);
  // --yosys: the RTL of the design just simulated, synthesized for the part's family.
  const report = options.yosys ? await (await import('../synth/measured-readings.js')).withYosys(result) : result.report;
  const written = await writeReports(report, result.outDir);
  const files = [written.json, written.markdown, written.html, ...(result.vcdPath === null ? [] : [result.vcdPath])];
  if (options.rtl) {
    // The RTL of the design just simulated: its schedules and FIFO depths, its samples as test vectors.
    const { exportRtl } = await import('../../sim/index.js');
    const dir = join(result.outDir, 'rtl');
    const { schedules, batch, samples, fifoDepths } = result.rtl;
    exportRtl(result.model, [batch], samples, dir, { ioType: result.report.config.ioType, schedules, fifoDepths });
    files.push(`${dir}${sep} (Verilog, testbench, vectors, README.md)`);
  }
  process.stdout.write(`${[renderTerminal(report).trimEnd(), '', 'Reports:', ...files.map((file) => `  ${file}`)].join('\n')}\n`);
  if (options.strict && report.warnings.length > 0) {
    process.stderr.write(`ngt synth: --strict: ${report.warnings.length} warning(s), exit 1 (the reports are written)\n`);
    process.exitCode = 1;
  }
}

export function synthCommand(): Command {
  return new Command('synth')
    .description('Convert a model to a fixed-point dataflow, simulate a few samples cycle by cycle and bit-accurately, estimate resources and write the reports.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, with its test split as inputs)')
    .option('-c, --config <file>', 'hls4ml-style configuration (YAML or JSON); default: hls4ml defaults')
    .option('-o, --out <dir>', "where to write report.json/.md/.html (default: the config's OutputDir, else ngt-out/<model>)")
    .option('--clock <period>', 'clock period in ns (5, 3.125ns) or frequency (200MHz); overrides ClockPeriod', parseClock)
    .option('--part <part>', 'FPGA part (overrides the config): xcvu13p-flga2577-2-e, xc7z020clg400-1, LFE5U-85F, iCE40UP5K')
    .addOption(new Option('--io-type <type>', 'io_parallel or io_stream (overrides the config)').choices(['io_parallel', 'io_stream']))
    .option('--reuse-factor <n>', 'reuse factor for every layer (overrides the config)', integerAtLeast('--reuse-factor', 1))
    .option('--samples <n>', 'samples to simulate cycle by cycle (accuracy and agreement with float use every input given; with a MODEL and no --input, this many random samples)', integerAtLeast('--samples', 1), 8)
    .option('--input <file>', 'inputs (.npy, [N, ...]) for the samples (default: the jet tagger\'s test split; with a MODEL, seeded N(0, 1) samples)')
    .option('--interval <k>', 'in the cycle simulation, a sample arrives every K cycles (default 0: as soon as the first layer takes it)', integerAtLeast('--interval', 0))
    .option('--fifo-opt', 'io_stream: set each FIFO between layers to its maximum occupancy + 1 and re-run to show there is no deadlock')
    .option('--vcd [file]', 'write the cycle simulation as a VCD waveform (handshakes, occupancy, data; default <out>/waves.vcd)')
    .option('--adjust', 'an invalid ReuseFactor becomes the closest valid one (with a warning) instead of an error listing the valid values')
    .option('--strict', 'exit 1 when the report has warnings: the design does not fit the part, misses the clock, or values overflow')
    .option('--yosys', 'also synthesize the design\'s RTL with Yosys for the part\'s family (system yosys, else the wasm build): cells per layer and in total beside the estimates, tagged yosys, with the error in %')
    .option('--rtl', 'also write the design\'s Verilog RTL, testbench and vectors into <out>/rtl (as ngt rtl; co-simulate with ngt cosim)')
    .exitOverride()
    .action(synth);
}
