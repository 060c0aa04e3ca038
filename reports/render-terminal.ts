// The terminal report: the summary and aligned tables, plain text; bold headers only when colour is on
// (a TTY, and NO_COLOR unset), so piped output and golden files carry no escape codes.
import { sourceLegend } from './figures.js';
import type { Report } from './schema.js';
import { comparisonTable, estimateErrorTable, layerTable, overflowTable, summaryItems, type TextTable } from './tables.js';

export interface TerminalOptions {
  /** ANSI bold for headers and totals. Default: stdout is a TTY and NO_COLOR is not set. */
  readonly color?: boolean;
}

const bold = (text: string): string => `\u001b[1m${text}\u001b[22m`;

function pad(text: string, width: number, align: 'left' | 'right'): string {
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}

/** A table as aligned lines: header, rule, rows, and (if any) a rule and the footer rows. */
export function formatTextTable(table: TextTable, color: boolean): string[] {
  const all = [table.header, ...table.rows, ...table.footer];
  const widths = table.header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => pad(cell, widths[column] ?? 0, table.align[column] ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const style = (text: string): string => (color ? bold(text) : text);
  const lines = [style(table.title), style(line(table.header)), rule, ...table.rows.map(line)];
  if (table.footer.length > 0) lines.push(rule, ...table.footer.map((row) => style(line(row))));
  return lines;
}

export function renderTerminal(report: Report, options: TerminalOptions = {}): string {
  const color = options.color ?? (process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined);
  const items = summaryItems(report);
  const labelWidth = Math.max(...items.map(([label]) => label.length));
  const lines = [
    color ? bold(`ngt report: ${report.model.name}`) : `ngt report: ${report.model.name}`,
    ...report.warnings.map((warning) => `  ${color ? bold('WARNING') : 'WARNING'}: ${warning}`),
    ...items.map(([label, value]) => `  ${label.padEnd(labelWidth)}  ${value}`),
    '',
    ...formatTextTable(layerTable(report), color),
  ];
  for (const table of [overflowTable(report), estimateErrorTable(report), comparisonTable(report)]) {
    if (table !== null) lines.push('', ...formatTextTable(table, color));
  }
  lines.push('', `Sources: ${sourceLegend}`);
  if (report.notes.length > 0) lines.push('', 'Notes:', ...report.notes.map((note) => `  - ${note}`));
  return `${lines.join('\n')}\n`;
}
