import { Command } from 'commander';
import { inspectCommand } from './commands/inspect.js';
import { predictCommand } from './commands/predict.js';
import { configCommand } from './commands/config.js';
import { synthCommand } from './commands/synth.js';
import { pruneCommand } from './commands/prune.js';
import { profileCommand } from './commands/profile.js';
import { compareCommand } from './commands/compare.js';
import { quantizeCommand } from './commands/quantize.js';
import { reportCommand } from './commands/report.js';
import { cosimCommand } from './commands/cosim.js';
import { rtlCommand } from './commands/rtl.js';
import { buildCommand } from './commands/build.js';
import { packageVersion } from './support/options.js';

/** The whole command tree; verbs add themselves in cli/commands. */
export function buildProgram(): Command {
  const program = new Command('ngt')
    .description('Fast ML on FPGAs and GPUs: ONNX/QONNX models to bit-accurate fixed-point dataflows, simulation and reports.')
    .version(packageVersion());
  program.addCommand(inspectCommand());
  program.addCommand(predictCommand());
  program.addCommand(configCommand());
  program.addCommand(pruneCommand());
  program.addCommand(profileCommand());
  program.addCommand(compareCommand());
  program.addCommand(quantizeCommand());
  program.addCommand(synthCommand());
  program.addCommand(reportCommand());
  program.addCommand(rtlCommand());
  program.addCommand(cosimCommand());
  program.addCommand(buildCommand());
  return withExitOverride(program);
}

/**
 * Commander exits by itself (status 1) on a bad option unless every command overrides that; with the
 * override its errors reach main.ts, which exits 2 for bad usage (DESIGN.md).
 */
function withExitOverride(command: Command): Command {
  command.exitOverride().showHelpAfterError();
  for (const sub of command.commands) withExitOverride(sub);
  return command;
}
