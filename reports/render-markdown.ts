// The Markdown report (report.md): the same summary and tables as the terminal, as GitHub-flavoured
// Markdown tables. Cell text is escaped so a layer named `a|b` or `<script>` cannot break the layout.
import { sourceLegend } from './figures.js';
import type { Report } from './schema.js';
import { comparisonTable, estimateErrorTable, layerTable, overflowTable, precisionTable, summaryItems, type TextTable } from './tables.js';

/** Escapes Markdown and inline HTML in a table cell or a line of text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function markdownTable(table: TextTable, level = '##'): string[] {
  const row = (cells: readonly string[], strong = false): string =>
    `| ${cells.map((cell) => (strong && cell !== '' ? `**${escapeMarkdown(cell)}**` : escapeMarkdown(cell))).join(' | ')} |`;
  const rule = `|${table.align.map((align) => (align === 'right' ? '---:' : ':---')).join('|')}|`;
  const footer = table.footer.map((cells) => row(cells, true));
  return [`${level} ${table.title}`, '', row(table.header), rule, ...table.rows.map((cells) => row(cells)), ...footer, ''];
}

export function renderMarkdown(report: Report): string {
  const lines = [
    `# ngt report: ${escapeMarkdown(report.model.name)}`,
    '',
    ...(report.warnings.length > 0 ? [...report.warnings.map((warning) => `> **Warning:** ${escapeMarkdown(warning)}`), ''] : []),
    ...summaryItems(report).map(([label, value]) => `- **${label}**: ${escapeMarkdown(value)}`),
    '',
    ...markdownTable(layerTable(report)),
  ];
  for (const table of [overflowTable(report), estimateErrorTable(report), comparisonTable(report)]) {
    if (table !== null) lines.push(...markdownTable(table));
  }
  lines.push(...markdownTable(precisionTable(report)));
  lines.push(`Sources: ${escapeMarkdown(sourceLegend)}`, '');
  if (report.notes.length > 0) lines.push('## Notes', '', ...report.notes.map((note) => `- ${escapeMarkdown(note)}`), '');
  return lines.join('\n');
}
