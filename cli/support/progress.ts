// Progress bars on stderr for long work (cli-progress; drawn only on a terminal, silent in pipes and tests).
import { createRequire } from 'node:module';

interface SingleBar {
  start(total: number, value: number, payload?: Record<string, string>): void;
  update(value: number, payload?: Record<string, string>): void;
  setTotal(total: number): void;
  stop(): void;
}

interface CliProgress {
  SingleBar: new (options: Record<string, unknown>, preset: unknown) => SingleBar;
  Presets: { shades_classic: unknown };
}

// cli-progress ships no types; createRequire keeps the one shape we use typed here, with no global declaration.
const cliProgress = createRequire(import.meta.url)('cli-progress') as CliProgress;

export interface Progress {
  update(done: number, label?: string): void;
  /** Changes the total, e.g. when a search learns how many more steps it takes. */
  setTotal(total: number): void;
  stop(): void;
}

/** A bar named `title` over `total` steps; `update` with the steps done and an optional label of the current item. */
export function startProgress(title: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {value}/{total} {label}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    update: (done, label = '') => bar.update(done, { label }),
    setTotal: (value) => bar.setTotal(value),
    stop: () => bar.stop(),
  };
}
