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
