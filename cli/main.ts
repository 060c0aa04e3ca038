// The `ngt` command: one file per verb in cli/commands, registered here.
import { buildProgram } from './program.js';
import { exitCodeFor, formatError } from './errors.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const message = formatError(error);
  if (message) process.stderr.write(`${message}\n`);
  process.exitCode = exitCodeFor(error);
}
