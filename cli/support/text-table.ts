// Plain aligned tables for the terminal: the first row is the header; numeric-looking cells align right.

const NUMERIC = /^[-+]?[\d,.]+(e[-+]?\d+)?%?$|^-$/i;

export function formatTable(rows: readonly (readonly string[])[], indent = ''): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const lines = rows.map((row, rowIndex) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return rowIndex > 0 && NUMERIC.test(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
  if (lines.length > 1) lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return lines.map((line) => `${indent}${line}`).join('\n');
}

/** A number with `digits` significant digits, in exponent form when very small or large. */
export function formatNumber(value: number | null, digits = 4): string {
  if (value === null || Number.isNaN(value)) return '-';
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude < 1e-3 || magnitude >= 1e6 ? value.toExponential(digits - 1) : String(Number(value.toPrecision(digits)));
}
