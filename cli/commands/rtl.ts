// `ngt rtl [MODEL] [--config hls.yaml] [--io-type io_stream] [--samples 8] -o DIR`: the model's Verilog
// (one module per process, the stream FIFOs, a top module with valid/ready ports), a README of the
// ports, a testbench with the first samples' input vectors and the expected outputs.
import { Command, Option } from 'commander';
import type { IoType } from '../../hls/index.js';
import { exportRtl } from '../../sim/index.js';
import { parseClock } from '../support/clock.js';
import { integerAtLeast } from '../support/options.js';
import { firstSamples, loadDesign } from '../rtl/load-design.js';

interface RtlCommandOptions {
  config?: string;
  input?: string;
  samples: number;
  ioType?: IoType;
  clock?: number;
  part?: string;
  out: string;
  adjust?: boolean;
}

function rtl(model: string | undefined, options: RtlCommandOptions, command: Command): void {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const design = loadDesign(model, options, usage);
  const { input, count } = firstSamples(design.data, options.samples);
  const written = exportRtl(design.model, [input], count, options.out, design.rtlOptions);
  const files = [...written.files.keys()];
  process.stdout.write(`ngt rtl: ${written.top} (${files.length} Verilog files, ${written.network.processes.length} processes, ${written.network.streams.length} streams) -> ${options.out}\n  README.md, ngt_tb.v, in*.hex and out*_expected.hex (${count} samples)\n`);
}

export function rtlCommand(): Command {
  return new Command('rtl')
    .description("Write the model's Verilog RTL (the micro-architecture the cycle simulator runs), a README of its ports and a testbench with vectors.")
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger)')
    .option('-c, --config <file>', 'hls4ml-style configuration (YAML or JSON); default: hls4ml defaults')
    .option('--input <file>', 'inputs for the test vectors, .npy [N, ...] (default: the jet tagger test split)')
    .option('--samples <n>', 'samples in the test vectors', integerAtLeast('--samples', 1), 8)
    .addOption(new Option('--io-type <type>', 'io_parallel or io_stream (overrides the config)').choices(['io_parallel', 'io_stream']))
    .option('--clock <period>', 'clock period in ns (5, 3.125ns) or frequency (200MHz); overrides ClockPeriod', parseClock)
    .option('--part <part>', 'FPGA part (overrides the config)')
    .requiredOption('-o, --out <dir>', 'the folder to write')
    .option('--adjust', 'an invalid ReuseFactor becomes the closest valid one (with a warning) instead of an error')
    .exitOverride()
    .action(rtl);
}
