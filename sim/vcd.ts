// A VCD waveform (IEEE 1364 value change dump, readable in GTKWave) of a cycle simulation.
// Time: $timescale 1ps; cycle c spans [c * T, (c + 1) * T) with T the clock period; every signal takes
// its cycle-c value at time c * T, right at the rising clock edge that starts cycle c (clk is 1 in the
// first half of each cycle), so a handshake "fires in cycle c" when valid and ready are both 1 just
// after the edge at c * T. Signals, under $scope module <model>:
//   per stream (scope `streams`, names sanitised):  <fifo>_valid (the FIFO holds a token), <fifo>_ready
//     (the consumer takes a token this cycle if one is valid), <fifo>_count (occupancy), <fifo>_data:
//     the raw bits of the *first value* of the token at the FIFO's head (the tensor's type width,
//     two's complement), 'x' while the FIFO is empty;
//   per layer process (scope `layers`): <layer>_busy, <layer>_stall.
import { writeFileSync } from 'node:fs';
import type { HwModel } from '../hls/index.js';
import type { CycleObserver, EngineState } from './engine.js';
import { BUSY, STALL } from './engine.js';
import type { Network } from './network.js';

interface Signal {
  readonly id: string;
  readonly width: number;
  last: string;
}

function identifier(index: number): string {
  let text = '';
  let n = index;
  do {
    text += String.fromCharCode(33 + (n % 94));
    n = Math.floor(n / 94);
  } while (n > 0);
  return text;
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'unnamed';
}

function bits(value: number, width: number): string {
  const unsigned = value < 0 ? value + 2 ** width : value;
  return unsigned.toString(2).padStart(width, '0');
}

export class VcdRecorder implements CycleObserver {
  private readonly header: string[] = [];
  private readonly body: string[] = [];
  private readonly clock: Signal;
  private readonly valid: Signal[] = [];
  private readonly ready: Signal[] = [];
  private readonly occupancy: Signal[] = [];
  private readonly data: Signal[] = [];
  private readonly busy: Signal[] = [];
  private readonly stall: Signal[] = [];
  private readonly period: number;
  private nextClock = 0;

  constructor(
    model: HwModel,
    private readonly network: Network,
    private readonly values: ReadonlyMap<string, Float64Array>,
    clockPeriodNs: number,
  ) {
    this.period = Math.max(2, Math.round(clockPeriodNs * 1000));
    let next = 0;
    const declare = (name: string, width: number): Signal => {
      const signal = { id: identifier(next++), width, last: '' };
      this.header.push(`$var wire ${width} ${signal.id} ${name} $end`);
      return signal;
    };
    this.header.push(`$date ${new Date().toISOString()} $end`, '$version ngt cycle simulator $end', '$timescale 1ps $end');
    this.header.push(`$scope module ${sanitize(model.name)} $end`);
    this.clock = declare('clk', 1);
    this.header.push('$scope module streams $end');
    for (const stream of network.streams) {
      const base = sanitize(stream.name);
      const type = model.tensors.get(stream.tensor)?.type;
      let countWidth = 1;
      while (2 ** countWidth <= Math.max(stream.tokensPerSample * 64, 1)) countWidth += 1;
      this.valid.push(declare(`${base}_valid`, 1));
      this.ready.push(declare(`${base}_ready`, 1));
      this.occupancy.push(declare(`${base}_count`, Math.min(countWidth, 31)));
      this.data.push(declare(`${base}_data`, type?.width ?? 1));
    }
    this.header.push('$upscope $end', '$scope module layers $end');
    for (const process of network.processes) {
      const base = sanitize(process.layer.name);
      this.busy.push(declare(`${base}_busy`, 1));
      this.stall.push(declare(`${base}_stall`, 1));
    }
    this.header.push('$upscope $end', '$upscope $end', '$enddefinitions $end');
  }

  private change(signal: Signal, value: string): void {
    if (value === signal.last) return;
    signal.last = value;
    this.body.push(signal.width === 1 ? `${value}${signal.id}` : `b${value} ${signal.id}`);
  }

  /** Clock edges up to (not including) the start of `cycle`. */
  private clockTo(cycle: number): void {
    while (this.nextClock < cycle) {
      const t = this.nextClock * this.period;
      this.body.push(`#${t}`, `1${this.clock.id}`, `#${t + Math.floor(this.period / 2)}`, `0${this.clock.id}`);
      this.nextClock += 1;
    }
  }

  cycle(cycle: number, state: EngineState): void {
    this.clockTo(cycle);
    this.body.push(`#${cycle * this.period}`, `1${this.clock.id}`);
    this.clock.last = '1';
    this.network.streams.forEach((stream, s) => {
      const count = state.countAtStart[s] ?? 0;
      this.change(this.valid[s] as Signal, count > 0 ? '1' : '0');
      this.change(this.ready[s] as Signal, state.ready[s] === 1 ? '1' : '0');
      const occupancy = this.occupancy[s] as Signal;
      this.change(occupancy, bits(Math.min(count, 2 ** occupancy.width - 1), occupancy.width));
      const data = this.data[s] as Signal;
      if (count > 0) {
        const token = state.streamReads[s] ?? 0;
        this.change(data, bits((this.values.get(stream.tensor) ?? new Float64Array())[token * stream.tokenSize] ?? 0, data.width));
      } else this.change(data, 'x'.repeat(data.width));
    });
    this.network.processes.forEach((_, p) => {
      const kind = state.processState[p];
      this.change(this.busy[p] as Signal, kind === BUSY ? '1' : '0');
      this.change(this.stall[p] as Signal, kind === STALL ? '1' : '0');
    });
    this.body.push(`#${cycle * this.period + Math.floor(this.period / 2)}`, `0${this.clock.id}`);
    this.nextClock = cycle + 1;
  }

  write(path: string, totalCycles: number): void {
    this.clockTo(totalCycles);
    this.body.push(`#${totalCycles * this.period}`);
    writeFileSync(path, `${this.header.join('\n')}\n${this.body.join('\n')}\n`);
  }
}
