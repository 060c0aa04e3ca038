// --clock: a period in ns ('5', '3.125ns') or a frequency ('200MHz'), as users quote either.
import { InvalidArgumentError } from 'commander';

export function parseClock(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ns|mhz|ghz)?\s*$/i.exec(text);
  const value = match ? Number(match[1]) : NaN;
  if (!match || !(value > 0)) throw new InvalidArgumentError(`--clock must be a period in ns (5, 3.125ns) or a frequency (200MHz), not '${text}'`);
  const unit = (match[2] ?? 'ns').toLowerCase();
  return unit === 'ns' ? value : unit === 'mhz' ? 1000 / value : 1 / value;
}
