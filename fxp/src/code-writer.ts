/** A tiny emitter for generated JavaScript: lines and indentation, nothing else. */
export class CodeWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  line(text: string): this {
    this.lines.push(`${'  '.repeat(this.depth)}${text}`);
    return this;
  }

  /** `head {`, the body one level in, then `}`. */
  block(head: string, body: () => void): this {
    this.line(`${head} {`);
    this.depth += 1;
    body();
    this.depth -= 1;
    return this.line('}');
  }

  toString(): string {
    return this.lines.join('\n');
  }
}
