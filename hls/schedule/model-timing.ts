// Whole-model timing from the layers' token programs (modelTiming's comment has the definition).
import { invariant } from '@ngt/fxp';
import type { IoType } from '../config/types.js';
import type { HwModel } from '../ir/hardware.js';
import { tokenCount } from '../tokens/tokens.js';
import type { LayerSchedule } from './types.js';

export interface ModelTimingOptions {
  /** Samples the recurrence runs over, at least 2 (the II is the last two outputs apart); default 4. */
  readonly samples?: number;
  /** Cycles between sample arrivals at the inputs, as sim's CycleOptions.interval; default 0 (as fast as taken). */
  readonly interval?: number;
}

export interface LayerTokenTimes {
  readonly name: string;
  readonly wire: boolean;
  /** Per sample: the cycle of its first iteration issue, as sim's Firing.start (wire: its first token valid). */
  readonly start: readonly number[];
  /** Per sample: the cycle its last output token is valid, as sim's Firing.end. */
  readonly end: readonly number[];
}

export interface ModelTiming {
  readonly ioType: IoType;
  readonly samples: number;
  /** Sample 0: first input token accepted -> last output token valid (sim's latency.first). */
  readonly latency: number;
  /** The last two samples' outputs apart (sim's steadyStateII). */
  readonly ii: number;
  /** Per sample: the cycle its first input token is accepted (sim's inputAcceptCycle). */
  readonly inputAcceptCycle: readonly number[];
  /** Per sample: the cycle all its output tokens are valid (sim's outputValidCycle). */
  readonly outputValidCycle: readonly number[];
  /** In the model's layer order. */
  readonly perLayer: readonly LayerTokenTimes[];
}

/** A stream's token valid times, and which of them are model input tokens (for the accept cycle). */
interface Stream {
  readonly times: Float64Array;
  readonly tokensPerSample: number;
  readonly fromSource: boolean;
}

/**
 * The timing of `model` whose layers run `schedules` (scheduleModel's, in the model's layer order), analytic: the execution model of types.ts run over every layer's token program
 * with unbounded FIFOs and an output that never blocks, so no process ever stalls. What it gives is
 * what sim/'s cycle simulator measures when every FIFO is deep enough never to fill: the first sample's
 * latency (`latency.first`) and the steady-state II (`steadyStateII`), in both io types. Layers overlap
 * (a streaming layer starts on a sample's first pixels while its producer is still on the last ones),
 * so the model latency is not the sum of the layer latencies in io_stream, nor in io_parallel when
 * branches run side by side (there it is the longest path).
 *
 * Token times. Every token of every stream has the cycle it is first valid (a consumer may read it in
 * that cycle). Tokens are counted per stream across samples: token j of a stream of T tokens per sample
 * is token j mod T of sample floor(j / T).
 *  - Sources (sim/engine.ts): model input tokens enter one per cycle, sample n not before n * interval:
 *        v(0) = 0,   v(j) = max(v(j - 1) + 1, floor(j / T) * interval).
 *    A fork (one tensor, several consumers) is one stream per consumer with the same times.
 *  - Wiring layers (`wire`): their output tokens are their input tokens, same times.
 *  - A process with iteration ii `d` and latency `L`, its program's iterations numbered across samples
 *    i = 0, 1, ... (iteration r of sample n is i = n * R + r for R iterations per sample) issues
 *        a(i) = max(a(i - 1) + d, max over the inputs p that iteration r reads of t_p(c_p(i))),  a(-1) = -d,
 *    where c_p(i) counts the earlier iterations that read input p (FIFO order: the k-th read takes
 *    token k). An emitting iteration's output token (the e-th, counting emitting iterations) is valid
 *    at t_out(e) = a(i) + L.
 *  - Sample n's output is valid when every model output's last token of it is: out(n) = max over the
 *    outputs of t(T * (n + 1) - 1). Its input is accepted in the earliest cycle a consumer reads the
 *    sample's first token of a model input stream: in(n) = min over those consumers of the issue of the
 *    iteration reading token T * n (a model output that is a model input reads it when valid).
 *  - latency = out(0) - in(0) (sim's latency.first), ii = out(N - 1) - out(N - 2) over N samples (sim's
 *    steadyStateII). N = 4 by default: enough for the examples' streams to settle (the II is then the
 *    slowest process's, the test checks it), and what the simulator is compared with.
 *
 * Worked example (io_stream, test/sim/model-timing.test.ts): x of 4 pixels x 2 channels -> Dense 2 -> 3
 * per pixel, Latency strategy, RF 2 (iteration ii 2, latency RF + ceil(ceil(log2 2) / 2) + 1 = 4, one
 * iteration per pixel) -> ReLU (ii 1, latency 1, one iteration per pixel).
 *    input tokens valid      0  1  2  3 |  4  5  6  7 | 8 ...
 *    Dense issues            0  2  4  6 |  8 10 12 14 | 16 ...   (a(i) = max(a(i-1) + 2, v(i)))
 *    Dense tokens valid      4  6  8 10 | 12 14 16 18 | 20 ...   (+ 4)
 *    ReLU issues             4  6  8 10 | 12 14 16 18 | 20 ...   (a(i) = max(a(i-1) + 1, token i))
 *    ReLU tokens valid       5  7  9 11 | 13 15 17 19 | 21 ...   (+ 1)
 *  latency = 11 - 0 = 11 and ii = 19 - 11 = 8, where the sum of the layer latencies gives
 *  (3 * 2 + 4) + (3 * 1 + 1) = 14.
 */
export function modelTiming(model: HwModel, schedules: readonly LayerSchedule[], options: ModelTimingOptions = {}): ModelTiming {
  const samples = options.samples ?? 4;
  const interval = options.interval ?? 0;
  invariant(Number.isInteger(samples) && samples >= 2, `modelTiming: samples must be an integer >= 2, not ${samples}`);
  invariant(Number.isInteger(interval) && interval >= 0, `modelTiming: interval must be an integer >= 0, not ${interval}`);
  invariant(schedules.length === model.layers.length, `modelTiming: ${schedules.length} schedules for the ${model.layers.length} layers of '${model.name}'`);
  const ioType = schedules[0]?.ioType ?? 'io_parallel';
  const accept = new Array<number>(samples).fill(Infinity);
  const noteReads = (stream: Stream, token: number, cycle: number): void => {
    if (!stream.fromSource || token % stream.tokensPerSample !== 0) return;
    const sample = token / stream.tokensPerSample;
    accept[sample] = Math.min(accept[sample] ?? Infinity, cycle);
  };
  const streams = new Map<string, Stream>();
  for (const name of model.inputs) {
    const tokensPerSample = tokenCount(model.tensors.get(name)?.shape ?? [], ioType);
    const times = new Float64Array(samples * tokensPerSample);
    for (let j = 0; j < times.length; j++) times[j] = j === 0 ? 0 : Math.max((times[j - 1] ?? 0) + 1, Math.floor(j / tokensPerSample) * interval);
    streams.set(name, { times, tokensPerSample, fromSource: true });
  }
  const perLayer: LayerTokenTimes[] = model.layers.map((layer, index) => {
    const schedule = schedules[index];
    invariant(schedule !== undefined, `modelTiming: no schedule for layer '${layer.name}'`);
    const inputs = layer.inputs.map((name) => {
      const stream = streams.get(name);
      invariant(stream !== undefined, `modelTiming: tensor '${name}' read by '${layer.name}' has no producer before it in '${model.name}'`);
      return stream;
    });
    if (schedule.wire) {
      const stream = inputs[0] as Stream;
      streams.set(layer.output, stream);
      const T = stream.tokensPerSample;
      const start = Array.from({ length: samples }, (_, n) => stream.times[n * T] ?? 0);
      const end = Array.from({ length: samples }, (_, n) => stream.times[(n + 1) * T - 1] ?? 0);
      return { name: layer.name, wire: true, start, end };
    }
    const { reads, emits } = schedule.program;
    const { ii, latency } = schedule.iteration;
    const times = new Float64Array(samples * schedule.tokensOut);
    const consumed = new Array<number>(inputs.length).fill(0);
    const start: number[] = [];
    const end: number[] = [];
    let issue = -ii;
    let emitted = 0;
    for (let n = 0; n < samples; n++) {
      for (let r = 0; r < emits.length; r++) {
        const mask = reads[r] ?? 0;
        let cycle = issue + ii;
        for (let p = 0; p < inputs.length; p++) if ((mask >>> p) & 1) cycle = Math.max(cycle, (inputs[p] as Stream).times[consumed[p] ?? 0] ?? Infinity);
        for (let p = 0; p < inputs.length; p++) {
          if ((mask >>> p) & 1) {
            noteReads(inputs[p] as Stream, consumed[p] ?? 0, cycle);
            consumed[p] = (consumed[p] ?? 0) + 1;
          }
        }
        issue = cycle;
        if (r === 0) start.push(cycle);
        if (emits[r]) times[emitted++] = cycle + latency;
      }
      end.push(times[emitted - 1] ?? 0);
    }
    invariant(emitted === times.length, `modelTiming: '${layer.name}' emits ${emitted / samples} tokens per sample, its schedule says ${schedule.tokensOut}`);
    streams.set(layer.output, { times, tokensPerSample: schedule.tokensOut, fromSource: false });
    return { name: layer.name, wire: false, start, end };
  });
  const outputValidCycle = Array.from({ length: samples }, (_, n) => {
    let cycle = 0;
    for (const output of model.outputs) {
      const stream = streams.get(output.tensor);
      invariant(stream !== undefined, `modelTiming: output '${output.name}' of '${model.name}' has no producer`);
      const T = stream.tokensPerSample;
      cycle = Math.max(cycle, stream.times[(n + 1) * T - 1] ?? 0);
      // A model output straight from a model input: its sink reads each token when it is valid.
      for (let t = 0; t < T; t++) noteReads(stream, n * T + t, stream.times[n * T + t] ?? 0);
    }
    return cycle;
  });
  const inputAcceptCycle = accept.map((cycle) => (cycle === Infinity ? -1 : cycle));
  return {
    ioType,
    samples,
    latency: (outputValidCycle[0] ?? 0) - (inputAcceptCycle[0] ?? 0),
    ii: (outputValidCycle[samples - 1] ?? 0) - (outputValidCycle[samples - 2] ?? 0),
    inputAcceptCycle,
    outputValidCycle,
    perLayer,
  };
}
