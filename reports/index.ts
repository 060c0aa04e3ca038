// reports/: the report data model and its renderers. Reads result data only; imports nothing of ours.
export * from './schema.js';
export { ReportError } from './report-error.js';
export { validateReport } from './validate-report.js';
export {
  bestReading,
  formatPercent,
  readingFor,
  relativeError,
  sourceLegend,
  sourceLetter,
  sourcesOf,
  summarizeResources,
} from './figures.js';
export { renderTerminal, type TerminalOptions } from './render-terminal.js';
export { escapeMarkdown, renderMarkdown } from './render-markdown.js';
export { escapeHtml, renderHtml, renderHtmlPage } from './render-html.js';
export { plotSpecs, renderPlots, type PlotKind, type RenderedPlot } from './plots/render-plots.js';
export { writeReports, type WrittenReports } from './write-reports.js';
export { renderComparePage, type ComparePage, type ComparePoint } from './compare-page.js';
