// Plain Node (no TypeScript, no vitest) imports the built @ngt/fxp package from the repository root.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/run-cli.js';

const script = `
const { parseFixedType, Fixed, add, sub, mul } = await import('@ngt/fxp');
const t = parseFixedType('ap_fixed<16,6,AP_RND,AP_SAT>');
const a = Fixed.fromString('0.1', t);
const b = Fixed.fromNumber(-3.25, t);
const c = Fixed.fromRaw(-5n, 'ap_fixed<8,3>');
console.log(JSON.stringify([
  String(a.raw), a.toString(), b.toNumber(), a.type.width,
  mul(a, b).toString(), mul(a, b).type.width, add(a, c).toString(), sub(a, c).type.signed,
  b.cast(parseFixedType('ap_fixed<8,3,AP_TRN,AP_SAT>')).toString(),
]));
`;

describe('@ngt/fxp from plain node', () => {
  it('imports and computes after npm ci', () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    // 0.1 * 1024 = 102.4 -> AP_RND 102 -> 0.099609375; 0.099609375 * -3.25 = -0.32373046875;
    // 0.099609375 + (-5/32) = -0.056640625; -3.25 saturates to ap_fixed<8,3>'s minimum -4.
    expect(JSON.parse(result.stdout)).toEqual(['102', '0.099609375', -3.25, 16, '-0.32373046875', 32, '-0.056640625', true, '-3.25']);
  });
});
