/* eslint-disable @typescript-eslint/no-explicit-any -- these tests edit parsed report JSON field by field */
// The plots of the HTML report, rendered to SVG and read back: tick labels in short forms, the io_stream
// FIFO rows, the io_parallel slice rows, and the error scatter only where there are configurations to
// compare.
import { beforeAll, describe, expect, it } from 'vitest';
import { plotSpecs, renderHtml, renderPlots, validateReport, type RenderedPlot, type Report } from '../../reports/index.js';
import { errorSpec, errorsSpanDecades, logTicks } from '../../reports/plots/error-plot.js';
import { fifoLabel, fifoSpec, wordTicks } from '../../reports/plots/fifo-plot.js';
import { renderSpecToSvg } from '../../reports/plots/render-svg.js';
import { occupiedSpans } from '../../reports/plots/slice-plot.js';
import { clumsyTick, countMarks, fixtureJson, tickLabels } from './report-fixture.js';

/** The texts of a vega SVG's titles (each concatenated view's and the plot's), in drawing order. */
function titles(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-text role-title-text"[^>]*>\s*<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? '');
}

/** The shapes of one kind of data mark ('rect', 'line', 'area', 'symbol', ...), one string per shape. */
function marksOf(svg: string, mark: string): string[] {
  const shapes: string[] = [];
  for (const group of svg.matchAll(new RegExp(`<g class="mark-${mark} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs'))) {
    shapes.push(...(group[1]?.match(/<(path|line)\b[^>]*>/g) ?? []));
  }
  return shapes;
}

/** The io_parallel slices `ngt synth` records for the jet tagger (8 samples at II 1), and one slice with a bubble. */
const parallelSlices = [
  { name: 'x -> dense_1', depth: 1, points: [[0, 1], [8, 0]] },
  { name: 'dense_1_out0 -> dense_2', depth: 1, points: [[0, 0], [2, 1], [10, 0]] },
  { name: 'dense_2_out0 -> dense_3', depth: 1, points: [[0, 0], [5, 1], [13, 0]] },
  { name: 'dense_3_out0 -> dense_4', depth: 1, points: [[0, 0], [7, 1], [11, 0], [12, 1], [16, 0]] },
  { name: 'dense_4_out0 -> softmax', depth: 1, points: [[0, 0], [9, 1], [17, 0]] },
  { name: 'y -> output y', depth: 1, points: [[0, 0], [13, 1], [21, 0]] },
];

function parallelReport(): Report {
  const json = fixtureJson() as Record<string, any>;
  json['config'].ioType = 'io_parallel';
  json['fifoOccupancy'] = { source: 'estimate', fifos: parallelSlices };
  return validateReport(json);
}

function oneConfigReport(): Report {
  const json = fixtureJson() as Record<string, any>;
  json['comparisons'] = json['comparisons'].slice(0, 1);
  return validateReport(json);
}

function plot(plots: readonly RenderedPlot[], kind: string): RenderedPlot {
  const found = plots.find((candidate) => candidate.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} plot among ${plots.map((candidate) => candidate.kind).join(', ')}`);
  return found;
}

let stream: RenderedPlot[] = [];
let parallel: RenderedPlot[] = [];
let oneConfig: RenderedPlot[] = [];

beforeAll(async () => {
  [stream, parallel, oneConfig] = await Promise.all([renderPlots(validateReport(fixtureJson())), renderPlots(parallelReport()), renderPlots(oneConfigReport())]);
});

describe('tick labels', () => {
  it('are short on every axis of every plot: no decimal tails, no fractional counts', () => {
    for (const rendered of [...stream, ...parallel, ...oneConfig]) {
      const labels = tickLabels(rendered.svg);
      expect(labels.length, rendered.kind).toBeGreaterThan(2);
      expect(labels.filter((label) => clumsyTick.test(label)), rendered.kind).toEqual([]);
    }
  });

  it('read resource counts in SI, cycles and words as integers, a log error axis as 1-2-5 per decade', () => {
    const resources = tickLabels(plot(stream, 'resources').svg);
    // Per panel: DSP 0..1.5k, LUT 0..12k, FF 0..6k, BRAM18 0..2; layer names first.
    expect(resources.slice(8)).toEqual(['0', '500', '1k', '1.5k', '0', '2k', '4k', '6k', '8k', '10k', '12k', '0', '2k', '4k', '6k', '0', '1', '2']);
    expect(tickLabels(plot(stream, 'timeline').svg).slice(0, 14)).toEqual(['0', '5', '10', '15', '20', '25', '30', '35', '40', '45', '50', '55', '60', '65']);
    const error = tickLabels(plot(stream, 'error-vs-resources').svg);
    expect(error).toEqual(['25k', '30k', '35k', '40k', '45k', '50k', '55k', '60k', '65k', '0.01', '0.02', '0.05', '0.1', '0.2', '0.5', '1']);
  });

  it('stay short where a scale has a single value or errors are tiny', async () => {
    const json = fixtureJson() as Record<string, any>;
    for (const layer of json['layers']) for (const reading of layer.resources) Object.assign(reading, { dsp: 0, lut: 163818, bram18: 0 });
    const comparisons = json['comparisons'].map((row: any, index: number) => ({
      ...row,
      maxAbsError: [1.2e-4, 1.5e-4, 1.8e-4][index],
      resources: [{ ...row.resources[0], lut: 163818 }],
    }));
    const resources = tickLabels(await renderSpecToSvg(plotSpecs(validateReport(json))[1]?.spec ?? missing(), 'resources'));
    expect(resources.slice(8)).toEqual(['0', '0', '50k', '100k', '150k', '0', '2k', '4k', '6k', '0']);
    const error = tickLabels(await renderSpecToSvg(errorSpec(comparisons), 'error'));
    // LUT: one value, so the domain is widened around it; error: within a decade, so linear, in scientific form.
    expect(error).toEqual(['145k', '150k', '155k', '160k', '165k', '170k', '175k', '180k', '0', '2e-5', '4e-5', '6e-5', '8e-5', '1e-4', '1.2e-4', '1.4e-4', '1.6e-4', '1.8e-4']);
  });
});

function missing(): never {
  throw new Error('missing spec');
}

describe('io_stream FIFO occupancy', () => {
  it('draws one row per FIFO, titled with its depth and peak, each in its own colour', () => {
    const { svg, caption } = plot(stream, 'fifo-occupancy');
    const fifos = validateReport(fixtureJson()).fifoOccupancy?.fifos ?? [];
    // Vega draws the rows' titles first, the plot's last.
    expect(titles(svg)).toEqual([...fifos.map(fifoLabel), 'FIFO occupancy over time (estimate)']);
    expect(titles(svg)[6]).toBe('relu3_to_output: depth 8, peak 6');
    // Per FIFO: a shaded area, a step line and the dashed depth rule.
    expect(marksOf(svg, 'area')).toHaveLength(8);
    expect(marksOf(svg, 'rule')).toHaveLength(8);
    const lines = marksOf(svg, 'line');
    expect(lines).toHaveLength(8);
    expect(new Set(lines.map((line) => /stroke="([^"]+)"/.exec(line)?.[1])).size).toBe(8);
    expect(countMarks(svg)).toBe(24);
    expect(caption).toContain('dashed line is its depth');
  });

  it('gives each row a words axis from 0 to the depth, with integer ticks', () => {
    const occupancy = validateReport(fixtureJson()).fifoOccupancy ?? missing();
    const spec = fifoSpec(occupancy) as any;
    expect(spec.vconcat).toHaveLength(8);
    const axes = spec.vconcat.map((row: any) => row.layer[1].encoding.y);
    expect(axes.map((y: any) => y.scale.domain)).toEqual(occupancy.fifos.map((fifo) => [0, fifo.depth]));
    expect(axes[6].axis.values).toEqual([0, 4, 8]);
    expect(axes[0].axis.values).toEqual([0, 1]);
    // Rows of 1-word FIFOs: ticks 0 and 1 only, so 8 rows give 7 x (0, 1) + (0, 4, 8) + the cycle axis.
    const labels = tickLabels(plot(stream, 'fifo-occupancy').svg);
    expect(labels.filter((label) => label === '4')).toHaveLength(1);
    expect(labels.filter((label) => label === '1')).toHaveLength(7);
  });

  it('picks word ticks that fit a 40-pixel row', () => {
    expect(wordTicks(1)).toEqual([0, 1]);
    expect(wordTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(wordTicks(9)).toEqual([0, 5, 9]);
    expect(wordTicks(1024)).toEqual([0, 512, 1024]);
  });
});

describe('io_parallel slice occupancy', () => {
  it('replaces the FIFO lines by one row per slice, a bar per occupied stretch', () => {
    expect(parallel.map((rendered) => rendered.kind)).toEqual(['timeline', 'resources', 'slice-occupancy', 'error-vs-resources']);
    const { svg, caption } = plot(parallel, 'slice-occupancy');
    expect(caption).toContain('one register (depth 1)');
    // The band axis: one label per slice, in the report's order.
    const names = parallelSlices.map((slice) => slice.name.replace('>', '&gt;'));
    expect(tickLabels(svg).filter((label) => !/^\d+$/.test(label))).toEqual(names);
    // 7 bars: one per slice, two for the slice with a bubble at cycle 11.
    const bars = marksOf(svg, 'rect');
    expect(bars).toHaveLength(7);
    const rowOf = (bar: string): string => /slice: (.+?); endCycle/.exec(bar)?.[1] ?? '';
    expect(bars.map(rowOf)).toEqual([names[0], names[1], names[2], names[3], names[3], names[4], names[5]]);
  });

  it('places each bar on its own slice label', () => {
    const svg = plot(parallel, 'slice-occupancy').svg;
    const axis = [...svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/gs)].find((group) => group[1]?.includes('dense_1'))?.[1] ?? '';
    const labelY = new Map([...axis.matchAll(/translate\(-?[\d.]+,([\d.]+)\)[^>]*>([^<]+)</g)].map((match) => [match[2] ?? '', Number(match[1])]));
    expect(labelY.size).toBe(6);
    for (const bar of marksOf(svg, 'rect')) {
      const slice = /slice: (.+?); endCycle/.exec(bar)?.[1] ?? '';
      const ys = [...(/ d="([^"]+)"/.exec(bar)?.[1] ?? '').matchAll(/[ML,]\s*[\d.]+,([\d.]+)/g)].map((match) => Number(match[1]));
      const y = labelY.get(slice) ?? Number.NaN;
      expect(Math.min(...ys), slice).toBeLessThan(y);
      expect(Math.max(...ys), slice).toBeGreaterThan(y);
    }
  });

  it('turns occupancy points into [start, end) stretches', () => {
    expect(occupiedSpans({ name: 's', depth: 1, points: [[0, 0], [2, 1], [10, 0]] }, 21)).toEqual([{ slice: 's', startCycle: 2, endCycle: 10 }]);
    expect(occupiedSpans({ name: 's', depth: 1, points: [[0, 1], [3, 0], [5, 1]] }, 9)).toEqual([
      { slice: 's', startCycle: 0, endCycle: 3 },
      { slice: 's', startCycle: 5, endCycle: 9 },
    ]);
    expect(occupiedSpans({ name: 's', depth: 1, points: [[0, 0]] }, 9)).toEqual([]);
  });
});

describe('error against resources', () => {
  it('is left out for one configuration, whose numbers stay in the table', async () => {
    expect(oneConfig.map((rendered) => rendered.kind)).toEqual(['timeline', 'resources', 'fifo-occupancy']);
    const html = await renderHtml(oneConfigReport());
    expect(html).not.toContain('data-plot="error-vs-resources"');
    expect(html).toContain('<td>ap_fixed&lt;16,6&gt;</td>');
    expect(html).toContain('0.0123');
  });

  it('labels one point per configuration, on a log axis when the errors span a decade', () => {
    const { svg } = plot(stream, 'error-vs-resources');
    expect(marksOf(svg, 'symbol')).toHaveLength(3);
    const labels = [...svg.matchAll(/<g class="mark-text role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)].flatMap((group) => [...(group[1] ?? '').matchAll(/>([^<]+)<\/text>/g)].map((match) => match[1]));
    expect(labels).toEqual(['ap_fixed&lt;16,6&gt;', 'ap_fixed&lt;10,4&gt;', 'ap_fixed&lt;8,3&gt; pruned 50%']);
    const comparisons = validateReport(fixtureJson()).comparisons;
    expect((errorSpec(comparisons) as any).layer[0].encoding.y.scale.type).toBe('log');
    const close = comparisons.map((row, index) => ({ ...row, maxAbsError: [0.02, 0.03, 0.05][index] ?? 0 }));
    expect((errorSpec(close) as any).layer[0].encoding.y.scale.type).toBe('linear');
  });

  it('decides the scale and ticks from the errors', () => {
    expect(errorsSpanDecades([0.0123, 0.0871, 0.214])).toBe(true);
    expect(errorsSpanDecades([0.02, 0.05, 0.19])).toBe(false);
    expect(errorsSpanDecades([0, 0.001, 0.5])).toBe(false);
    expect(logTicks(0.0123, 0.214)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(logTicks(3e-7, 0.5)).toEqual([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1]);
  });
});
