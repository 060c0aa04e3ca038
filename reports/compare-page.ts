// The HTML page of a comparison or sweep (compare.html): quality against LUTs and against latency, the
// points of the Pareto front (over resources, latency and II together, so not a line in either plane)
// and the recommended one marked, then the whole table. Self-contained as
// report.html is: inline CSS and SVG, no script, no network.
import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml, htmlDocument, htmlTable } from './render-html.js';
import { countAxis } from './plots/axis-formats.js';
import { renderSpecToSvg } from './plots/render-svg.js';
import type { TextTable } from './tables.js';

export interface ComparePoint {
  readonly name: string;
  /** Accuracy or agreement, 0..1. */
  readonly quality: number;
  readonly lut: number;
  readonly latencyNs: number;
  readonly onFront: boolean;
  readonly recommended: boolean;
}

export interface ComparePage {
  readonly title: string;
  /** 'accuracy' or 'agreement'. */
  readonly qualityName: string;
  readonly lines: readonly string[];
  readonly points: readonly ComparePoint[];
  readonly table: TextTable;
  /** compare --trace: each configuration's max |error| against float per layer, layers in model order. */
  readonly layerErrors?: readonly { readonly config: string; readonly layer: string; readonly maxAbsError: number }[];
}

function layerErrorSpec(rows: NonNullable<ComparePage['layerErrors']>): TopLevelSpec {
  const order = [...new Set(rows.map((row) => row.layer))];
  // A log axis cannot place an error of exactly 0 (a layer equal to float): those sit on the floor.
  const positive = rows.map((row) => row.maxAbsError).filter((error) => error > 0);
  const floor = positive.length > 0 ? Math.min(...positive) / 2 : 1e-9;
  const values = rows.map((row) => ({ ...row, shown: Math.max(row.maxAbsError, floor) }));
  const encoding = {
    x: { field: 'layer', type: 'ordinal', sort: order, title: 'layer', axis: { labelAngle: -40 } },
    y: { field: 'shown', type: 'quantitative', title: 'max |error| vs float', scale: { type: 'log' }, axis: { format: '.0e' } },
    color: { field: 'config', type: 'nominal', title: 'configuration', legend: { orient: 'bottom', columns: 1 } },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Error against float, layer by layer', subtitle: 'max |error| of each layer\'s exact output against the float model\'s same tensor, over every sample' },
    width: Math.max(320, 48 * order.length),
    height: 260,
    data: { values },
    layer: [{ mark: { type: 'line', opacity: 0.7 }, encoding }, { mark: { type: 'point', filled: true, size: 50 }, encoding }],
  };
}

function paretoSpec(points: readonly ComparePoint[], qualityName: string, x: 'lut' | 'latencyNs'): TopLevelSpec {
  const values = points.map((point) => ({ ...point, percent: 100 * point.quality, group: point.recommended ? 'recommended' : point.onFront ? 'Pareto front' : 'other points' }));
  const xAxis = { field: x, type: 'quantitative', title: x === 'lut' ? 'LUT (estimate)' : 'latency, ns (estimate)', scale: { zero: false, nice: true }, axis: x === 'lut' ? countAxis : { format: '~r' } } as const;
  const yAxis = { field: 'percent', type: 'quantitative', title: `${qualityName} (%)`, scale: { zero: false }, axis: { format: '.1f' } } as const;
  const color = {
    field: 'group',
    type: 'nominal',
    title: null,
    legend: { orient: 'bottom' },
    scale: { domain: ['other points', 'Pareto front', 'recommended'], range: ['#b8c0cc', '#1f77b4', '#d62728'] },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${qualityName} against ${x === 'lut' ? 'LUTs' : 'latency'}`, subtitle: `${points.length} points; the front: no other point has better ${qualityName} at no more resources, latency and II` },
    width: 440,
    height: 280,
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, size: 60, opacity: 0.9 }, encoding: { x: xAxis, y: yAxis, color } },
      { transform: [{ filter: 'datum.recommended' }], mark: { type: 'text', align: 'center', dy: -10, fontSize: 11 }, encoding: { x: xAxis, y: yAxis, text: { field: 'name' } } },
    ],
  };
}

export async function renderComparePage(page: ComparePage): Promise<string> {
  const plotted = page.points.filter((point) => Number.isFinite(point.lut) && Number.isFinite(point.quality));
  const plots =
    plotted.length === 0
      ? ['<p class="notes">No point has a resource estimate (--no-estimate), so there is no Pareto plot.</p>']
      : await Promise.all(
          (['lut', 'latencyNs'] as const).map(async (x) => `<figure class="plot" data-plot="pareto-${x}">\n${await renderSpecToSvg(paretoSpec(plotted, page.qualityName, x), `pareto-${x}`)}\n</figure>`),
        );
  const traced =
    page.layerErrors && page.layerErrors.length > 0
      ? ['<h2>Layer by layer</h2>', `<figure class="plot" data-plot="layer-errors">\n${await renderSpecToSvg(layerErrorSpec(page.layerErrors), 'layer-errors')}\n</figure>`]
      : [];
  const body = [...page.lines.map((line) => `<p>${escapeHtml(line)}</p>`), '<h2>Pareto plots</h2>', ...plots, ...traced, htmlTable(page.table)];
  return htmlDocument(page.title, body.join('\n'));
}
