// The VCD waveform, read back with a tiny VCD reader: its header is what GTKWave needs, the clock
// ticks once per cycle, and every stream's handshakes (valid and ready both 1 in a cycle) happen in
// exactly the cycles the simulator's records say: layer firings and output valid cycles.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateCycles } from '../../sim/index.js';
import { example, inputsFor } from './helpers.js';

interface Vcd {
  readonly timescale: string;
  readonly scopes: string[];
  /** name -> id */
  readonly ids: Map<string, string>;
  /** id -> [time, value][] in order */
  readonly changes: Map<string, [number, string][]>;
}

function readVcd(text: string): Vcd {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const ids = new Map<string, string>();
  const changes = new Map<string, [number, string][]>();
  const scopes: string[] = [];
  let timescale = '';
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (t === '$timescale') timescale = tokens[++i] ?? '';
    else if (t === '$scope') {
      scopes.push(tokens[i + 2] ?? '');
      i += 2;
    } else if (t === '$var') {
      const id = tokens[i + 3] ?? '';
      ids.set(tokens[i + 4] ?? '', id);
      changes.set(id, []);
      i += 5;
    } else if (t === '$enddefinitions') {
      i += 2;
      break;
    }
  }
  let time = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (t.startsWith('#')) time = Number(t.slice(1));
    else if (t.startsWith('b')) changes.get(tokens[++i] ?? '')?.push([time, t.slice(1)]);
    else changes.get(t.slice(1))?.push([time, t.slice(0, 1)]);
  }
  return { timescale, scopes, ids, changes };
}

/** A signal's value in each cycle (the value at time cycle * period). */
function perCycle(vcd: Vcd, name: string, cycles: number, period: number): string[] {
  const list = vcd.changes.get(vcd.ids.get(name) ?? '') ?? [];
  const values: string[] = [];
  let j = 0;
  let value = 'x';
  for (let c = 0; c < cycles; c++) {
    while (j < list.length && (list[j]?.[0] ?? Infinity) <= c * period) value = list[j++]?.[1] ?? value;
    values.push(value);
  }
  return values;
}

function fires(vcd: Vcd, stream: string, cycles: number, period: number): number[] {
  const valid = perCycle(vcd, `${stream}_valid`, cycles, period);
  const ready = perCycle(vcd, `${stream}_ready`, cycles, period);
  return valid.flatMap((v, c) => (v === '1' && ready[c] === '1' ? [c] : []));
}

const dir = mkdtempSync(path.join(tmpdir(), 'ngt-vcd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('VCD waveform', () => {
  it('jet-tagger io_parallel RF 2: header, clock, handshakes equal the firings', () => {
    const model = example('jet-tagger', { ioType: 'io_parallel', strategy: 'Latency', reuseFactor: 2 });
    const file = path.join(dir, 'jet.vcd');
    const count = 5;
    const result = simulateCycles(model, inputsFor(model, count, 2), count, { ioType: 'io_parallel', vcdPath: file, interval: 3 });
    const vcd = readVcd(readFileSync(file, 'utf8'));
    expect(vcd.timescale).toBe('1ps');
    expect(vcd.scopes).toEqual([model.name, 'streams', 'layers']);
    const period = 5000;
    const clock = vcd.changes.get(vcd.ids.get('clk') ?? '') ?? [];
    expect(clock.filter(([, v]) => v === '1').map(([t]) => t)).toEqual(Array.from({ length: result.totalCycles }, (_, c) => c * period));
    // Each layer's input stream fires in the cycles the layer starts a sample.
    for (const layer of result.layers) {
      const fifo = result.fifos.find((f) => f.consumer === layer.name);
      const name = (fifo?.name ?? '').replace(/[^A-Za-z0-9_]+/g, '_');
      expect(fires(vcd, name, result.totalCycles, period), layer.name).toEqual(layer.firings.map((f) => f.start));
    }
    // The output stream fires when each output becomes valid (the consumer is always ready).
    expect(fires(vcd, 'y_output_y', result.totalCycles, period)).toEqual(result.outputValidCycle);
    // busy of dense_1 is 1 exactly in its busy cycles.
    const busy = perCycle(vcd, 'dense_1_busy', result.totalCycles, period).filter((v) => v === '1').length;
    expect(busy).toBe(result.layers[0]?.busy);
  });

  it('conv1d-small io_stream: the output data bits are the first output value of each sample', () => {
    const model = example('conv1d-small', { ioType: 'io_stream', strategy: 'Resource', reuseFactor: 4 });
    const file = path.join(dir, 'conv.vcd');
    const count = 2;
    const result = simulateCycles(model, inputsFor(model, count, 3), count, { ioType: 'io_stream', vcdPath: file });
    const vcd = readVcd(readFileSync(file, 'utf8'));
    const period = 5000;
    const handshakes = fires(vcd, 'y_output_y', result.totalCycles, period);
    expect(handshakes).toEqual(result.outputValidCycle);
    const data = perCycle(vcd, 'y_output_y_data', result.totalCycles, period);
    const raws = result.outputs.get('y') as Float64Array;
    const width = model.tensors.get('y')?.type.width ?? 0;
    handshakes.forEach((cycle, k) => {
      const raw = raws[k * 4] ?? 0;
      expect(data[cycle]).toBe((raw < 0 ? raw + 2 ** width : raw).toString(2).padStart(width, '0'));
    });
    // The FIFO into conv2 counts tokens as the simulator's occupancy series says.
    const fifo = result.fifos.find((f) => f.consumer === 'conv2');
    const name = (fifo?.name ?? '').replace(/[^A-Za-z0-9_]+/g, '_');
    const counts = perCycle(vcd, `${name}_count`, result.totalCycles, period).map((v) => parseInt(v, 2));
    for (const [cycle, occupancy] of fifo?.series ?? []) if (cycle < result.totalCycles) expect(counts[cycle], `cycle ${cycle}`).toBe(occupancy);
  });
});
