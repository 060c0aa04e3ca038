// The compiled cycle loop: engine.ts's execution model (the reference, the living spec) lowered once per
// (network, depths, interval, sink interval, skipping) to generated JavaScript. The network's shape
// (which process reads and writes which FIFO, latencies, IIs, depths, token counts) is baked in as
// literals; all state is one Int32Array at literal offsets; a cycle allocates nothing and looks nothing
// up. Programs whose iterations differ (line buffers, padding, repacks) read a literal table per process.
//
// What differs from the reference in *how*, never in *what* (test/sim/compiled.test.ts diffs the two):
//  - A process sleeps while its step could only repeat its last state: nothing to issue (no input
//    token, or its next issue time not reached), nothing in flight due, or frozen on a full output. It
//    wakes at its next issue or due time (pipeline time = cycle - stall cycles, so time needs no
//    ticking), when a token is written to one of its inputs, or when one of its outputs is read; the
//    cycles it slept are counted in its last state (busy, stall or idle) when it next runs.
//  - A write lands in the FIFO's count at once when the FIFO's consumer runs earlier in the cycle than
//    its producer (always so in topological order; sinks run first, sources last): nobody looks at the
//    count again before the cycle ends, so it equals the reference's end-of-cycle commit. Otherwise the
//    write is held pending to the end of the cycle, as in the reference.
//  - The occupancy series is not recorded while simulating: most callers (fifo-opt, sweeps) never
//    read it. The first read runs the loop again with recording on (the cycle of every FIFO read and
//    write, see OccupancySeries) and decodes change points from that. Token positions are counters
//    that wrap per sample (no divisions).
//  - No observer: a VCD run takes the reference engine.
// Two forms (loopSource): the process steps in a few functions (quick for V8 to optimise), or all in the
// loop (faster once optimised, slow to optimise): compileLoop takes the second once a loop is hot. Generated
// sources are cached by their text (which holds every constant), so another simulation of the same
// network with the same options reuses the compiled, warmed-up code.
import { CodeWriter } from '@ngt/fxp';
import type { EngineOptions, EngineOutcome, OccupancySeries, StopReason } from './engine.js';
import type { Network } from './network.js';

/** The part of EngineOptions the generated code is specialised for (samples and maxCycles are run arguments). */
export type LoopOptions = Pick<EngineOptions, 'depths' | 'interval' | 'sinkInterval' | 'skipQuiet'>;

interface RunOutput {
  readonly firingStart: Int32Array;
  readonly firingEnd: Int32Array;
  readonly outputValid: Int32Array;
  readonly firstAccept: Int32Array;
  readonly busy: Float64Array;
  readonly stall: Float64Array;
  readonly idle: Float64Array;
  readonly maxOccupancy: Int32Array;
  readonly count: Int32Array;
  readonly stalled: Uint8Array;
  readonly sample: Int32Array;
  /** Per FIFO: the occupancy at cycle 0. */
  readonly initial: Int32Array;
}

interface RunStatus {
  /** 0 finished, 1 deadlock, 2 cycle limit. */
  readonly stop: number;
  readonly cycle: number;
  readonly total: number;
  readonly stepped: number;
  /** Per FIFO: the cycles of its reads, and of its writes after cycle -1. */
  readonly reads: Int32Array[];
  readonly writes: Int32Array[];
}

/** `record`: also record every FIFO read and write cycle (RunStatus reads and writes; else empty). */
type LoopFunction = (samples: number, maxCycles: number, out: RunOutput, record: boolean) => RunStatus;

export interface CompiledLoop {
  readonly source: string;
  run(): EngineOutcome;
}

const CACHE_SIZE = 64;
/** Two forms of one loop (see loopSource's `inline`) and the cycles it has stepped so far. */
interface CacheEntry {
  readonly network: Network;
  readonly options: LoopOptions;
  readonly calls: LoopFunction;
  inline: LoopFunction | null;
  stepped: number;
}
const cache = new Map<string, CacheEntry>();
/**
 * When the inline form pays for its warm-up (V8 takes 0.2 to 0.6 s to optimise its one large function,
 * with deoptimisations on the way, running it slower than the reference meanwhile; then it steps some
 * 1.2 to 1.5 times faster than the grouped form): once the loop has stepped this many cycles in earlier
 * runs (long sweeps over one network).
 */
const INLINE_AFTER_STEPPED = 20_000_000;
/** Processes per function in the grouped form. */
const GROUP_SIZE = 6;

const INT32_LIMIT = 2 ** 31 - 1;
/** A wake cycle past any run (runs stop at maxCycles < 2^31 - 1). */
const NEVER = INT32_LIMIT;

/**
 * The compiled loop of `network` under `options`, or null where the reference must run: a process with
 * an empty program, or counts that might not fit the int32 state (over 2^31 cycles or tokens).
 */
export function compileLoop(network: Network, options: EngineOptions, form: 'auto' | 'grouped' | 'inline' = 'auto'): CompiledLoop | null {
  if (network.processes.some((process) => process.schedule.program.emits.length === 0)) return null;
  const tokens = Math.max(1, ...network.streams.map((stream) => stream.tokensPerSample));
  if (options.maxCycles + options.sinkInterval >= INT32_LIMIT || options.samples * tokens >= INT32_LIMIT) return null;
  const source = loopSource(network, options, false);
  let entry = cache.get(source);
  if (entry) {
    // Most recently used last.
    cache.delete(source);
  } else {
    entry = { network, options, calls: new Function(source)() as LoopFunction, inline: null, stepped: 0 };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  cache.set(source, entry);
  const cached = entry;
  return {
    source,
    run() {
      const inline = form === 'inline' || (form === 'auto' && cached.stepped >= INLINE_AFTER_STEPPED);
      if (inline && !cached.inline) cached.inline = new Function(loopSource(cached.network, cached.options, true))() as LoopFunction;
      const run = inline ? (cached.inline as LoopFunction) : cached.calls;
      const N = options.samples;
      const S = network.streams.length;
      const P = network.processes.length;
      const fresh = (): RunOutput => ({
        firingStart: new Int32Array(P * N).fill(-1),
        firingEnd: new Int32Array(P * N).fill(-1),
        outputValid: new Int32Array(network.sinks.length * N).fill(-1),
        firstAccept: new Int32Array(N).fill(-1),
        busy: new Float64Array(P),
        stall: new Float64Array(P),
        idle: new Float64Array(P),
        maxOccupancy: new Int32Array(S),
        count: new Int32Array(S),
        stalled: new Uint8Array(P),
        sample: new Int32Array(P),
        initial: new Int32Array(S),
      });
      const out = fresh();
      const status = run(N, options.maxCycles, out, false);
      cached.stepped += status.stepped;
      // The occupancy series: recorded by running the (deterministic) loop again when first asked for.
      let recorded: RunStatus | null = null;
      const events = (s: number): { reads: Int32Array; writes: Int32Array } => {
        recorded ??= run(N, options.maxCycles, fresh(), true);
        return { reads: recorded.reads[s] ?? new Int32Array(), writes: recorded.writes[s] ?? new Int32Array() };
      };
      const stop: StopReason | null = status.stop === 1 ? { kind: 'deadlock', cycle: status.cycle } : status.stop === 2 ? { kind: 'limit', cycle: status.cycle } : null;
      const { count, stalled, sample, initial, ...rest } = out;
      const series = network.streams.map((_, s): OccupancySeries => ({ kind: 'events', initial: initial[s] ?? 0, events: () => events(s) }));
      return {
        stop,
        steppedCycles: status.stepped,
        // As the reference: totalCycles only for a run that finished.
        result: { ...rest, totalCycles: stop ? 0 : status.total, series },
        count,
        depth: options.depths,
        stalled,
        sample,
      };
    },
  };
}

/**
 * The generated source: a factory body whose value is the loop function. `inline` false: the process
 * steps in functions of GROUP_SIZE processes called from the loop (smaller functions, optimised
 * quickly); true: all steps written out in the loop (one large function: slower to optimise, faster
 * once it is).
 */
export function loopSource(network: Network, options: LoopOptions, inline: boolean): string {
  const { streams, processes, sources, sinks } = network;
  const depth = (s: number): number => options.depths[s] ?? 0;
  const interval = options.interval;
  const sinkInterval = options.sinkInterval;
  const skip = options.skipQuiet !== false;
  // The order things run in a cycle: sinks, processes consumers first, sources.
  const order = (endpoint: Network['streams'][number]['producer']): number =>
    endpoint.kind === 'sink' ? -1 : endpoint.kind === 'process' ? processes.length - endpoint.index : processes.length + 1;
  const immediate = streams.map((stream) => order(stream.consumer) < order(stream.producer));
  const sinkOf = new Map(sinks.map((sink, k) => [sink.stream, k]));
  const latency = (p: number): number => processes[p]?.schedule.iteration.latency ?? 1;

  // All state in one Int32Array V (every value is a cycle, a count or an index below 2^31: compileLoop
  // checks), at literal offsets named in the generated code's comments.
  const layout: string[] = [];
  const slot = (name: string): string => {
    layout.push(name);
    return `V[${layout.length - 1}]`;
  };
  const stream = streams.map((spec, s) => ({
    count: slot(`count ${s}`),
    max: slot(`max occupancy ${s}`),
    pending: immediate[s] ? '' : slot(`pending ${s}`),
    readInSample: spec.producer.kind === 'source' ? slot(`read position in sample ${s}`) : '',
    readSample: spec.producer.kind === 'source' ? slot(`read sample ${s}`) : '',
    writeInSample: sinkOf.has(s) ? slot(`write position in sample ${s}`) : '',
    writeSample: sinkOf.has(s) ? slot(`write sample ${s}`) : '',
  }));
  let queueSize = 0;
  const process = processes.map((_, p) => {
    const queueStart = queueSize;
    if (latency(p) > 1) queueSize += latency(p) + 1;
    return {
      wake: slot(`wake cycle ${p}`),
      seen: slot(`last cycle run ${p}`),
      nextIssue: slot(`next issue ${p}`),
      iteration: slot(`iteration ${p}`),
      sample: slot(`sample ${p}`),
      emitInSample: slot(`emitted in sample ${p}`),
      emitSample: slot(`emitted samples ${p}`),
      state: slot(`state ${p} (0 idle, 1 busy, 2 stall)`),
      busy: slot(`busy ${p}`),
      stall: slot(`stall ${p}`),
      queueHead: latency(p) > 1 ? slot(`queue head ${p}`) : '',
      queueLength: latency(p) > 1 ? slot(`queue length ${p}`) : '',
      queueStart,
    };
  });
  const source = sources.map((_, k) => ({ inSample: slot(`source position in sample ${k}`), sample: slot(`source sample ${k}`) }));
  const sink = sinks.map((_, k) => ({ reads: slot(`sink reads ${k}`), next: sinkInterval > 1 ? slot(`sink next read ${k}`) : '' }));

  const w = new CodeWriter();
  w.line("'use strict';");
  w.line(`// V: ${layout.map((name, i) => `${i} ${name}`).join(', ')}`);
  // One state per compiled loop, reset by each run (runs are synchronous and never nest).
  w.line(`const V = new Int32Array(${layout.length});`);
  w.line(`const Q = new Int32Array(${Math.max(queueSize, 1)});`);
  w.line('let N = 0, FS = null, FE = null, OV = null, FA = null;');
  // Per FIFO the cycle of every read (R) and of every write after cycle -1 (W), in arrays sized for the
  // run's tokens (each is written and read once): the occupancy series, decoded when someone reads it.
  w.line(`let REC = false, ${streams.map((_, s) => `R${s} = null, r${s} = 0, W${s} = null, w${s} = 0`).join(', ') || 'noStreams = 0'};`);
  // Programs whose iterations are not all alike: literal tables.
  const uniform = processes.map((spec) => {
    const { reads, emits } = spec.schedule.program;
    return reads.every((mask) => mask === reads[0]) && emits.every((emit) => emit === emits[0]);
  });
  processes.forEach((spec, p) => {
    if (uniform[p]) return;
    w.line(`const RM${p} = new Uint32Array([${Array.from(spec.schedule.program.reads).join(',')}]);`);
    w.line(`const EM${p} = new Uint8Array([${Array.from(spec.schedule.program.emits).join(',')}]);`);
  });

  let recording = true;
  const read = (s: number): void => {
    const st = stream[s];
    if (!st) return;
    w.line(`${st.count}--; if (REC) R${s}[r${s}++] = cycle;`);
    const producer = streams[s]?.producer;
    // Room in a full FIFO wakes its producer: in this cycle when it runs later in the cycle, else in the next.
    if (producer?.kind === 'process') {
      const at = immediate[s] ? 'cycle' : 'cycle + 1';
      const wake = process[producer.index]?.wake;
      w.line(`if (${wake} > ${at}) ${wake} = ${at};`);
    }
    if (st.readSample) {
      // The first token of a sample leaving an input port: the sample's accept cycle.
      w.line(`if (${st.readInSample} === 0 && FA[${st.readSample}] < 0) FA[${st.readSample}] = cycle;`);
      w.line(`if (++${st.readInSample} === ${streams[s]?.tokensPerSample ?? 1}) { ${st.readInSample} = 0; ${st.readSample}++; }`);
    }
  };
  const write = (s: number): void => {
    const st = stream[s];
    if (!st) return;
    if (recording) w.line(`if (REC) W${s}[w${s}++] = cycle;`);
    if (immediate[s]) {
      w.line(`${st.count}++;`);
      if (recording) w.line(`if (${st.count} > ${st.max}) ${st.max} = ${st.count};`);
    } else w.line(`${st.pending} = 1;`);
    // A token wakes its consumer for the next cycle (when it becomes valid).
    const consumer = streams[s]?.consumer;
    if (consumer?.kind === 'process') {
      const wake = process[consumer.index]?.wake;
      w.line(`if (${wake} > cycle + 1) ${wake} = cycle + 1;`);
    }
    const k = sinkOf.get(s);
    if (k !== undefined) {
      w.line(`if (++${st.writeInSample} === ${streams[s]?.tokensPerSample ?? 1}) { ${st.writeInSample} = 0; OV[${k} * N + ${st.writeSample}] = cycle + 1; ${st.writeSample}++; }`);
    }
  };
  const full = (outputs: readonly number[]): string => outputs.map((s) => `${stream[s]?.count} >= ${depth(s)}`).join(' || ') || 'false';
  const room = (outputs: readonly number[]): string => outputs.map((s) => ` && ${stream[s]?.count} < ${depth(s)}`).join('');
  const emit = (p: number): void => {
    const spec = processes[p];
    const pr = process[p];
    if (!spec || !pr) return;
    for (const s of spec.outputs) write(s);
    w.line(`if (++${pr.emitInSample} === ${spec.schedule.tokensOut}) { ${pr.emitInSample} = 0; FE[${p} * N + ${pr.emitSample}] = cycle + 1; ${pr.emitSample}++; }`);
  };

  // One function per process: small functions that V8 optimises quickly, run only when awake.
  // Consecutive processes (in the cycle's order, consumers first) in groups of `groupSize`, one function each.
  const cycleOrder: number[] = processes.map((_, p) => processes.length - 1 - p);
  const groups: number[][] = [];
  if (!inline) for (let i = 0; i < cycleOrder.length; i += GROUP_SIZE) groups.push(cycleOrder.slice(i, i + GROUP_SIZE));
  groups.forEach((group, g) => {
    w.block(`function group${g}(cycle)`, () => {
      w.line('let act = 0;');
      for (const p of group) processStep(p);
      w.line('return act;');
    });
  });
  // After a cycle in which nothing moved: how many cycles until something can (Infinity: never, a deadlock).
  w.block('function quiet(cycle)', () => {
    w.line('let next = Infinity;');
    process.forEach((pr, p) => {
      w.block(`if (${pr.state} !== 2)`, () => {
        w.line(`const tau = cycle + 1 - ${pr.stall};`);
        if (latency(p) > 1) w.line(`if (${pr.queueLength} > 0 && Q[${pr.queueStart} + ${pr.queueHead}] - tau + 1 < next) next = Q[${pr.queueStart} + ${pr.queueHead}] - tau + 1;`);
        w.line(`if (${pr.sample} < N && ${pr.nextIssue} >= tau && ${pr.nextIssue} - tau + 1 < next) next = ${pr.nextIssue} - tau + 1;`);
      });
    });
    if (interval > 0) {
      sources.forEach((spec, k) => {
        const src = source[k];
        if (spec.tokensPerSample === 0 || !src) return;
        // The source writes at the end of cycle arrival - 1.
        w.line(`if (${src.sample} < N && ${src.sample} * ${interval} > cycle + 1 && ${src.sample} * ${interval} - 1 - cycle < next) next = ${src.sample} * ${interval} - 1 - cycle;`);
      });
    }
    if (sinkInterval > 1) sink.forEach((sk) => w.line(`if (${sk.next} > cycle && ${sk.next} - cycle < next) next = ${sk.next} - cycle;`));
    w.line('return next;');
  });

  // The state into the result arrays (a function of its own, so the loop's optimised code holds none of it).
  w.block('function finish(out, accounted)', () => {
    streams.forEach((_, s) => w.line(`out.maxOccupancy[${s}] = ${stream[s]?.max}; out.count[${s}] = ${stream[s]?.count};`));
    process.forEach((pr, p) => {
      w.line(`if (${pr.state} === 2) ${pr.stall} += accounted - ${pr.seen} - 1; else if (${pr.state} === 1) ${pr.busy} += accounted - ${pr.seen} - 1;`);
      w.line(`out.busy[${p}] = ${pr.busy}; out.stall[${p}] = ${pr.stall}; out.idle[${p}] = accounted - ${pr.busy} - ${pr.stall};`);
      w.line(`out.stalled[${p}] = ${pr.state} === 2 ? 1 : 0; out.sample[${p}] = ${pr.sample};`);
    });
  });

  w.block('return function run(samples, maxCycles, out, record)', () => {
    w.line('N = samples; FS = out.firingStart; FE = out.firingEnd; OV = out.outputValid; FA = out.firstAccept;');
    w.line('V.fill(0); Q.fill(0);');
    for (const pr of process) w.line(`${pr.seen} = -1;`);
    w.line('REC = record;');
    streams.forEach((spec, s) => w.line(`R${s} = new Int32Array(REC ? N * ${spec.tokensPerSample} : 0); r${s} = 0; W${s} = new Int32Array(REC ? N * ${spec.tokensPerSample} : 0); w${s} = 0;`));
    w.line(`let sinksDone = N === 0 ? ${sinks.length} : 0, stepped = 0, stop = 0, stopCycle = 0, act = 0;`);

    const sourceStep = (): void => {
      sources.forEach((spec, k) => {
        const src = source[k];
        if (spec.tokensPerSample === 0 || !src) return;
        const arrived = interval > 0 ? ` && ${src.sample} * ${interval} <= cycle + 1` : '';
        w.block(`if (${src.sample} < N${arrived}${room(spec.outputs)})`, () => {
          for (const s of spec.outputs) write(s);
          w.line(`if (++${src.inSample} === ${spec.tokensPerSample}) { ${src.inSample} = 0; ${src.sample}++; }`);
          w.line('act = 1;');
        });
      });
    };
    // End of cycle: pending writes land (FIFOs whose consumer runs after their producer).
    const commit = (first: boolean): void => {
      streams.forEach((_, s) => {
        const st = stream[s];
        if (!st) return;
        if (first) {
          // The writes of cycle -1: the occupancy at cycle 0.
          if (st.pending) w.line(`${st.count} += ${st.pending}; ${st.pending} = 0;`);
          w.line(`${st.max} = ${st.count};`);
          return;
        }
        if (!st.pending) return;
        w.line(`if (${st.pending} === 1) { ${st.count}++; ${st.pending} = 0; if (${st.count} > ${st.max}) ${st.max} = ${st.count}; }`);
      });
    };

    // Sources write the first tokens at the end of "cycle -1": sample 0 is valid in cycle 0.
    w.line('let cycle = -1;');
    recording = false;
    sourceStep();
    recording = true;
    commit(true);
    streams.forEach((_, s) => w.line(`out.initial[${s}] = ${stream[s]?.count};`));
    w.line('cycle = 0;');
    w.block(`while (sinksDone < ${sinks.length})`, () => {
      w.line('if (cycle >= maxCycles) { stop = 2; stopCycle = cycle; break; }');
      w.line('act = 0;');
      w.line('stepped++;');
      sinks.forEach((spec, k) => {
        const s = spec.stream;
        const sk = sink[k];
        if (!sk) return;
        w.block(`if (${sinkInterval > 1 ? `cycle >= ${sk.next} && ` : ''}${stream[s]?.count} > 0)`, () => {
          read(s);
          if (sinkInterval > 1) w.line(`${sk.next} = cycle + ${sinkInterval};`);
          w.line('act = 1;');
          w.line(`if (++${sk.reads} === N * ${streams[s]?.tokensPerSample ?? 1}) sinksDone++;`);
        });
      });
      if (inline) for (const p of cycleOrder) processStep(p);
      // A group is called only when one of its processes is awake.
      else groups.forEach((group, g) => w.line(`if (${group.map((p) => `cycle >= ${process[p]?.wake}`).join(' || ')}) act |= group${g}(cycle);`));
      sourceStep();
      commit(false);
      w.line(`if (sinksDone >= ${sinks.length}) { cycle++; break; }`);
      w.block('if (act === 0)', () => {
        w.line('const next = quiet(cycle);');
        w.line('if (next === Infinity) { stop = 1; stopCycle = cycle; break; }');
        // Every process keeps its state across the jump; its counts catch up when it next runs.
        if (skip) w.line('if (next > 1) cycle += Math.min(next - 1, maxCycles - cycle - 1);');
      });
      w.line('cycle++;');
    });
    // Cycles accounted per process: up to the stop, the stopping cycle included for a deadlock.
    w.line('finish(out, stop === 1 ? stopCycle + 1 : stop === 2 ? stopCycle : cycle);');
    
    w.line(`return { stop, cycle: stopCycle, total: cycle, stepped, reads: [${streams.map((_, s) => `R${s}.subarray(0, r${s})`).join(', ')}], writes: [${streams.map((_, s) => `W${s}.subarray(0, w${s})`).join(', ')}] };`);
  });
  return w.toString();

  /**
   * Process p's step in a cycle it is awake; returns 1 when it read, wrote or issued. Asleep, a step
   * would repeat its last state with no effect (nothing it reads has changed), so the cycles it sleeps
   * are counted in its last state when it next runs: it wakes at its next issue time or in-flight
   * token's time (pipeline time = cycle - stall cycles), when a token arrives, or when a full output is read.
   */
  function processStep(p: number): void {
    const spec = processes[p];
    const pr = process[p];
    if (!spec || !pr) return;
    const { ii } = spec.schedule.iteration;
    const L = latency(p);
    const { reads, emits } = spec.schedule.program;
    const iterations = emits.length;
    const mask = reads[0] ?? 0;
    const ports = spec.inputs;
    // The issue condition's input check for read mask `m` (a literal, or the table's entry).
    const inputsThere = (m: string | number): string => {
      const terms = ports.flatMap((s, port) => {
        if (typeof m === 'number') return (m >>> port) & 1 ? [`${stream[s]?.count} > 0`] : [];
        return [`((${m} >>> ${port}) & 1) === 0 || ${stream[s]?.count} > 0`];
      });
      return terms.length === 0 ? 'true' : terms.map((term) => `(${term})`).join(' && ');
    };
    const head = `Q[${pr.queueStart} + ${pr.queueHead}]`;
    const due = (): void => {
      w.line(`${pr.queueHead} = ${pr.queueHead} === ${L} ? 0 : ${pr.queueHead} + 1; ${pr.queueLength}--;`);
      emit(p);
    };
    w.line(`// process ${p}: ${spec.layer.kind} '${spec.layer.name.replace(/[\r\n]/g, ' ')}'`);
    const ret = (value: 0 | 1): string => (value === 1 ? `act = 1; break step${p};` : `break step${p};`);
    w.block(`step${p}: if (cycle >= ${pr.wake})`, () => {
      w.line(`const skipped = cycle - ${pr.seen} - 1; ${pr.seen} = cycle;`);
      w.line(`if (skipped > 0) { if (${pr.state} === 2) ${pr.stall} += skipped; else if (${pr.state} === 1) ${pr.busy} += skipped; }`);
      w.line(`const tau = cycle - ${pr.stall};`);
      w.line('let ci = false;');
      if (!uniform[p]) w.line('let m = 0;');
      w.block(`if (${pr.sample} < N && tau >= ${pr.nextIssue})`, () => {
        if (uniform[p]) w.line(`ci = ${inputsThere(mask)};`);
        else {
          w.line(`m = RM${p}[${pr.iteration}];`);
          w.line(`ci = ${inputsThere('m')};`);
        }
      });
      const emitsNow = uniform[p] ? (emits[0] === 1 ? 'true' : 'false') : `EM${p}[${pr.iteration}] === 1`;
      if (L > 1) w.line(`const isDue = ${pr.queueLength} > 0 && ${head} === tau;`);
      w.block(`if ((${L > 1 ? 'isDue' : `ci && ${emitsNow}`}) && (${full(spec.outputs)}))`, () => {
        // Frozen: the whole pipeline waits for room (a read of an output wakes it).
        w.line(`${pr.state} = 2; ${pr.stall}++; ${pr.wake} = ${NEVER};`);
        w.line(ret(0));
      });
      w.block('if (ci)', () => {
        if (L > 1) w.block('if (isDue)', due);
        ports.forEach((s, port) => {
          if (uniform[p]) {
            if ((mask >>> port) & 1) read(s);
          } else w.block(`if ((m >>> ${port}) & 1)`, () => read(s));
        });
        if (iterations === 1) w.line(`FS[${p} * N + ${pr.sample}] = cycle;`);
        else w.line(`if (${pr.iteration} === 0) FS[${p} * N + ${pr.sample}] = cycle;`);
        const issueEmit = (): void => {
          if (L === 1) emit(p);
          else {
            w.line(`let tail = ${pr.queueHead} + ${pr.queueLength}; if (tail > ${L}) tail -= ${L + 1};`);
            w.line(`Q[${pr.queueStart} + tail] = tau + ${L - 1}; ${pr.queueLength}++;`);
          }
        };
        if (emitsNow === 'true') issueEmit();
        else if (emitsNow !== 'false') w.block(`if (${emitsNow})`, issueEmit);
        w.line(`${pr.nextIssue} = tau + ${ii};`);
        if (iterations === 1) w.line(`${pr.sample}++;`);
        else w.line(`if (++${pr.iteration} === ${iterations}) { ${pr.iteration} = 0; ${pr.sample}++; }`);
        w.line(`${pr.state} = 1; ${pr.busy}++; ${pr.wake} = cycle + 1;`);
        w.line(ret(1));
      });
      if (L > 1) {
        w.block('if (isDue)', () => {
          due();
          w.line(`${pr.state} = 1; ${pr.busy}++; ${pr.wake} = cycle + 1;`);
          w.line(ret(1));
        });
      }
      // Nothing to do: the same until its next issue time, its next in-flight token's time, or an input token.
      w.line(`let at = ${NEVER};`);
      if (L > 1) w.line(`if (${pr.queueLength} > 0) { at = cycle + ${head} - tau; ${pr.state} = 1; ${pr.busy}++; } else ${pr.state} = 0;`);
      else w.line(`${pr.state} = 0;`);
      w.line(`if (${pr.sample} < N && ${pr.nextIssue} > tau && cycle + ${pr.nextIssue} - tau < at) at = cycle + ${pr.nextIssue} - tau;`);
      w.line(`${pr.wake} = at;`);
    });
  }
}
