import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { inspectCommand } from './commands/inspect.js';
import { predictCommand } from './commands/predict.js';
import { configCommand } from './commands/config.js';

function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const text = readFileSync(url, 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** The whole command tree; verbs add themselves in cli/commands. */
export function buildProgram(): Command {
  const program = new Command('ngt')
    .description('Fast ML on FPGAs and GPUs: ONNX/QONNX models to bit-accurate fixed-point dataflows, simulation and reports.')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(inspectCommand());
  program.addCommand(predictCommand());
  program.addCommand(configCommand());
  return program;
}
