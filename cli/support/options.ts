// What several verbs share: integer options checked the same way, and the package's version.
import { InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';

/** A commander parser for an integer option >= minimum (and <= maximum); anything else is bad usage naming the option. */
export function integerAtLeast(what: string, minimum: number, maximum = Infinity): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < minimum || value > maximum) {
      throw new InvalidArgumentError(`${what} must be an integer ${maximum === Infinity ? `>= ${minimum}` : `${minimum}..${maximum}`}, not '${text}'`);
    }
    return value;
  };
}

/** ngt's version, from package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
