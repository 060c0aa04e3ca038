// A small Verilog-2005 module builder (STYLE.md: code through an emitter, never format strings with
// many placeholders). Every intermediate value is a declared wire of an explicit width and signedness,
// assigned once: Verilog's context-determined expression widths never decide a result, so the bits
// are the ones the declaration says (the casts and products of hls/layers then match @ngt/fxp).
import { invariant } from '@ngt/fxp';

/** A named net of the module: a port, a wire or a reg. */
export interface Signal {
  readonly name: string;
  readonly width: number;
  readonly signed: boolean;
}

type PortDirection = 'input' | 'output';

/** Verilog identifiers: letters, digits, '_' (others become '_'), never starting with a digit. */
export function verilogName(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `n_${clean}`;
}

/** A sized literal of `width` bits holding `value`'s two's complement pattern (any sign). */
export function literal(width: number, value: bigint): string {
  invariant(width >= 1, `a literal needs at least 1 bit, not ${width}`);
  return `${width}'h${BigInt.asUintN(width, value).toString(16)}`;
}

function range(width: number): string {
  return width === 1 ? '' : `[${width - 1}:0] `;
}

export class ModuleBuilder {
  private readonly ports: { direction: PortDirection; kind: 'wire' | 'reg'; signal: Signal }[] = [];
  private readonly declarations: string[] = [];
  private readonly body: string[] = [];
  private readonly names = new Set<string>();
  private counter = 0;

  constructor(readonly name: string) {}

  private fresh(prefix: string): string {
    let name = verilogName(prefix);
    while (this.names.has(name)) name = `${verilogName(prefix)}_${this.counter++}`;
    this.names.add(name);
    return name;
  }

  input(name: string, width: number, signed = false): Signal {
    const signal = { name: this.fresh(name), width, signed };
    this.ports.push({ direction: 'input', kind: 'wire', signal });
    return signal;
  }

  /** An output port driven by `expr` (a continuous assignment), or by always blocks when `kind` is 'reg'. */
  output(name: string, width: number, expr: string | null, kind: 'wire' | 'reg' = 'wire'): Signal {
    const signal = { name: this.fresh(name), width, signed: false };
    this.ports.push({ direction: 'output', kind, signal });
    if (expr !== null) this.body.push(`assign ${signal.name} = ${expr};`);
    return signal;
  }

  /** A wire of exactly `width` bits assigned `expr` (which must be `width` bits wide, or is truncated/extended as Verilog assigns). */
  wire(prefix: string, width: number, signed: boolean, expr: string): Signal {
    const signal = { name: this.fresh(prefix), width, signed };
    this.declarations.push(`wire ${signed ? 'signed ' : ''}${range(width)}${signal.name};`);
    this.body.push(`assign ${signal.name} = ${expr};`);
    return signal;
  }

  /** A wire declared without a driver here: an instance's output, or assigned later with assign(). */
  net(prefix: string, width: number, signed = false): Signal {
    const signal = { name: this.fresh(prefix), width, signed };
    this.declarations.push(`wire ${signed ? 'signed ' : ''}${range(width)}${signal.name};`);
    return signal;
  }

  assign(target: Signal, expr: string): void {
    this.body.push(`assign ${target.name} = ${expr};`);
  }

  /** A reg (driven by always blocks the caller writes); `depth` makes it a memory. */
  reg(prefix: string, width: number, signed = false, depth = 0): Signal {
    const signal = { name: this.fresh(prefix), width, signed };
    this.declarations.push(`reg ${signed ? 'signed ' : ''}${range(width)}${signal.name}${depth > 0 ? ` [0:${depth - 1}]` : ''};`);
    return signal;
  }

  /** Lines placed after the declarations: always blocks, instances, functions. */
  line(text: string): void {
    this.body.push(text);
  }

  lines(texts: readonly string[]): void {
    for (const text of texts) this.body.push(text);
  }

  /**
   * A wire `unused_<name>` reading the bits of each net that the module reads only in part: the bits a
   * cast or an index drops by design (ap_fixed truncation, the top bits addressing a table). Verilator
   * exempts nets named *unused* from UNUSEDSIGNAL; a net no one reads at all is not listed, so lint still
   * reports it.
   */
  private unusedBitSinks(): string[] {
    const nets = new Map<string, Signal>();
    for (const { signal, direction } of this.ports) if (direction === 'input') nets.set(signal.name, signal);
    for (const declaration of this.declarations) {
      const match = /^wire (?:signed )?(?:\[(\d+):0\] )?([A-Za-z_][A-Za-z0-9_]*);$/.exec(declaration);
      if (match?.[2]) nets.set(match[2], { name: match[2], width: match[1] ? Number(match[1]) + 1 : 1, signed: false });
    }
    const used = new Map<string, Uint8Array>();
    const mark = (name: string, hi: number, lo: number): void => {
      const net = nets.get(name);
      if (!net) return;
      const bits = used.get(name) ?? new Uint8Array(net.width);
      for (let bit = Math.max(0, lo); bit <= Math.min(hi, net.width - 1); bit++) bits[bit] = 1;
      used.set(name, bits);
    };
    for (const line of this.body) {
      // Only what a line reads counts: the right-hand side of an assignment.
      const read = line.startsWith('assign ') ? line.slice(line.indexOf('=') + 1) : line;
      for (const match of read.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)(?::(\d+))?\])?/g)) {
        const name = match[1] ?? '';
        const net = nets.get(name);
        if (!net) continue;
        if (match[2] === undefined) mark(name, net.width - 1, 0);
        else mark(name, Number(match[2]), Number(match[3] ?? match[2]));
      }
    }
    const sinks: string[] = [];
    for (const [name, bits] of used) {
      const idle: string[] = [];
      for (let bit = 0; bit < bits.length; bit++) if (bits[bit] === 0) idle.push(`${name}[${bit}]`);
      if (idle.length > 0 && idle.length < bits.length) sinks.push(`wire unused_${name} = ^{${idle.join(', ')}};`);
    }
    return sinks;
  }

  toVerilog(): string {
    const sinks = this.unusedBitSinks();
    const ports = this.ports.map(({ direction, kind, signal }) => `  ${direction} ${kind === 'reg' ? 'reg ' : 'wire '}${signal.signed ? 'signed ' : ''}${range(signal.width)}${signal.name}`);
    return [`module ${this.name} (`, ports.join(',\n'), ');', ...this.declarations.map((text) => `  ${text}`), ...this.body.map((text) => `  ${text}`), ...sinks.map((text) => `  ${text}`), 'endmodule', ''].join('\n');
  }
}

/** Bits hi..lo of a signal as an unsigned expression. */
export function slice(signal: Signal, hi: number, lo: number): string {
  invariant(hi >= lo && lo >= 0 && hi < signal.width, `bits ${hi}:${lo} are outside ${signal.name}[${signal.width - 1}:0]`);
  return signal.width === 1 ? signal.name : hi === lo ? `${signal.name}[${hi}]` : `${signal.name}[${hi}:${lo}]`;
}

/** The signal extended (by its sign, or zeros) or cut to `width` bits, as a `width`-bit expression. */
export function resize(signal: Signal, width: number): string {
  if (width === signal.width) return signal.name;
  if (width < signal.width) return slice(signal, width - 1, 0);
  const fill = signal.signed ? `{${width - signal.width}{${slice(signal, signal.width - 1, signal.width - 1)}}}` : `${width - signal.width}'h0`;
  return `{${fill}, ${signal.name}}`;
}
