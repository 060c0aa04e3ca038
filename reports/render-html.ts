// The HTML report (report.html): one self-contained file. Inline CSS, plots as inline SVG, no script,
// no external resource; a Content-Security-Policy forbids both, so opening it offline shows everything.
// Every piece of report text is escaped: a layer named `<script>` is shown, never run.
import { sourceLegend } from './figures.js';
import { renderPlots, type RenderedPlot } from './plots/render-plots.js';
import type { Report } from './schema.js';
import { comparisonTable, estimateErrorTable, layerTable, overflowTable, precisionTable, summaryItems, type TextTable } from './tables.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The look shared by every page ngt writes (reports, comparisons). */
const pageStyle = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2330; margin: 24px auto; max-width: 1200px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dde2ea; padding-bottom: 4px; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; }
th, td { padding: 3px 9px; border-bottom: 1px solid #eef0f4; white-space: nowrap; }
th { background: #f4f6f9; text-align: left; } td.right, th.right { text-align: right; }
tfoot td { font-weight: 600; border-top: 2px solid #c9d0db; }
.scroll { overflow-x: auto; }
figure.plot { margin: 16px 0; } figure.plot svg { max-width: 100%; height: auto; }
figcaption { color: #5b6475; font-size: 12px; }
.legend, .notes { color: #5b6475; font-size: 12px; }
.warning { background: #fdecea; border-left: 4px solid #c0392b; padding: 6px 10px; margin: 6px 0; }
`;

export function htmlTable(table: TextTable): string {
  const cell = (tag: 'th' | 'td', text: string, column: number): string =>
    `<${tag}${table.align[column] === 'right' ? ' class="right"' : ''}>${escapeHtml(text)}</${tag}>`;
  const row = (cells: readonly string[], tag: 'th' | 'td'): string => `<tr>${cells.map((text, column) => cell(tag, text, column)).join('')}</tr>`;
  const footer = table.footer.length > 0 ? `<tfoot>${table.footer.map((cells) => row(cells, 'td')).join('')}</tfoot>` : '';
  return [
    `<h2>${escapeHtml(table.title)}</h2>`,
    `<div class="scroll"><table><thead>${row(table.header, 'th')}</thead>`,
    `<tbody>${table.rows.map((cells) => row(cells, 'td')).join('\n')}</tbody>${footer}</table></div>`,
  ].join('\n');
}

function plotFigure(plot: RenderedPlot): string {
  return `<figure class="plot" data-plot="${plot.kind}">\n${plot.svg}\n<figcaption>${escapeHtml(plot.caption)}</figcaption>\n</figure>`;
}

/** A whole page: the shared look, a title and heading, `body` (already escaped HTML), no script or network. */
export function htmlDocument(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${pageStyle}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

/** The HTML page for a report, given its already rendered plots (renderHtml renders them). */
export function renderHtmlPage(report: Report, plots: readonly RenderedPlot[]): string {
  const title = `ngt report: ${report.model.name}`;
  const summary = summaryItems(report)
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  const tables = [layerTable(report), overflowTable(report), estimateErrorTable(report), comparisonTable(report), precisionTable(report)]
    .filter((table): table is TextTable => table !== null)
    .map(htmlTable);
  const notes = report.notes.length > 0 ? `<h2>Notes</h2>\n<ul class="notes">${report.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>` : '';
  return htmlDocument(
    title,
    `${report.warnings.map((warning) => `<p class="warning"><strong>Warning:</strong> ${escapeHtml(warning)}</p>`).join('\n')}
<dl class="summary">
${summary}
</dl>
${tables[0] ?? ''}
<p class="legend">Sources: ${escapeHtml(sourceLegend)}</p>
<h2>Plots</h2>
${plots.map(plotFigure).join('\n')}
${tables.slice(1).join('\n')}
${notes}`,
  );
}

export async function renderHtml(report: Report): Promise<string> {
  return renderHtmlPage(report, await renderPlots(report));
}
