// simulateCycles: the cycle-accurate dataflow simulation of a hardware model (the execution model of
// hls/schedule/types.ts, run by engine.ts over the network of network.ts).
//
// Bits: every tensor's raws come from hls/'s compiled functional simulator (the same generated per-layer
// code, run once over the batch); the streams move tokens, and the outputs are assembled from the
// tokens the sinks read, in the order they arrive. So the output bits equal the functional simulator's
// by construction whenever every token reaches its sink exactly once and in order, which is what the
// tests check. What this simulator adds is *when*: cycles, stalls, FIFO occupancy.
import { scheduleModel, type HwModel, type IoType, type LayerSchedule } from '../hls/index.js';
import { Engine, type EngineOutcome } from './engine.js';
import { compileLoop } from './engine-compiler.js';
import { functionalValues } from './functional-cache.js';
import { lazyFirings, lazySeries } from './lazy-records.js';
import { CycleLimitError, DeadlockError, SimulationOptionsError } from './errors.js';
import { buildNetwork, type Endpoint, type Network } from './network.js';
import { checkSinkStalls, type SinkStalls } from './sink-stalls.js';
import { VcdRecorder } from './vcd.js';
import type { CycleResult, FifoTimeline, LayerTimeline } from './results.js';

export type { CycleResult, FifoTimeline, Firing, LayerTimeline } from './results.js';

export interface CycleOptions {
  readonly ioType: IoType;
  /** Cycles between sample arrivals at the inputs; 0 (default): each sample as soon as the first layer accepts it. */
  readonly interval?: number;
  /** The output consumer takes at most one token every this many cycles; 1 (default): always ready. */
  readonly sinkInterval?: number;
  /** Random ready stalls of the output consumer besides sinkInterval (sink-stalls.ts); runs the reference engine. */
  readonly sinkStalls?: SinkStalls;
  /** FIFO depths by FIFO name (see CycleResult.fifos); others keep their defaults. */
  readonly fifoDepths?: Readonly<Record<string, number>>;
  /** Writes a VCD waveform of every stream's handshake, occupancy and data, and every layer's busy/stall. */
  readonly vcdPath?: string;
  /** A guard (deadlocks are detected exactly): default 100,000,000. */
  readonly maxCycles?: number;
  /** ns; the clock the registers are placed for (hls/schedule) and the VCD time scale. Default 5. */
  readonly clockPeriod?: number;
  /** The part whose delays the schedule uses; default hls4ml's xcvu13p-flga2577-2-e. */
  readonly part?: string;
  /** The layers' schedules, when the caller has them (the same scheduleModel would give, or a what-if). */
  readonly schedules?: readonly LayerSchedule[];
  /** false: step every cycle instead of jumping across quiet ones (the slow reference; same results). */
  readonly skipQuiet?: boolean;
  /**
   * 'compiled' (default): the cycle loop as generated JavaScript (engine-compiler.ts); 'reference': the
   * typed-array interpreter it is diffed against (engine.ts), which also assembles the outputs token by
   * token as the sinks read them. Same results. A VCD run, or one with sinkStalls, always takes the reference.
   */
  readonly engine?: 'compiled' | 'reference';
}

function endpointName(network: Network, endpoint: Endpoint, model: HwModel): string {
  switch (endpoint.kind) {
    case 'source':
      return `input ${model.inputs[endpoint.index] ?? ''}`;
    case 'process':
      return network.processes[endpoint.index]?.layer.name ?? '';
    case 'sink':
      return `output ${network.sinks[endpoint.index]?.name ?? ''}`;
  }
}

function checkCount(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) throw new SimulationOptionsError(`cycle simulation: ${name} must be an integer >= ${minimum}, not ${value}`);
}

/** The depth of every FIFO: defaults, then options.fifoDepths by name. */
export function resolveDepths(network: Network, fifoDepths: Readonly<Record<string, number>> | undefined): Int32Array {
  const depths = Int32Array.from(network.streams, (stream) => stream.defaultDepth);
  const byName = new Map(network.streams.map((stream, index) => [stream.name, index]));
  for (const [name, depth] of Object.entries(fifoDepths ?? {})) {
    const index = byName.get(name);
    if (index === undefined) {
      throw new SimulationOptionsError(`cycle simulation: fifoDepths names FIFO '${name}', which the model does not have (FIFOs: ${network.streams.map((s) => s.name).join(', ')})`);
    }
    checkCount(`the depth of FIFO '${name}'`, depth, 1);
    depths[index] = Math.min(depth, 2 ** 30);
  }
  return depths;
}

export function simulateCycles(model: HwModel, inputs: readonly Float64Array[], count: number, options: CycleOptions): CycleResult {
  const interval = options.interval ?? 0;
  const sinkInterval = options.sinkInterval ?? 1;
  const maxCycles = options.maxCycles ?? 100_000_000;
  checkCount('interval', interval, 0);
  checkCount('sinkInterval', sinkInterval, 1);
  checkCount('maxCycles', maxCycles, 1);
  if (options.sinkStalls) checkSinkStalls(options.sinkStalls, 'cycle simulation');
  if (options.engine !== undefined && options.engine !== 'compiled' && options.engine !== 'reference') {
    throw new SimulationOptionsError(`cycle simulation: engine must be 'compiled' or 'reference', not '${String(options.engine)}'`);
  }
  const schedules = options.schedules ?? scheduleModel(model, { ioType: options.ioType, clockPeriod: options.clockPeriod, part: options.part });
  const network = buildNetwork(model, schedules, options.ioType);
  const depths = resolveDepths(network, options.fifoDepths);
  // The bits, from the functional simulator (which checks the inputs too): the outputs, and for a VCD
  // every tensor a stream carries.
  const wanted = [...new Set([...(options.vcdPath ? network.streams : []).map((stream) => stream.tensor), ...network.sinks.map((sink) => sink.output)])];
  const functionalStart = performance.now();
  const values = functionalValues(model, inputs, count, wanted);
  const functionalMs = performance.now() - functionalStart;
  const engineOptions = { samples: count, interval, sinkInterval, sinkStalls: options.sinkStalls, depths, maxCycles, skipQuiet: options.skipQuiet };
  const compiled = options.engine === 'reference' || options.vcdPath || options.sinkStalls ? null : compileLoop(network, engineOptions);
  const recorder = options.vcdPath ? new VcdRecorder(model, network, values, options.clockPeriod ?? 5) : null;
  let outputs: Map<string, Float64Array>;
  let outcome: EngineOutcome;
  const loopStart = performance.now();
  if (compiled) {
    outcome = compiled.run();
    // Every sink reads its stream's tokens in order, each once, so when the run finishes the outputs are
    // the functional simulator's (the reference engine assembles them token by token; the tests diff the two).
    outputs = new Map(network.sinks.map((sink) => [sink.output, (values.get(sink.output) ?? new Float64Array()).slice()]));
  } else {
    outputs = new Map(network.sinks.map((sink) => [sink.output, new Float64Array((values.get(sink.output) ?? new Float64Array()).length)]));
    const onSinkRead = (k: number, token: number): void => {
      const sink = network.sinks[k];
      const stream = network.streams[sink?.stream ?? 0];
      if (!sink || !stream) return;
      const from = values.get(sink.output) as Float64Array;
      // A wire ending the model keeps the token count (io_parallel: one token; io_stream wires keep the layout).
      const size = (model.tensors.get(sink.output)?.shape ?? []).reduce((a, b) => a * b, 1) / stream.tokensPerSample;
      (outputs.get(sink.output) as Float64Array).set(from.subarray(token * size, (token + 1) * size), token * size);
    };
    outcome = new Engine(network, engineOptions, onSinkRead, recorder).outcome();
  }
  const cycleLoopMs = performance.now() - loopStart;
  const stop = outcome.stop;
  // A waveform of a run that deadlocked is the best way to see why: written up to the stop.
  if (stop && recorder && options.vcdPath) recorder.write(options.vcdPath, stop.cycle + 1);
  if (stop?.kind === 'deadlock') throw deadlockError(model, network, outcome, count, stop.cycle);
  if (stop?.kind === 'limit') throw new CycleLimitError(`cycle simulation of '${model.name}' did not finish within ${maxCycles} cycles`, stop.cycle);
  const raw = outcome.result;
  if (recorder && options.vcdPath) recorder.write(options.vcdPath, raw.totalCycles);
  const outputValidCycle = new Array<number>(count).fill(0);
  for (let k = 0; k < network.sinks.length; k++) {
    for (let sample = 0; sample < count; sample++) outputValidCycle[sample] = Math.max(outputValidCycle[sample] ?? 0, raw.outputValid[k * count + sample] ?? 0);
  }
  const inputAcceptCycle = Array.from(raw.firstAccept);
  const processOf = new Map(network.processes.map((process, index) => [process.layer, index]));
  const layers: LayerTimeline[] = model.layers.map((layer, index) => {
    const p = processOf.get(layer);
    const schedule = schedules[index] as LayerSchedule;
    if (p === undefined) return { name: layer.name, kind: layer.kind, schedule, busy: 0, stall: 0, idle: 0, firings: [] };
    const timeline = {
      name: layer.name,
      kind: layer.kind,
      schedule,
      busy: raw.busy[p] ?? 0,
      stall: raw.stall[p] ?? 0,
      idle: raw.idle[p] ?? 0,
    } as Omit<LayerTimeline, 'firings'>;
    return lazyFirings(timeline, raw.firingStart, raw.firingEnd, p * count, count);
  });
  const fifos: FifoTimeline[] = network.streams.map((stream, s) =>
    lazySeries(
      {
        name: stream.name,
        tensor: stream.tensor,
        producer: endpointName(network, stream.producer, model),
        consumer: endpointName(network, stream.consumer, model),
        depth: depths[s] ?? 0,
        defaultDepth: stream.defaultDepth,
        tokensPerSample: stream.tokensPerSample,
        maxOccupancy: raw.maxOccupancy[s] ?? 0,
      },
      raw.series[s] ?? { kind: 'points', flat: new Float64Array([0, 0]) },
    ),
  );
  const first = count > 0 ? (outputValidCycle[0] ?? 0) - (inputAcceptCycle[0] ?? 0) : 0;
  const steadyStateII = count >= 2 ? (outputValidCycle[count - 1] ?? 0) - (outputValidCycle[count - 2] ?? 0) : null;
  return {
    ioType: options.ioType,
    samples: count,
    outputs,
    outputValidCycle,
    inputAcceptCycle,
    latency: { first, steadyStateII },
    layers,
    fifos,
    totalCycles: raw.totalCycles,
    steppedCycles: outcome.steppedCycles,
    timings: { functionalMs, cycleLoopMs },
  };
}

function deadlockError(model: HwModel, network: Network, engine: EngineOutcome, samples: number, cycle: number): DeadlockError {
  const full: string[] = [];
  const waits: string[] = [];
  network.processes.forEach((process, p) => {
    if (engine.stalled[p] === 1) {
      for (const s of process.outputs) if ((engine.count[s] ?? 0) >= (engine.depth[s] ?? 0)) full.push(network.streams[s]?.name ?? '');
    } else if ((engine.sample[p] ?? 0) < samples) {
      for (const s of process.inputs) if ((engine.count[s] ?? 0) === 0) waits.push(`'${process.layer.name}' waits on '${network.streams[s]?.name ?? ''}'`);
    }
  });
  network.sources.forEach((source) => {
    for (const s of source.outputs) if ((engine.count[s] ?? 0) >= (engine.depth[s] ?? 0)) full.push(network.streams[s]?.name ?? '');
  });
  const fullText = full.map((name) => `'${name}' (depth ${engine.depth[network.streams.findIndex((s) => s.name === name)] ?? 0})`).join(', ');
  return new DeadlockError(
    `cycle simulation of '${model.name}' deadlocked at cycle ${cycle}: full FIFOs ${fullText || 'none'}; ${waits.join('; ') || 'no layer waits'}. Deepen the full FIFOs (fifoDepths, or --fifo-opt)`,
    cycle,
    [...new Set(full)],
    waits,
  );
}
