// The cycle loop: the execution model of hls/schedule/types.ts over flat typed arrays, one cycle at a
// time while anything moves and in one jump across cycles where nothing can (a pipeline draining, a
// source waiting for its next sample): those are exactly predictable, so skipping them changes no
// count. No allocation per cycle except the FIFO series' change points.
//
// One cycle, in this order (consumers before producers, so a FIFO read in a cycle frees its slot for a
// write in the same cycle: ready = !full || read, which the Verilog FIFO must mirror):
//  1. sinks read one token when one is valid (a slow sink: at most one every `sinkInterval` cycles,
//     and not in the cycles `sinkStalls` holds it not ready);
//  2. processes in reverse topological order: a process whose next write (the head of its in-flight
//     queue, or the iteration it would issue now when latency is 1) cannot go to every output stream
//     stalls (frozen: its pipeline time `tau` does not advance); otherwise it writes, issues its next
//     iteration if tau >= next issue time and every input that iteration reads holds a token, and tau
//     advances;
//  3. sources write the next input token when its sample has arrived (sample k at cycle k * interval)
//     and every stream it feeds has room.
// Reads take effect at once, writes at the end of the cycle: a token written in cycle c is valid in c + 1.
import type { Network } from './network.js';
import { sinkStalled, type SinkStalls } from './sink-stalls.js';

export interface EngineOptions {
  readonly samples: number;
  /** Cycles between sample arrivals at the inputs; 0: as fast as they are accepted. */
  readonly interval: number;
  /** The sinks read at most one token every this many cycles (1: always ready). */
  readonly sinkInterval: number;
  /** Random ready stalls of the sinks (sink-stalls.ts); absent: none. */
  readonly sinkStalls?: SinkStalls;
  readonly depths: Int32Array;
  readonly maxCycles: number;
  /** Jump across quiet cycles (default); false steps every cycle: the reference the tests diff the skipping against. */
  readonly skipQuiet?: boolean;
}

/** Per-cycle signal values for a waveform, sampled after each simulated cycle. */
export interface CycleObserver {
  cycle(cycle: number, state: EngineState): void;
}

/** What the observer may read: valid at the start of the cycle, ready and busy/stall of the cycle. */
export interface EngineState {
  readonly countAtStart: Int32Array;
  readonly ready: Uint8Array;
  /** Tokens read from each stream before this cycle (the head token's index). */
  readonly streamReads: Float64Array;
  readonly processState: Uint8Array;
}

export const IDLE = 0;
export const BUSY = 1;
export const STALL = 2;

/** Cycles are below 2^31 in the compiled loop, which keeps them in Int32Arrays (half the memory). */
export interface EngineResult {
  readonly totalCycles: number;
  readonly busy: Float64Array;
  readonly stall: Float64Array;
  readonly idle: Float64Array;
  /** [process * samples + sample]: the cycle of the sample's first iteration issue, and the cycle its last token is valid. */
  readonly firingStart: Float64Array | Int32Array;
  readonly firingEnd: Float64Array | Int32Array;
  /** [sink * samples + sample]: the cycle the sample's last output token is valid. */
  readonly outputValid: Float64Array | Int32Array;
  /** [sample]: the cycle the sample's first input token was accepted. */
  readonly firstAccept: Float64Array | Int32Array;
  readonly maxOccupancy: Int32Array;
  readonly series: readonly OccupancySeries[];
}

/**
 * A FIFO's occupancy over time: 'points', change points [cycle, occupancy from that cycle on]
 * flattened, from [0, occupancy at cycle 0]; or (the compiled loop's, recorded only when asked for)
 * 'events', the occupancy at cycle 0 and a function giving the cycles of every read and of every
 * later write, each in cycle order (a FIFO is read and written at most once a cycle; a write in cycle c
 * counts from c + 1, as a read does).
 */
export type OccupancySeries =
  | { readonly kind: 'points'; readonly flat: Float64Array }
  | { readonly kind: 'events'; readonly initial: number; readonly events: () => { readonly reads: Int32Array; readonly writes: Int32Array } };

export type StopReason = { readonly kind: 'deadlock'; readonly cycle: number } | { readonly kind: 'limit'; readonly cycle: number };

/** What a run of the reference engine or of the compiled loop (engine-compiler.ts) leaves: the same for both. */
export interface EngineOutcome {
  /** null: every sink has every token. */
  readonly stop: StopReason | null;
  readonly result: EngineResult;
  /** Cycles stepped one by one (the others were skipped as quiet). */
  readonly steppedCycles: number;
  /** The state at the stop (for the deadlock message): occupancy and depth per stream, per process stalled and next sample. */
  readonly count: Int32Array;
  readonly depth: Int32Array;
  readonly stalled: Uint8Array;
  readonly sample: Int32Array;
}

export class Engine {
  private readonly S: number;
  private readonly P: number;
  readonly count: Int32Array;
  readonly depth: Int32Array;
  private readonly pending: Int32Array;
  readonly written: Float64Array;
  readonly reads: Float64Array;
  private readonly tokensPerSample: Int32Array;
  private readonly consumerIsSource: Uint8Array;
  // Processes.
  private readonly tau: Float64Array;
  private readonly nextIssue: Float64Array;
  private readonly iteration: Int32Array;
  readonly sample: Int32Array;
  private readonly queue: Float64Array;
  private readonly queueStart: Int32Array;
  private readonly queueCapacity: Int32Array;
  private readonly queueHead: Int32Array;
  readonly queueLength: Int32Array;
  private readonly emitted: Float64Array;
  readonly stalled: Uint8Array;
  private readonly reads_: Uint32Array[];
  private readonly emits: Uint8Array[];
  private readonly iterationLatency: Int32Array;
  private readonly iterationIi: Int32Array;
  private readonly tokensOut: Int32Array;
  private readonly inputs: Int32Array[];
  private readonly outputs: Int32Array[];
  // Sources and sinks.
  private readonly sourceWritten: Float64Array;
  private readonly sourceTokens: Int32Array;
  private readonly sourceOutputs: Int32Array[];
  private readonly sinkStream: Int32Array;
  private readonly sinkNext: Float64Array;
  // Observer state.
  readonly state: EngineState;
  private readonly touched: Uint8Array;
  private readonly touchedList: Int32Array;
  private touchedCount = 0;
  private activity = false;
  /** Cycles stepped one by one (the others were skipped as quiet). */
  steppedCycles = 0;
  readonly result: Omit<EngineResult, 'series'>;
  private readonly series: number[][];

  constructor(
    readonly network: Network,
    readonly options: EngineOptions,
    /** Called when sink `sink` reads its token `token` in cycle `cycle` (to copy its values; co-simulation compares the cycle). */
    private readonly onSinkRead: ((sink: number, token: number, cycle: number) => void) | null,
    private readonly observer: CycleObserver | null,
  ) {
    const N = options.samples;
    this.S = network.streams.length;
    this.P = network.processes.length;
    const S = this.S;
    const P = this.P;
    this.count = new Int32Array(S);
    this.depth = options.depths;
    this.pending = new Int32Array(S);
    this.written = new Float64Array(S);
    this.reads = new Float64Array(S);
    this.tokensPerSample = Int32Array.from(network.streams, (stream) => stream.tokensPerSample);
    this.consumerIsSource = Uint8Array.from(network.streams, (stream) => (stream.producer.kind === 'source' ? 1 : 0));
    this.tau = new Float64Array(P);
    this.nextIssue = new Float64Array(P);
    this.iteration = new Int32Array(P);
    this.sample = new Int32Array(P);
    this.queueCapacity = Int32Array.from(network.processes, (process) => process.schedule.iteration.latency + 1);
    this.queueStart = new Int32Array(P);
    let offset = 0;
    for (let p = 0; p < P; p++) {
      this.queueStart[p] = offset;
      offset += this.queueCapacity[p] ?? 0;
    }
    this.queue = new Float64Array(offset);
    this.queueHead = new Int32Array(P);
    this.queueLength = new Int32Array(P);
    this.emitted = new Float64Array(P);
    this.stalled = new Uint8Array(P);
    this.reads_ = network.processes.map((process) => process.schedule.program.reads);
    this.emits = network.processes.map((process) => process.schedule.program.emits);
    this.iterationLatency = Int32Array.from(network.processes, (process) => process.schedule.iteration.latency);
    this.iterationIi = Int32Array.from(network.processes, (process) => process.schedule.iteration.ii);
    this.tokensOut = Int32Array.from(network.processes, (process) => process.schedule.tokensOut);
    this.inputs = network.processes.map((process) => Int32Array.from(process.inputs));
    this.outputs = network.processes.map((process) => Int32Array.from(process.outputs));
    this.sourceWritten = new Float64Array(network.sources.length);
    this.sourceTokens = Int32Array.from(network.sources, (source) => source.tokensPerSample);
    this.sourceOutputs = network.sources.map((source) => Int32Array.from(source.outputs));
    this.sinkStream = Int32Array.from(network.sinks, (sink) => sink.stream);
    this.sinkNext = new Float64Array(network.sinks.length);
    this.state = { countAtStart: new Int32Array(S), ready: new Uint8Array(S), streamReads: new Float64Array(S), processState: new Uint8Array(P) };
    this.touched = new Uint8Array(S);
    this.touchedList = new Int32Array(S);
    this.result = {
      totalCycles: 0,
      busy: new Float64Array(P),
      stall: new Float64Array(P),
      idle: new Float64Array(P),
      firingStart: new Float64Array(P * N).fill(-1),
      firingEnd: new Float64Array(P * N).fill(-1),
      outputValid: new Float64Array(network.sinks.length * N).fill(-1),
      firstAccept: new Float64Array(N).fill(-1),
      maxOccupancy: new Int32Array(S),
    };
    this.series = network.streams.map(() => [0, 0]);
  }

  /** Runs to the end (see run()) and returns the outcome. */
  outcome(): EngineOutcome {
    const stop = this.run();
    return {
      stop,
      result: { ...this.result, series: this.series.map((list) => ({ kind: 'points', flat: Float64Array.from(list) })) },
      steppedCycles: this.steppedCycles,
      count: this.count,
      depth: this.depth,
      stalled: this.stalled,
      sample: this.sample,
    };
  }

  private touch(s: number): void {
    if (this.touched[s] === 0) {
      this.touched[s] = 1;
      this.touchedList[this.touchedCount++] = s;
    }
  }

  /** Runs to the end; returns null when every sink has every token, or why it stopped. */
  run(): StopReason | null {
    const N = this.options.samples;
    const P = this.P;
    const result = this.result;
    const count = this.count;
    const tps = this.tokensPerSample;
    const sinks = this.sinkStream.length;
    const interval = this.options.interval;
    const sinkInterval = this.options.sinkInterval;
    const stalls = this.options.sinkStalls;
    const observer = this.observer;
    const state = this.state;
    let sinksDone = 0;
    for (let k = 0; k < sinks; k++) if (N === 0) sinksDone++;
    // Sources write the first tokens at the end of "cycle -1": sample 0 is valid in cycle 0.
    this.sourceStep(-1, interval);
    this.commit(-1);
    let cycle = 0;
    while (sinksDone < sinks) {
      if (cycle >= this.options.maxCycles) return { kind: 'limit', cycle };
      this.activity = false;
      this.steppedCycles += 1;
      if (observer) {
        state.countAtStart.set(count);
        state.streamReads.set(this.reads);
        state.ready.fill(0);
      }
      // 1. Sinks.
      for (let k = 0; k < sinks; k++) {
        const s = this.sinkStream[k] ?? 0;
        if (cycle < (this.sinkNext[k] ?? 0) || (stalls && sinkStalled(stalls, k, cycle))) continue;
        if (observer) state.ready[s] = 1;
        if ((count[s] ?? 0) > 0) {
          const token = this.reads[s] ?? 0;
          this.readStream(s, cycle);
          this.sinkNext[k] = cycle + sinkInterval;
          this.onSinkRead?.(k, token, cycle);
          if (token + 1 === N * (tps[s] ?? 1)) sinksDone++;
        }
      }
      // 2. Processes, consumers first.
      for (let p = P - 1; p >= 0; p--) this.processStep(p, cycle, N);
      // 3. Sources.
      this.sourceStep(cycle, interval);
      this.commit(cycle);
      if (observer) observer.cycle(cycle, state);
      if (sinksDone >= sinks) {
        cycle += 1;
        break;
      }
      if (!this.activity) {
        const skip = this.quietCycles(cycle, N, interval);
        if (skip === Infinity) return { kind: 'deadlock', cycle };
        if (skip > 1 && this.options.skipQuiet !== false) {
          const extra = Math.min(skip - 1, this.options.maxCycles - cycle - 1);
          for (let p = 0; p < P; p++) {
            const kind = state.processState[p];
            if (kind === STALL) result.stall[p] = (result.stall[p] ?? 0) + extra;
            else {
              this.tau[p] = (this.tau[p] ?? 0) + extra;
              if (kind === BUSY) result.busy[p] = (result.busy[p] ?? 0) + extra;
              else result.idle[p] = (result.idle[p] ?? 0) + extra;
            }
          }
          cycle += extra;
        }
      }
      cycle += 1;
    }
    (result as { totalCycles: number }).totalCycles = cycle;
    return null;
  }

  private readStream(s: number, cycle: number): void {
    this.count[s] = (this.count[s] ?? 0) - 1;
    const token = this.reads[s] ?? 0;
    this.reads[s] = token + 1;
    this.touch(s);
    this.activity = true;
    if (this.consumerIsSource[s] === 1) {
      const tps = this.tokensPerSample[s] ?? 1;
      if (token % tps === 0) {
        const sample = token / tps;
        const accept = this.result.firstAccept;
        if ((accept[sample] ?? -1) < 0) accept[sample] = cycle;
      }
    }
  }

  private processStep(p: number, cycle: number, N: number): void {
    const result = this.result;
    const count = this.count;
    const inputs = this.inputs[p] as Int32Array;
    const outputs = this.outputs[p] as Int32Array;
    const tau = this.tau[p] ?? 0;
    const sample = this.sample[p] ?? 0;
    const iteration = this.iteration[p] ?? 0;
    const latency = this.iterationLatency[p] ?? 1;
    const reads = this.reads_[p] as Uint32Array;
    const emits = this.emits[p] as Uint8Array;
    // Can the next iteration issue now (its time has come and every input it reads holds a token)?
    let canIssue = false;
    let mask = 0;
    if (sample < N && tau >= (this.nextIssue[p] ?? 0)) {
      mask = reads[iteration] ?? 0;
      canIssue = true;
      if (this.observer) for (let port = 0; port < inputs.length; port++) if ((mask >>> port) & 1) this.state.ready[inputs[port] ?? 0] = 1;
      for (let port = 0; port < inputs.length; port++) {
        if ((mask >>> port) & 1 && (count[inputs[port] ?? 0] ?? 0) === 0) {
          canIssue = false;
          break;
        }
      }
    }
    const length = this.queueLength[p] ?? 0;
    const headIndex = (this.queueStart[p] ?? 0) + (this.queueHead[p] ?? 0);
    const due = length > 0 && this.queue[headIndex] === tau;
    const issueWrites = canIssue && latency === 1 && (emits[iteration] ?? 0) === 1;
    if (due || issueWrites) {
      for (let o = 0; o < outputs.length; o++) {
        const s = outputs[o] ?? 0;
        if ((count[s] ?? 0) >= (this.depth[s] ?? 0)) {
          // Frozen: the whole pipeline waits for room (and no longer offers ready).
          if (this.observer) for (let port = 0; port < inputs.length; port++) this.state.ready[inputs[port] ?? 0] = 0;
          this.stalled[p] = 1;
          this.state.processState[p] = STALL;
          result.stall[p] = (result.stall[p] ?? 0) + 1;
          return;
        }
      }
    }
    this.stalled[p] = 0;
    let wrote = false;
    if (due) {
      this.queueHead[p] = ((this.queueHead[p] ?? 0) + 1) % (this.queueCapacity[p] ?? 1);
      this.queueLength[p] = length - 1;
      this.emitToken(p, outputs, cycle);
      wrote = true;
    }
    if (canIssue) {
      for (let port = 0; port < inputs.length; port++) if ((mask >>> port) & 1) this.readStream(inputs[port] ?? 0, cycle);
      const start = result.firingStart;
      if (iteration === 0) start[p * N + sample] = cycle;
      if ((emits[iteration] ?? 0) === 1) {
        if (latency === 1) {
          this.emitToken(p, outputs, cycle);
          wrote = true;
        } else {
          const capacity = this.queueCapacity[p] ?? 1;
          const tail = (this.queueStart[p] ?? 0) + (((this.queueHead[p] ?? 0) + (this.queueLength[p] ?? 0)) % capacity);
          this.queue[tail] = tau + latency - 1;
          this.queueLength[p] = (this.queueLength[p] ?? 0) + 1;
        }
      }
      this.nextIssue[p] = tau + (this.iterationIi[p] ?? 1);
      if (iteration + 1 === emits.length) {
        this.iteration[p] = 0;
        this.sample[p] = sample + 1;
      } else this.iteration[p] = iteration + 1;
      this.activity = true;
    }
    this.tau[p] = tau + 1;
    if (canIssue || wrote || (this.queueLength[p] ?? 0) > 0) {
      this.state.processState[p] = BUSY;
      result.busy[p] = (result.busy[p] ?? 0) + 1;
    } else {
      this.state.processState[p] = IDLE;
      result.idle[p] = (result.idle[p] ?? 0) + 1;
    }
  }

  /** Process p writes its next output token to every output stream (valid from cycle + 1). */
  private emitToken(p: number, outputs: Int32Array, cycle: number): void {
    const N = this.options.samples;
    for (let o = 0; o < outputs.length; o++) this.writeStream(outputs[o] ?? 0, cycle);
    const token = this.emitted[p] ?? 0;
    this.emitted[p] = token + 1;
    const tokensOut = this.tokensOut[p] ?? 1;
    if ((token + 1) % tokensOut === 0) this.result.firingEnd[p * N + (token + 1) / tokensOut - 1] = cycle + 1;
    this.activity = true;
  }

  private writeStream(s: number, cycle: number): void {
    this.pending[s] = 1;
    this.touch(s);
    const token = this.written[s] ?? 0;
    this.written[s] = token + 1;
    const consumer = this.network.streams[s]?.consumer;
    if (consumer?.kind === 'sink') {
      const tps = this.tokensPerSample[s] ?? 1;
      if ((token + 1) % tps === 0) this.result.outputValid[consumer.index * this.options.samples + (token + 1) / tps - 1] = cycle + 1;
    }
  }

  private sourceStep(cycle: number, interval: number): void {
    const N = this.options.samples;
    for (let k = 0; k < this.sourceWritten.length; k++) {
      const written = this.sourceWritten[k] ?? 0;
      const tps = this.sourceTokens[k] ?? 1;
      if (written >= N * tps) continue;
      const sample = Math.floor(written / tps);
      if (sample * interval > cycle + 1) continue;
      const outputs = this.sourceOutputs[k] as Int32Array;
      let room = true;
      for (let o = 0; o < outputs.length; o++) {
        const s = outputs[o] ?? 0;
        if ((this.count[s] ?? 0) >= (this.depth[s] ?? 0)) room = false;
      }
      if (!room) continue;
      for (let o = 0; o < outputs.length; o++) this.writeStream(outputs[o] ?? 0, cycle);
      this.sourceWritten[k] = written + 1;
      this.activity = true;
    }
  }

  /** End of cycle: writes land; occupancy change points recorded. */
  private commit(cycle: number): void {
    const result = this.result;
    for (let i = 0; i < this.touchedCount; i++) {
      const s = this.touchedList[i] ?? 0;
      this.touched[s] = 0;
      const value = (this.count[s] ?? 0) + (this.pending[s] ?? 0);
      this.pending[s] = 0;
      this.count[s] = value;
      if (value > (result.maxOccupancy[s] ?? 0)) result.maxOccupancy[s] = value;
      const series = this.series[s] as number[];
      const last = series[series.length - 1];
      if (last !== value) {
        if (series[series.length - 2] === cycle + 1) series[series.length - 1] = value;
        else series.push(cycle + 1, value);
      }
    }
    this.touchedCount = 0;
  }

  /**
   * After a cycle in which nothing was read, written or issued: how many cycles until something can
   * happen (1 = the next one), Infinity when nothing ever can (a deadlock, if work remains).
   */
  private quietCycles(cycle: number, N: number, interval: number): number {
    let next = Infinity;
    for (let p = 0; p < this.P; p++) {
      if (this.stalled[p] === 1) continue;
      const tau = this.tau[p] ?? 0;
      if ((this.queueLength[p] ?? 0) > 0) {
        const head = this.queue[(this.queueStart[p] ?? 0) + (this.queueHead[p] ?? 0)] ?? 0;
        next = Math.min(next, head - tau + 1);
      }
      const issue = this.nextIssue[p] ?? 0;
      if ((this.sample[p] ?? 0) < N && issue >= tau) next = Math.min(next, issue - tau + 1);
    }
    for (let k = 0; k < this.sourceWritten.length; k++) {
      const written = this.sourceWritten[k] ?? 0;
      const tps = this.sourceTokens[k] ?? 1;
      if (written >= N * tps) continue;
      const arrival = Math.floor(written / tps) * interval;
      // The source writes at the end of cycle arrival - 1.
      if (arrival > cycle + 1) next = Math.min(next, arrival - 1 - cycle);
    }
    for (let k = 0; k < this.sinkStream.length; k++) {
      const at = this.sinkNext[k] ?? 0;
      if (at > cycle) next = Math.min(next, at - cycle);
      // A stalled sink with a token waiting may read in any coming cycle.
      else if (this.options.sinkStalls && (this.count[this.sinkStream[k] ?? 0] ?? 0) > 0) next = 1;
    }
    return next;
  }
}
