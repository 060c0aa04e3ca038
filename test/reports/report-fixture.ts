// The hand-made jet-tagger report (16-64-32-32-5 MLP, io_stream) and helpers shared by the report tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../reports/index.js';

export const fixturePath = fileURLToPath(new URL('./fixtures/jet-tagger-report.json', import.meta.url));

/** A fresh, mutable copy of the fixture as parsed JSON. */
export function fixtureJson(): Record<string, unknown> & Report {
  return JSON.parse(readFileSync(fixturePath, 'utf8')) as Record<string, unknown> & Report;
}

/** Data marks (not axes or legends) of one vega SVG: the shapes inside its role-mark groups. */
export function countMarks(svg: string): number {
  let marks = 0;
  for (const group of svg.matchAll(/<g class="mark-\w+ role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) {
    marks += (group[1]?.match(/<(path|text|line|rect|circle)\b/g) ?? []).length;
  }
  return marks;
}

/** The inline SVGs of a report page, by data-plot kind. */
export function plotsOf(html: string): Map<string, string> {
  const plots = new Map<string, string>();
  for (const figure of html.matchAll(/<figure class="plot" data-plot="([\w-]+)">\s*(<svg[\s\S]*?<\/svg>)/g)) {
    plots.set(figure[1] ?? '', figure[2] ?? '');
  }
  return plots;
}

/** The tick labels of a vega SVG's axes, in drawing order (axes, then ticks along each). */
export function tickLabels(svg: string): string[] {
  const labels: string[] = [];
  for (const group of svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/gs)) {
    for (const text of group[1]?.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g) ?? []) labels.push(text[1] ?? '');
  }
  return labels;
}

/** Labels no quantitative tick may read as: long decimal tails ("0.000010") or a count with a fraction ("163,818.000000"). */
export const clumsyTick = /\.\d{4,}|,\d{3}\.0+\b|^-?\d+\.0+$/;
