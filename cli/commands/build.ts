// `ngt build [MODEL] [--config hls.yaml] --part iCE40UP5K -o DIR`: the model's RTL inside a pin-sized
// shell, Yosys synth_ice40, nextpnr-ice40 and icepack: DIR/top.bin (the bitstream), DIR/report.json
// (.md, .html) with nextpnr's Fmax and utilisation tagged 'pnr' beside the estimates, the tools' logs,
// and DIR/README.md describing the shell's pins. No vendor tool: the system binaries when installed,
// else the YoWASP wasm builds from npm.
import { Command } from 'commander';
import { join } from 'node:path';
import { writeFileAtomically } from '../support/atomic-write.js';
import { parseClock } from '../support/clock.js';
import { integerAtLeast, packageVersion } from '../support/options.js';
import { startProgress } from '../support/progress.js';

interface BuildCommandOptions {
  config?: string;
  part?: string;
  out: string;
  clock?: number;
  samples: number;
  input?: string;
  adjust?: boolean;
  wasm?: boolean;
}

function shellReadme(top: string, inputBits: number, outputBits: number, fmax: number): string {
  return [
    '# ngt build: the bitstream and its pins',
    '',
    `\`top.bin\` is the model \`${top}\` inside ngt build's pin shell (\`ngt_build_top\`): the model's ports are one`,
    `word per sample (${inputBits} bits in, ${outputBits} bits out), far more than the device's pins, so the shell`,
    'moves the words a byte at a time. Pins were placed by nextpnr (no PCF): read their sites from `top.asc`',
    'or pass a PCF of your own to nextpnr-ice40 with the netlist in the Yosys cache.',
    '',
    '| pin | direction | meaning |',
    '|---|---|---|',
    '| `clk` | in | the clock (nextpnr Fmax ' + `${fmax.toFixed(2)} MHz) |`,
    '| `rst` | in | synchronous reset, active high |',
    '| `in_byte[7:0]` | in | the next byte of the input word |',
    '| `in_shift` | in | shift `in_byte` into the word (the last byte shifted is the least significant) |',
    '| `in_go` | in | hand the word to the model |',
    '| `in_busy` | out | a word waits for the model to take it |',
    '| `out_valid` | out | a result word is held |',
    `| \`out_byte[7:0]\` | out | its least significant byte not yet read (${Math.ceil(outputBits / 8)} bytes per word) |`,
    '| `out_shift` | in | drop that byte; after the last, the next result may come in |',
    '',
    'The word layouts are those of `ngt rtl`\'s README (element 0 in the lowest bits).',
    '',
  ].join('\n');
}

async function build(model: string | undefined, options: BuildCommandOptions, command: Command): Promise<void> {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  const [{ writeReports, renderTerminal }, { runSynth }, { buildRtl }, { buildIce40, familyOfPart }, { findPart }, { withPnrReadings }] = await Promise.all([
    import('../../reports/index.js'),
    import('../synth/run-synth.js'),
    import('../../sim/index.js'),
    import('../../synth/index.js'),
    import('../../hls/index.js'),
    import('../synth/measured-readings.js'),
  ]);
  const result = runSynth({ model, config: options.config, part: options.part, clock: options.clock, out: options.out, samples: options.samples, input: options.input, adjust: options.adjust, toolVersion: packageVersion() }, usage);
  const part = findPart(result.report.config.part);
  if (familyOfPart(part) !== 'ice40') usage(`ngt build makes iCE40 bitstreams: --part (or Part in the config) must be an iCE40 part (iCE40UP5K), not ${part.name} (${part.family.name}); ngt synth --yosys synthesizes for the others`);
  const { schedules, fifoDepths } = result.rtl;
  const design = buildRtl(result.model, { ioType: result.report.config.ioType, schedules, fifoDepths });
  const progress = startProgress('ngt build', 3);
  const steps = { yosys: 0, nextpnr: 1, icepack: 2 } as const;
  let built;
  try {
    built = await buildIce40(design, design, {
      part,
      targetMhz: 1000 / result.report.config.clockPeriodNs,
      outDir: options.out,
      build: options.wasm ? 'wasm' : undefined,
      onStep: (step, detail) => progress.update(steps[step], `${step}: ${detail}`),
    });
  } finally {
    progress.stop();
  }
  const report = withPnrReadings(result.report, built, part);
  const written = await writeReports(report, options.out);
  const input = design.inputs[0]?.bits ?? 0;
  const output = design.outputs[0]?.bits ?? 0;
  writeFileAtomically(join(options.out, 'README.md'), shellReadme(design.top, input, output, built.fmaxMhz));
  const lc = built.utilisation['ICESTORM_LC'];
  process.stdout.write(
    [
      renderTerminal(report).trimEnd(),
      '',
      `ngt build: ${built.bitstream} for the ${part.name}: ${lc ? `${lc.used}/${lc.available} logic cells` : ''}, Fmax ${built.fmaxMhz.toFixed(2)} MHz (nextpnr)`,
      'Files:',
      ...[built.bitstream, written.json, written.markdown, written.html, join(options.out, 'README.md'), ...built.files.filter((file) => !file.endsWith('.bin'))].map((file) => `  ${file}`),
      '',
    ].join('\n'),
  );
}

export function buildCommand(): Command {
  return new Command('build')
    .description('Build an iCE40 bitstream of the model with open tools (Yosys, nextpnr-ice40, icepack; native or wasm), with nextpnr\'s Fmax and utilisation in the report.')
    .argument('[model]', 'the .onnx file (default: the built-in jet tagger, which does not fit an iCE40)')
    .option('-c, --config <file>', 'hls4ml-style configuration (YAML or JSON); default: hls4ml defaults')
    .option('--part <part>', 'the iCE40 part (overrides the config): iCE40UP5K (package sg48; iCE40UP5K-UWG30 for uwg30)')
    .option('--clock <period>', 'clock period in ns (5, 3.125ns) or frequency (20MHz): nextpnr\'s target; overrides ClockPeriod', parseClock)
    .requiredOption('-o, --out <dir>', 'the folder to write: top.bin, report.json/.md/.html, README.md, the tools\' logs')
    .option('--samples <n>', 'samples to simulate for the report', integerAtLeast('--samples', 1), 8)
    .option('--input <file>', 'inputs (.npy, [N, ...]) for the simulated samples')
    .option('--adjust', 'an invalid ReuseFactor becomes the closest valid one (with a warning) instead of an error')
    .option('--wasm', 'use the YoWASP WebAssembly tools even when the system binaries are installed')
    .exitOverride()
    .action(build);
}
