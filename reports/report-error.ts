// reports/ imports nothing of ours (eslint boundaries), so its error class stands alone; it carries the
// same `code` and `exitCode` fields as the project's NgtError so the CLI can map it alike.

/** A report document that does not follow the schema: names the path of the bad field. */
export class ReportError extends Error {
  readonly code: string = 'REPORT';
  /** Bad input, not a failure of the work (DESIGN.md exit codes). */
  readonly exitCode: number = 2;
  /** Where the bad field is, e.g. `layers[2].latency[0].source`; '' for the document itself. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'ReportError';
    this.path = path;
  }
}
