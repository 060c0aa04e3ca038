// Every plot a report has data for, rendered to SVG: resources always; the timeline and the FIFO
// occupancy when the run recorded them (for io_parallel, whose "FIFOs" are depth-1 registers between
// layers, as a slice-occupancy strip); the error-against-resources scatter when two or more
// configurations were compared (one configuration is one point: its numbers are in the table).
import type { Report } from '../schema.js';
import { errorSpec } from './error-plot.js';
import { fifoSpec } from './fifo-plot.js';
import { renderSpecToSvg } from './render-svg.js';
import { resourcesSpec } from './resources-plot.js';
import { sliceSpec } from './slice-plot.js';
import { timelineSpec } from './timeline-plot.js';
import type { TopLevelSpec } from 'vega-lite';

export type PlotKind = 'timeline' | 'resources' | 'fifo-occupancy' | 'slice-occupancy' | 'error-vs-resources';

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
  const occupancy = report.fifoOccupancy;
  if (occupancy !== null && occupancy.fifos.length > 0) {
    if (report.config.ioType === 'io_parallel') {
      specs.push({
        kind: 'slice-occupancy',
        caption:
          'io_parallel passes each sample between layers in one register (depth 1), which never back-pressures: ' +
          'each row shows the cycles one slice holds a valid sample, and a gap is a pipeline bubble.',
        spec: sliceSpec(occupancy),
      });
    } else {
      specs.push({
        kind: 'fifo-occupancy',
        caption: 'Words held in each FIFO, cycle by cycle, one row per FIFO; the dashed line is its depth, and a FIFO at its depth stalls its producer.',
        spec: fifoSpec(occupancy),
      });
    }
  }
  if (report.comparisons.length >= 2) {
    specs.push({ kind: 'error-vs-resources', caption: 'Max |error| against float versus LUTs, per configuration.', spec: errorSpec(report.comparisons) });
  }
  return specs;
}

export async function renderPlots(report: Report): Promise<RenderedPlot[]> {
  return Promise.all(
    plotSpecs(report).map(async ({ kind, caption, spec }) => ({ kind, caption, svg: await renderSpecToSvg(spec, `plot-${kind}`) })),
  );
}
