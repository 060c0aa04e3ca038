// Writes report.json, report.md and report.html into a folder. Each file is written to a temporary name
// beside its target and renamed over it, so a reader never sees a half-written report.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { Report } from './schema.js';
import { validateReport } from './validate-report.js';

export interface WrittenReports {
  readonly json: string;
  readonly markdown: string;
  readonly html: string;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Validates the report (ReportError if it is malformed), renders it and writes the three files. */
export async function writeReports(report: Report, folder: string): Promise<WrittenReports> {
  validateReport(report);
  const paths = { json: join(folder, 'report.json'), markdown: join(folder, 'report.md'), html: join(folder, 'report.html') };
  const html = await renderHtml(report);
  await mkdir(folder, { recursive: true });
  await writeAtomically(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(paths.markdown, renderMarkdown(report));
  await writeAtomically(paths.html, html);
  return paths;
}
