// Every plot a report has data for, rendered to SVG: resources always; the timeline, FIFO occupancy
// and the error-against-resources plot when the run recorded them.
import type { Report } from '../schema.js';
import { errorSpec } from './error-plot.js';
import { fifoSpec } from './fifo-plot.js';
import { renderSpecToSvg } from './render-svg.js';
import { resourcesSpec } from './resources-plot.js';
import { timelineSpec } from './timeline-plot.js';
import type { TopLevelSpec } from 'vega-lite';

export type PlotKind = 'timeline' | 'resources' | 'fifo-occupancy' | 'error-vs-resources';

export interface RenderedPlot {
  readonly kind: PlotKind;
  readonly caption: string;
  readonly svg: string;
}

export function plotSpecs(report: Report): { kind: PlotKind; caption: string; spec: TopLevelSpec }[] {
  const specs: { kind: PlotKind; caption: string; spec: TopLevelSpec }[] = [];
  if (report.timeline !== null && report.timeline.spans.length > 0) {
    specs.push({ kind: 'timeline', caption: 'When each layer works on each sample.', spec: timelineSpec(report, report.timeline) });
  }
  specs.push({ kind: 'resources', caption: 'DSP, LUT, FF and BRAM18 per layer.', spec: resourcesSpec(report) });
  if (report.fifoOccupancy !== null && report.fifoOccupancy.fifos.length > 0) {
    specs.push({ kind: 'fifo-occupancy', caption: 'Words held in each FIFO, cycle by cycle.', spec: fifoSpec(report.fifoOccupancy) });
  }
  if (report.comparisons.length > 0) {
    specs.push({ kind: 'error-vs-resources', caption: 'Max |error| against float versus LUTs, per configuration.', spec: errorSpec(report.comparisons) });
  }
  return specs;
}

export async function renderPlots(report: Report): Promise<RenderedPlot[]> {
  return Promise.all(
    plotSpecs(report).map(async ({ kind, caption, spec }) => ({ kind, caption, svg: await renderSpecToSvg(spec, `plot-${kind}`) })),
  );
}
