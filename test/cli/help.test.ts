import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('ngt', () => {
  it('--help prints usage and exits 0', () => {
    const { status, stdout } = runCli(['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: ngt \[options\] \[command\]|^Usage: ngt \[options\]/);
  });
  it('an unknown option is bad usage: exit 2 and a message naming it', () => {
    const { status, stderr } = runCli(['--no-such-option']);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown option '--no-such-option'");
  });
});

describe('every verb', () => {
  it('has --help (exit 0) and treats an unknown option as bad usage (exit 2)', () => {
    const verbs = [...runCli(['--help']).stdout.matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1] as string).filter((verb) => verb !== 'help');
    expect(verbs).toEqual(expect.arrayContaining(['inspect', 'predict', 'config']));
    for (const verb of verbs) {
      const help = runCli([verb, '--help']);
      expect([verb, help.status, help.stdout.startsWith(`Usage: ngt ${verb}`)]).toEqual([verb, 0, true]);
      const bad = runCli([verb, '--no-such-option']);
      expect([verb, bad.status]).toEqual([verb, 2]);
    }
  });
});
