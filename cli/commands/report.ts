// `ngt report REPORT.json [B.json] [--format text|md|json]`: one saved report (the report.json that
// `ngt synth --out DIR` writes) printed again exactly as synth printed it; two set side by side, as
// hls4ml users compare two read_vivado_report outputs: headline figures with B - A and B / A, then the
// layers both have, field by field. A folder stands for the report.json in it.
import { Command, Option } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as Reports from '../../reports/index.js';

type Format = 'text' | 'md' | 'json';

interface ReportOptions {
  format: Format;
}

/** The reports module, loaded on demand (see below). */
type ReportsModule = typeof Reports;

/** Reads and validates one report; every failure is a ReportError (exit 2) that names the file. */
function loadReport(path: string, { ReportError, validateReport }: ReportsModule): { file: string; report: Reports.Report } {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'report.json');
  } catch {
    // A missing path is reported by the read below, with the system's reason.
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReportError('', `${file}: cannot read the report file: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReportError('', `${file} must be JSON (a report.json as \`ngt synth --out DIR\` writes it), not unparsable text: ${(error as Error).message.replace(/\s+/g, ' ')}`);
  }
  try {
    return { file, report: validateReport(json) };
  } catch (error) {
    // validateReport names the field; the user also needs to know which of the files it is in.
    if (error instanceof ReportError) throw new ReportError(error.path, `${file}: ${error.message} (expected a report.json as \`ngt synth --out DIR\` writes it)`);
    throw error;
  }
}

async function report(files: string[], options: ReportOptions, command: Command): Promise<void> {
  const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'ngt.usage' });
  if (files.length > 2) usage(`ngt report takes one report (to print) or two (to compare), not ${files.length}`);
  // Loaded here, not at the top: the report renderers (vega) would otherwise load for every verb.
  const reports = await import('../../reports/index.js');
  const loaded = files.map((file) => loadReport(file, reports));
  const [first, second] = loaded;
  if (first === undefined) return usage('give a report.json to print, or two to compare');
  if (second === undefined) {
    const { format } = options;
    const text = format === 'json' ? `${JSON.stringify(first.report, null, 2)}\n` : format === 'md' ? reports.renderMarkdown(first.report) : reports.renderTerminal(first.report);
    process.stdout.write(text);
    return;
  }
  const [{ diffReports }, { renderDiffMarkdown, renderDiffText }] = await Promise.all([import('../report/diff-reports.js'), import('../report/render-diff.js')]);
  const diff = diffReports(first, second);
  const { format } = options;
  process.stdout.write(format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : format === 'md' ? renderDiffMarkdown(diff) : renderDiffText(diff));
}

export function reportCommand(): Command {
  return new Command('report')
    .description('Print a saved report.json again (as ngt synth printed it), or compare two side by side: summary with B - A and B/A, then layer by layer.')
    .argument('<reports...>', 'one report.json (or the folder holding it) to print, or two to compare (A, then B)')
    .addOption(new Option('--format <format>', 'text, md (Markdown) or json (the report itself, or for two a machine-readable diff)').choices(['text', 'md', 'json']).default('text'))
    .exitOverride()
    .action(report);
}
