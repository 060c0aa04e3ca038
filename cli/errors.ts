import { CommanderError } from 'commander';
import { NgtError } from '@ngt/fxp';

/** Exit status: 0 ok, 1 failure of the work, 2 bad usage or bad input (DESIGN.md). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof NgtError) return error.exitCode;
  return 1;
}

/** One line for users' errors; a stack only for our own bugs. */
export function formatError(error: unknown): string {
  if (error instanceof CommanderError) return '';
  if (error instanceof NgtError) return `ngt: ${error.name}: ${error.message}`;
  if (error instanceof Error) return `ngt: internal error: ${error.stack ?? error.message}`;
  return `ngt: internal error: ${String(error)}`;
}
