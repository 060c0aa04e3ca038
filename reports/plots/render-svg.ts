// Vega-Lite spec -> static SVG string, headless: compiled to Vega and rendered by vega's SVG string
// renderer with renderer 'none', so no canvas, DOM or network is needed. vega and vega-lite load on
// first use, so commands that print no HTML report do not pay their start-up time.
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

interface Engines {
  readonly vega: typeof Vega;
  readonly vegaLite: typeof VegaLite;
}

let engines: Promise<Engines> | undefined;

function loadEngines(): Promise<Engines> {
  engines ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, vegaLite }));
  return engines;
}

/** Shared look of every plot: the report's font, no chart border, white background. */
export const plotConfig = {
  background: 'white',
  font: 'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/**
 * Renders a spec to SVG. `idPrefix` namespaces the ids vega gives clip paths and gradients, so several
 * SVGs inlined in one HTML page never refer to each other's definitions.
 */
export async function renderSpecToSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const { vega, vegaLite } = await loadEngines();
  const compiled = vegaLite.compile({ ...spec, config: { ...plotConfig, ...spec.config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    const svg = await view.toSVG();
    return svg.replace(/\bid="([^"]+)"/g, `id="${idPrefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}-$1)`);
  } finally {
    view.finalize();
  }
}
