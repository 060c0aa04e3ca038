// The configuration's user-facing error, and where in a file a value sits (for its messages).
import { NgtError } from '@ngt/fxp';

/** A configuration file (or option) that is malformed, names something absent, or asks for what ngt cannot do. */
export class ConfigError extends NgtError {
  readonly code = 'CONFIG';
  constructor(message: string, cause?: unknown) {
    super(message);
    if (cause !== undefined) this.cause = cause;
  }
}

/** A key path inside one file: messages read "hls.yaml: HLSConfig.LayerName.fc1.ReuseFactor: ...". */
export class KeyPath {
  constructor(
    readonly source: string,
    readonly path: string,
  ) {}

  child(key: string): KeyPath {
    return new KeyPath(this.source, this.path === '' ? key : `${this.path}.${key}`);
  }

  error(text: string, cause?: unknown): ConfigError {
    const where = this.path === '' ? this.source : `${this.source}: ${this.path}`;
    return new ConfigError(`${where}: ${text}`, cause);
  }
}

/** How a value reads in a message: strings quoted, lists and mappings named. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Lists at most `limit` names, then how many more. */
export function listNames(names: readonly string[], limit = 24): string {
  if (names.length <= limit) return names.join(', ');
  return `${names.slice(0, limit).join(', ')}, ... (${names.length - limit} more)`;
}
