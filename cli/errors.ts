import { CommanderError } from 'commander';
import { NgtError } from '@ngt/fxp';

/**
 * A user-facing error: an NgtError, or an error class from a folder that may import nothing of ours
 * (reports/) carrying the same `code` and `exitCode` fields.
 */
function userError(error: unknown): { name: string; message: string; exitCode: number } | null {
  if (error instanceof NgtError) return error;
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { exitCode?: unknown }).exitCode === 'number') {
    return error as Error & { exitCode: number };
  }
  return null;
}

/** Exit status: 0 ok, 1 failure of the work, 2 bad usage or bad input (DESIGN.md). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  return userError(error)?.exitCode ?? 1;
}

/** One line for users' errors; a stack only for our own bugs. */
export function formatError(error: unknown): string {
  if (error instanceof CommanderError) return '';
  const user = userError(error);
  if (user) return `ngt: ${user.name}: ${user.message}`;
  if (error instanceof Error) return `ngt: internal error: ${error.stack ?? error.message}`;
  return `ngt: internal error: ${String(error)}`;
}
