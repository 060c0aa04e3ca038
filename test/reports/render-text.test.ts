/* eslint-disable @typescript-eslint/no-explicit-any -- these tests corrupt parsed report JSON field by field */
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown, renderTerminal, summarizeResources, validateReport, type Report } from '../../reports/index.js';
import { expectGolden } from './golden.js';
import { fixtureJson } from './report-fixture.js';

/** The fixture with Yosys counts beside the estimates of fc1 and softmax... and of the totals. */
function withYosys(): Report {
  const json = fixtureJson() as Record<string, any>;
  for (const layer of json['layers']) {
    const estimate = layer.resources[0];
    layer.resources.push({ ...estimate, lut: Math.round(estimate.lut * 0.9), ff: estimate.ff + 10, source: 'yosys' });
  }
  json['resources'] = summarizeResources(json['resources'].part, json['resources'].capacity, json['layers']);
  json['latency'].push({ cycles: 37, ns: 185, source: 'cosim' });
  return validateReport(json);
}

describe('renderTerminal', () => {
  it('matches the golden table for the fixture', () => {
    expectGolden('jet-tagger-terminal.txt', renderTerminal(validateReport(fixtureJson()), { color: false }));
  });

  it('uses ANSI bold only when colour is on', () => {
    const report = validateReport(fixtureJson());
    const plain = renderTerminal(report, { color: false });
    const colored = renderTerminal(report, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[1mngt report: jet-tagger\u001b[22m');
    expect(colored.replaceAll('\u001b[1m', '').replaceAll('\u001b[22m', '')).toBe(plain);
  });

  it('shows every source of a figure side by side, and the estimate error', () => {
    const text = renderTerminal(withYosys(), { color: false });
    expect(text).toContain('LUT [e/y]');
    expect(text).toContain('Latency [e/c]');
    // fc1: estimate 6,420 LUT, yosys round(6,420 * 0.9) = 5,778.
    expect(text).toMatch(/^fc1 .* 6,420 \/ 5,778 .*$/m);
    expect(text).toMatch(/^Total .* 36 \/ 37 .*$/m);
    expect(text).toMatch(/^Total LUT\s+28,486\s+25,638\s+yosys\s+\+11\.1%$/m);
    expect(text).toMatch(/^Model latency \(cycles\)\s+36\s+37\s+cosim\s+-2\.7%$/m);
    expect(text).toContain('Latency        36 cycles = 180 ns [e], 37 cycles = 185 ns [c]');
  });

  it('aligns every table line of the fixture to the same width', () => {
    const lines = renderTerminal(validateReport(fixtureJson()), { color: false }).split('\n');
    const start = lines.indexOf('Layers');
    const rule = lines[start + 2] ?? '';
    expect(rule).toMatch(/^-+( +-+){11}$/);
    for (const line of lines.slice(start + 1, start + 15)) expect(line.length).toBeLessThanOrEqual(rule.length);
    expect(lines[start + 1]?.trimEnd().length).toBe(rule.length);
  });
});

describe('renderMarkdown', () => {
  it('matches the golden Markdown for the fixture', () => {
    expectGolden('jet-tagger.md', renderMarkdown(validateReport(fixtureJson())));
  });

  it('escapes names that would break a table or inject HTML', () => {
    const json = fixtureJson() as Record<string, any>;
    json['layers'][0].name = '<script>a|b</script>';
    json['timeline'].spans.forEach((span: { layer: string }) => {
      if (span.layer === 'fc1') span.layer = '<script>a|b</script>';
    });
    const markdown = renderMarkdown(validateReport(json));
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('| &lt;script&gt;a\\|b&lt;/script&gt; | Dense |');
    expect(escapeMarkdown('*x* _y_ `z` [l](u) #')).toBe('\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\#');
  });
});
