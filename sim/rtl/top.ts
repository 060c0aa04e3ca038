// The model's RTL: the process network sim/ runs (network.ts), in Verilog. One module per process (the
// layer's iteration as logic inside hls/rtl's process shell), one ngt_fifo per stream at the depth the
// cycle simulator uses (--fifo-opt's included), and a top module `<model>_top` with a valid/ready port
// per model input and output (io_parallel: one wide word per sample; io_stream: one pixel per beat).
// A stream carries the tensor of the process that writes it; a consumer reading a wiring or folded
// layer's output applies that layer's logic to the stream (a ReLU folded into a Dense's output stage,
// a transpose's permuted wires), so every bit is the one the simulators compute.
import { invariant, NgtError, type FixedType } from '@ngt/fxp';
import {
  FIFO_MODULE,
  fifoAddressBits,
  fifoVerilog,
  ModuleBuilder,
  processModule,
  scheduleModel,
  uniformProgram,
  verilogName,
  verilogOf,
  type HwLayer,
  type HwModel,
  type IoType,
  type LayerSchedule,
  type Signal,
} from '../../hls/index.js';
import { buildNetwork, type Network } from '../network.js';
import { resolveDepths } from '../simulate.js';

/** A model or configuration the RTL cannot express yet (exit 2): names the layer and what is missing. */
export class RtlUnsupportedError extends NgtError {
  readonly code: string = 'RTL_UNSUPPORTED';
}

export interface RtlPort {
  readonly name: string;
  /** The model tensor it carries, its type and values per token (beat). */
  readonly tensor: string;
  readonly type: FixedType;
  readonly tokenValues: number;
  readonly tokensPerSample: number;
  readonly bits: number;
}

export interface RtlDesign {
  readonly top: string;
  /** File name -> Verilog text. */
  readonly files: ReadonlyMap<string, string>;
  readonly inputs: readonly RtlPort[];
  readonly outputs: readonly RtlPort[];
  readonly network: Network;
  readonly depths: Int32Array;
}

export interface RtlOptions {
  readonly ioType: IoType;
  readonly clockPeriod?: number;
  readonly part?: string;
  readonly clockUncertainty?: number;
  readonly schedules?: readonly LayerSchedule[];
  readonly fifoDepths?: Readonly<Record<string, number>>;
}

function typeOf(model: HwModel, tensor: string): FixedType {
  const type = model.tensors.get(tensor)?.type;
  invariant(type !== undefined, `tensor '${tensor}' has no type`);
  return type;
}

/** The layers between a stream's tensor and the tensor a consumer reads (wiring and folded layers), first applied first. */
function viewChain(model: HwModel, producing: ReadonlyMap<string, HwLayer>, schedules: ReadonlyMap<string, LayerSchedule>, tensor: string): HwLayer[] {
  const chain: HwLayer[] = [];
  let name = tensor;
  for (;;) {
    const layer = producing.get(name);
    if (!layer || !schedules.get(layer.name)?.wire) break;
    chain.unshift(layer);
    name = layer.inputs[0] ?? '';
  }
  return chain;
}

function unsupported(layer: HwLayer, reason: string): never {
  throw new RtlUnsupportedError(`layer '${layer.name}' (${layer.hlsClass}) has no RTL yet: ${reason}`);
}

/** A layer's logic on one token, in module m. */
function layerLogic(m: ModuleBuilder, model: HwModel, layer: HwLayer, inputs: readonly Signal[], ioType: IoType): Signal {
  const result = verilogOf(layer, { m, inputs, inputTypes: layer.inputs.map((tensor) => typeOf(model, tensor)), outputType: typeOf(model, layer.output), ioType });
  if ('unsupported' in result) unsupported(layer, result.unsupported);
  return result;
}

export function buildRtl(model: HwModel, options: RtlOptions): RtlDesign {
  const ioType = options.ioType;
  const schedules = options.schedules ?? scheduleModel(model, { ioType, clockPeriod: options.clockPeriod, part: options.part, clockUncertainty: options.clockUncertainty });
  const network = buildNetwork(model, schedules, ioType);
  const depths = resolveDepths(network, options.fifoDepths);
  const producing = new Map(model.layers.map((layer) => [layer.output, layer]));
  const scheduleOf = new Map(model.layers.map((layer, index) => [layer.name, schedules[index] as LayerSchedule]));
  const streamBits = network.streams.map((stream) => stream.tokenSize * typeOf(model, stream.tensor).width);
  /** The tensor a consumer reads, from the stream's token (wiring and folded layers applied). */
  const view = (m: ModuleBuilder, token: Signal, tensor: string, form: IoType = ioType): Signal => {
    let value = token;
    for (const layer of viewChain(model, producing, scheduleOf, tensor)) value = layerLogic(m, model, layer, [value], form);
    return value;
  };
  const files = new Map<string, string>([[`${FIFO_MODULE}.v`, fifoVerilog]]);
  const top = new ModuleBuilder(`${verilogName(model.name)}_top`);
  const clk = top.input('clk', 1);
  const rst = top.input('rst', 1);
  // The processes leave reset one cycle after the streams: the first cycle after reset is the cycle
  // -1 of sim/engine.ts, in which the inputs' first words are written and no process works yet.
  const rstProcess = top.reg('rst_process', 1);
  top.line(`always @(posedge ${clk.name}) ${rstProcess.name} <= ${rst.name};`);
  // Per stream: the FIFO's nets, declared first so processes, sources and sinks can refer to them.
  const fifo = network.streams.map((stream, s) => ({
    write: top.net(`s${s}_write`, 1),
    data: top.net(`s${s}_write_data`, streamBits[s] ?? 1),
    ready: top.net(`s${s}_write_ready`, 1),
    read: top.net(`s${s}_read`, 1),
    valid: top.net(`s${s}_read_valid`, 1),
    head: top.net(`s${s}_read_data`, streamBits[s] ?? 1),
    stream,
  }));
  const inputs: RtlPort[] = [];
  const outputs: RtlPort[] = [];
  network.sources.forEach((source, k) => {
    const type = typeOf(model, source.tensor);
    const tokenValues = network.streams[source.outputs[0] ?? 0]?.tokenSize ?? 1;
    const bits = tokenValues * type.width;
    const valid = top.input(`in${k}_valid`, 1);
    const data = top.input(`in${k}_data`, bits);
    const ready = source.outputs.map((s) => fifo[s]?.ready.name ?? "1'b1").join(' & ') || "1'b1";
    top.output(`in${k}_ready`, 1, ready);
    for (const s of source.outputs) {
      const f = fifo[s];
      invariant(f !== undefined, `input '${source.tensor}' feeds no stream`);
      top.assign(f.write, `${valid.name} & (${ready})`);
      top.assign(f.data, data.name);
    }
    inputs.push({ name: `in${k}`, tensor: source.tensor, type, tokenValues, tokensPerSample: source.tokensPerSample, bits });
  });
  network.processes.forEach((process, p) => {
    const layer = process.layer;
    const schedule = process.schedule;
    const name = `p${p}_${verilogName(layer.name)}`;
    const outputBits = process.outputs.length > 0 ? (streamBits[process.outputs[0] ?? 0] ?? 1) : typeOf(model, layer.output).width;
    // A program reading or emitting on some iterations only (line buffers, pooling windows, repacks)
    // keeps the sample's input tokens and computes the whole output tensor, as io_parallel does.
    const uniform = uniformProgram(schedule.program, process.inputs.length);
    const form: IoType = uniform ? ioType : 'io_parallel';
    const verilog = processModule(
      name,
      { inputBits: process.inputs.map((s) => streamBits[s] ?? 1), outputBits, outputs: process.outputs.length },
      { latency: schedule.iteration.latency, ii: schedule.iteration.ii, program: schedule.program },
      (m, tokens) => layerLogic(m, model, layer, tokens.map((token, port) => view(m, token, layer.inputs[port] ?? '', form)), form),
      uniform ? null : { tokensIn: schedule.tokensIn, tokensOut: schedule.tokensOut },
    );
    files.set(`${name}.v`, verilog);
    const write = top.net(`p${p}_out_write`, 1);
    const data = top.net(`p${p}_out_data`, outputBits);
    const connections = [`.clk(${clk.name})`, `.rst(${rstProcess.name})`];
    process.inputs.forEach((s, port) => connections.push(`.in${port}_valid(${fifo[s]?.valid.name})`, `.in${port}_data(${fifo[s]?.head.name})`, `.in${port}_read(${fifo[s]?.read.name})`));
    process.outputs.forEach((s, o) => connections.push(`.out${o}_ready(${fifo[s]?.ready.name})`));
    connections.push(`.out_write(${write.name})`, `.out_data(${data.name})`);
    top.line(`${name} u_${name} (${connections.join(', ')});`);
    for (const s of process.outputs) {
      const f = fifo[s];
      invariant(f !== undefined, `layer '${layer.name}' writes no stream`);
      top.assign(f.write, write.name);
      top.assign(f.data, data.name);
    }
  });
  network.sinks.forEach((sink, k) => {
    const s = sink.stream;
    const f = fifo[s];
    invariant(f !== undefined, `sink '${sink.name}' has no stream`);
    const read = top.input(`out${k}_read`, 1);
    top.output(`out${k}_valid`, 1, f.valid.name);
    // The sink reads only what is there (the testbench's ready, gated by valid).
    top.assign(f.read, `${read.name} & ${f.valid.name}`);
    const viewed = view(top, f.head, sink.output);
    top.output(`out${k}_data`, viewed.width, viewed.name);
    const type = typeOf(model, sink.output);
    outputs.push({ name: `out${k}`, tensor: sink.output, type, tokenValues: viewed.width / type.width, tokensPerSample: f.stream.tokensPerSample, bits: viewed.width });
  });
  fifo.forEach((f, s) => {
    const depth = depths[s] ?? 1;
    const params = `.WIDTH(${streamBits[s] ?? 1}), .DEPTH(${depth}), .AW(${fifoAddressBits(depth)})`;
    top.line(`${FIFO_MODULE} #(${params}) u_s${s} (.clk(${clk.name}), .rst(${rst.name}), .write(${f.write.name}), .write_data(${f.data.name}), .write_ready(${f.ready.name}), .read(${f.read.name}), .read_valid(${f.valid.name}), .read_data(${f.head.name}));`);
  });
  files.set(`${top.name}.v`, top.toVerilog());
  return { top: top.name, files, inputs, outputs, network, depths };
}
