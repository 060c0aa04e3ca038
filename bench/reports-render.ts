// How long the reports take to render for the jet-tagger fixture: `ngt synth` must go from start to
// written reports in under 2 s, so the HTML (with its three or four vega plots) should take well under 1 s.
// Run: node --import tsx bench/reports-render.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderHtml, renderMarkdown, renderTerminal, validateReport } from '../reports/index.js';

const fixture = fileURLToPath(new URL('../test/reports/fixtures/jet-tagger-report.json', import.meta.url));

function milliseconds(start: number): string {
  return `${(performance.now() - start).toFixed(1)} ms`;
}

const report = validateReport(JSON.parse(readFileSync(fixture, 'utf8')));

let start = performance.now();
const text = renderTerminal(report, { color: false }) + renderMarkdown(report);
console.log(`terminal + Markdown:              ${milliseconds(start)} (${text.length} chars)`);

start = performance.now();
const html = await renderHtml(report);
console.log(`HTML, first (loads vega):         ${milliseconds(start)} (${html.length} chars)`);

const runs = 10;
const times: number[] = [];
for (let run = 0; run < runs; run++) {
  start = performance.now();
  await renderHtml(report);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(`HTML, warm, median of ${runs}:        ${(times[runs >> 1] ?? 0).toFixed(1)} ms (min ${(times[0] ?? 0).toFixed(1)} ms)`);
