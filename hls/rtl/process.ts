// One process of the dataflow (a layer, with the layers folded into it), in Verilog: the execution
// model of hls/schedule/types.ts that sim/engine.ts runs, cycle for cycle (DESIGN.md contract 2).
//  - An iteration issues when `ii` unstalled cycles have passed since the last issue and every input it
//    reads holds a token (FIFO heads are the input registers); its reads happen in the issue cycle.
//  - Its result is computed from the heads in the issue cycle and travels `latency - 1` pipeline
//    registers; it is written to every output FIFO at the end of cycle issue + latency - 1 (valid from
//    issue + latency): the output FIFO's word is the output register.
//  - A write that cannot go to every output (one is full and not read this cycle) freezes the whole
//    process: no issue, no pipeline move, no read (its input ready falls), until it can.
// Where the registers sit inside the logic changes no cycle and no bit, so the datapath is computed in
// the issue cycle and the pipeline carries its result; synthesis may retime it.
import { invariant } from '@ngt/fxp';
import type { TokenProgram } from '../tokens/tokens.js';
import { literal, ModuleBuilder, slice, type Signal } from './netlist.js';

export interface ProcessPorts {
  /** Bits of one input token, per input port. */
  readonly inputBits: readonly number[];
  readonly outputBits: number;
  /** Output streams the process writes (a fork writes all of them in the same cycle). */
  readonly outputs: number;
}

export interface ProcessTiming {
  readonly latency: number;
  readonly ii: number;
  readonly program: TokenProgram;
}

/** Whether every iteration reads every input and emits (the programs the RTL runs so far). */
export function uniformProgram(program: TokenProgram, inputs: number): boolean {
  const all = inputs >= 32 ? 0xffffffff : 2 ** inputs - 1;
  return program.emits.every((emit) => emit === 1) && program.reads.every((read) => read === all);
}

/** Bits needed to count 0..n-1 (at least 1). */
function counterBits(n: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(n, 2))));
}

/**
 * What a process whose program reads or emits on some iterations only (io_stream line buffers, pooling
 * windows, repacks) keeps: every input token of the sample read so far, so the layer's whole-tensor
 * logic gives every output token; the program's emit count selects the one an iteration writes (it only
 * depends on tokens already read, which is what the program guarantees).
 */
export interface BufferedPorts {
  /** Tokens per sample, per input port. */
  readonly tokensIn: readonly number[];
  readonly tokensOut: number;
}

/**
 * The process module: ports clk, rst; per input p: in{p}_valid, in{p}_data, in{p}_read; per output o:
 * out{o}_ready; out_write and out_data shared by the outputs. `datapath` builds the iteration's
 * combinational result from the input tokens (a uniform program), or with `buffered` the whole output
 * tensor from the whole input tensors (in the same module).
 */
export function processModule(
  name: string,
  ports: ProcessPorts,
  timing: ProcessTiming,
  datapath: (m: ModuleBuilder, inputs: readonly Signal[]) => Signal,
  buffered: BufferedPorts | null = null,
): string {
  const { latency, ii, program } = timing;
  invariant(latency >= 1 && ii >= 1, `process '${name}': latency and ii must be >= 1, not ${latency} and ${ii}`);
  const uniform = uniformProgram(program, ports.inputBits.length);
  invariant(uniform || buffered !== null, `process '${name}': a program that reads or emits on some iterations only needs the buffered form`);
  const m = new ModuleBuilder(name);
  const clk = m.input('clk', 1);
  const rst = m.input('rst', 1);
  const valid: Signal[] = [];
  const data: Signal[] = [];
  ports.inputBits.forEach((bits, port) => {
    valid.push(m.input(`in${port}_valid`, 1));
    data.push(m.input(`in${port}_data`, bits));
  });
  const ready = Array.from({ length: ports.outputs }, (_, o) => m.input(`out${o}_ready`, 1));
  const sequential: string[] = [];
  const resets: string[] = [];

  // The iteration's reads and emit: constants for a uniform program, else read from the program by the iteration counter.
  const iterations = program.emits.length;
  let reads: (port: number) => string = () => "1'b1";
  let emits = "1'b1";
  let iteration: Signal | null = null;
  if (!uniform) {
    const bits = counterBits(iterations);
    iteration = m.reg('iteration', bits);
    const readWidth = Math.max(1, ports.inputBits.length);
    const mask = m.reg('read_mask', readWidth);
    const emit = m.reg('emit_now', 1);
    const cases = [`always @* begin`, `  case (${iteration.name})`];
    for (let i = 0; i < iterations; i++) {
      cases.push(`    ${literal(bits, BigInt(i))}: begin ${mask.name} = ${literal(readWidth, BigInt(program.reads[i] ?? 0))}; ${emit.name} = ${literal(1, BigInt(program.emits[i] ?? 0))}; end`);
    }
    cases.push(`    default: begin ${mask.name} = ${literal(readWidth, 0n)}; ${emit.name} = 1'b0; end`, '  endcase', 'end');
    m.lines(cases);
    reads = (port) => slice(mask, port, port);
    emits = emit.name;
  }

  // Issue timing: `elapsed` counts unstalled cycles since the last issue, saturating at ii.
  const elapsedBits = Math.max(1, Math.ceil(Math.log2(ii + 1)));
  const elapsed = ii > 1 ? m.reg('elapsed', elapsedBits) : null;
  const timeOk = elapsed ? m.wire('time_ok', 1, false, `${elapsed.name} >= ${literal(elapsedBits, BigInt(ii))}`) : null;
  const inputsOk = valid.length > 0 ? valid.map((signal, port) => (uniform ? signal.name : `(${signal.name} | ~${reads(port)})`)).join(' & ') : "1'b1";
  // Nothing issues in reset (an iteration that reads nothing, a padding row, could otherwise).
  const issue = m.wire('issue', 1, false, `~${rst.name} & ${timeOk ? `${timeOk.name} & ` : ''}${inputsOk}`);
  const issueEmits = uniform ? issue : m.wire('issue_emits', 1, false, `${issue.name} & ${emits}`);

  // The pipeline: latency - 1 registers of (valid, result) behind the issue cycle.
  const stages = latency - 1;
  const pipeValid = stages > 0 ? m.reg('pipe_valid', stages) : null;
  const due = pipeValid ? slice(pipeValid, stages - 1, stages - 1) : null;
  const wantWrite = m.wire('want_write', 1, false, due ?? issueEmits.name);
  const room = ready.length > 0 ? ready.map((signal) => signal.name).join(' & ') : "1'b1";
  const stall = m.wire('stall', 1, false, `${wantWrite.name} & ~(${room})`);
  const go = `~${stall.name}`;
  const readNow = valid.map((_, port) => m.output(`in${port}_read`, 1, uniform ? `${issue.name} & ${go}` : `${issue.name} & ${go} & ${reads(port)}`));

  let result: Signal;
  if (uniform) result = datapath(m, data);
  else {
    const plan = buffered as BufferedPorts;
    // Every input token of the sample so far; the one read this cycle is taken from the FIFO head.
    const tensors = data.map((token, port) => {
      const count = plan.tokensIn[port] ?? 1;
      const bits = counterBits(count);
      const index = m.reg(`in${port}_index`, bits);
      resets.push(`${index.name} <= ${literal(bits, 0n)};`);
      sequential.push(`if (${readNow[port]?.name}) ${index.name} <= (${index.name} == ${literal(bits, BigInt(count - 1))}) ? ${literal(bits, 0n)} : ${index.name} + ${literal(bits, 1n)};`);
      const slots = Array.from({ length: count }, (_, k) => {
        const slot = m.reg(`in${port}_token${k}`, token.width);
        sequential.push(`if (${readNow[port]?.name} && ${index.name} == ${literal(bits, BigInt(k))}) ${slot.name} <= ${token.name};`);
        return m.wire(`in${port}_now${k}`, token.width, false, `(${readNow[port]?.name} && ${index.name} == ${literal(bits, BigInt(k))}) ? ${token.name} : ${slot.name}`);
      });
      return m.wire(`in${port}_tensor`, token.width * count, false, count === 1 ? (slots[0] as Signal).name : `{${[...slots].reverse().map((slot) => slot.name).join(', ')}}`);
    });
    const whole = datapath(m, tensors);
    const tokenBits = ports.outputBits;
    invariant(whole.width === tokenBits * plan.tokensOut, `process '${name}': the datapath gives ${whole.width} bits, not ${plan.tokensOut} tokens of ${tokenBits}`);
    const bits = counterBits(plan.tokensOut);
    const emitted = m.reg('emitted', bits);
    resets.push(`${emitted.name} <= ${literal(bits, 0n)};`);
    sequential.push(`if (${issueEmits.name} && ${go}) ${emitted.name} <= (${emitted.name} == ${literal(bits, BigInt(plan.tokensOut - 1))}) ? ${literal(bits, 0n)} : ${emitted.name} + ${literal(bits, 1n)};`);
    const chosen = m.reg('token_out', tokenBits);
    const select = ['always @* begin', `  case (${emitted.name})`];
    for (let j = 0; j < plan.tokensOut; j++) select.push(`    ${literal(bits, BigInt(j))}: ${chosen.name} = ${slice(whole, (j + 1) * tokenBits - 1, j * tokenBits)};`);
    select.push(`    default: ${chosen.name} = ${literal(tokenBits, 0n)};`, '  endcase', 'end');
    m.lines(select);
    result = chosen;
  }
  invariant(result.width === ports.outputBits, `process '${name}': the datapath gives ${result.width} bits, not the output token's ${ports.outputBits}`);
  const pipeData = Array.from({ length: stages }, (_, k) => m.reg(`pipe_data${k + 1}`, ports.outputBits));
  m.output('out_write', 1, `${wantWrite.name} & ${go}`);
  m.output('out_data', ports.outputBits, stages > 0 ? (pipeData[stages - 1] as Signal).name : result.name);

  if (pipeValid) {
    resets.push(`${pipeValid.name} <= ${literal(stages, 0n)};`);
    sequential.push(`${pipeValid.name} <= ${stages === 1 ? issueEmits.name : `{${slice(pipeValid, stages - 2, 0)}, ${issueEmits.name}}`};`);
    sequential.push(`${(pipeData[0] as Signal).name} <= ${result.name};`);
    for (let k = 1; k < stages; k++) sequential.push(`${(pipeData[k] as Signal).name} <= ${(pipeData[k - 1] as Signal).name};`);
  }
  if (elapsed) {
    const one = literal(elapsedBits, 1n);
    resets.push(`${elapsed.name} <= ${literal(elapsedBits, BigInt(ii))};`);
    sequential.push(`${elapsed.name} <= ${issue.name} ? ${one} : (${timeOk?.name} ? ${elapsed.name} : ${elapsed.name} + ${one});`);
  }
  if (iteration) {
    const bits = iteration.width;
    resets.push(`${iteration.name} <= ${literal(bits, 0n)};`);
    sequential.push(`if (${issue.name}) ${iteration.name} <= (${iteration.name} == ${literal(bits, BigInt(iterations - 1))}) ? ${literal(bits, 0n)} : ${iteration.name} + ${literal(bits, 1n)};`);
  }
  // A process without state (latency 1, ii 1, one iteration) keeps clk and rst so every process has one interface.
  if (sequential.length === 0) m.line(`wire unused_clock = ${clk.name} ^ ${rst.name};`);
  else {
    // Everything moves only when the process is not stalled (a stall freezes it whole).
    m.lines([`always @(posedge ${clk.name}) begin`, `  if (${rst.name}) begin`, ...resets.map((line) => `    ${line}`), `  end else if (${go}) begin`, ...sequential.map((line) => `    ${line}`), '  end', 'end']);
  }
  return m.toVerilog();
}
