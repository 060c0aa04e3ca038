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

/**
 * The process module: ports clk, rst; per input p: in{p}_valid, in{p}_data, in{p}_read; per output o:
 * out{o}_ready; out_write and out_data shared by the outputs. `datapath` builds the iteration's
 * combinational result from the input tokens (in the same module).
 */
export function processModule(name: string, ports: ProcessPorts, timing: ProcessTiming, datapath: (m: ModuleBuilder, inputs: readonly Signal[]) => Signal): string {
  const { latency, ii } = timing;
  invariant(latency >= 1 && ii >= 1, `process '${name}': latency and ii must be >= 1, not ${latency} and ${ii}`);
  invariant(uniformProgram(timing.program, ports.inputBits.length), `process '${name}': only programs whose iterations all read every input and emit run in RTL`);
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
  const result = datapath(m, data);
  invariant(result.width === ports.outputBits, `process '${name}': the datapath gives ${result.width} bits, not the output token's ${ports.outputBits}`);

  // Issue timing: `elapsed` counts unstalled cycles since the last issue, saturating at ii.
  const elapsedBits = Math.max(1, Math.ceil(Math.log2(ii + 1)));
  const elapsed = ii > 1 ? m.reg('elapsed', elapsedBits) : null;
  const timeOk = elapsed ? m.wire('time_ok', 1, false, `${elapsed.name} >= ${literal(elapsedBits, BigInt(ii))}`) : null;
  const inputsOk = valid.length > 0 ? valid.map((signal) => signal.name).join(' & ') : "1'b1";
  const issue = m.wire('issue', 1, false, timeOk ? `${timeOk.name} & ${inputsOk}` : inputsOk);

  // The pipeline: latency - 1 registers of (valid, result) behind the issue cycle.
  const stages = latency - 1;
  const pipeValid = stages > 0 ? m.reg('pipe_valid', stages) : null;
  const pipeData = Array.from({ length: stages }, (_, k) => m.reg(`pipe_data${k + 1}`, ports.outputBits));
  const due = pipeValid ? slice(pipeValid, stages - 1, stages - 1) : null;
  const wantWrite = m.wire('want_write', 1, false, due ?? issue.name);
  const room = ready.length > 0 ? ready.map((signal) => signal.name).join(' & ') : "1'b1";
  const stall = m.wire('stall', 1, false, `${wantWrite.name} & ~(${room})`);
  valid.forEach((_, port) => m.output(`in${port}_read`, 1, `${issue.name} & ~${stall.name}`));
  m.output('out_write', 1, `${wantWrite.name} & ~${stall.name}`);
  m.output('out_data', ports.outputBits, stages > 0 ? (pipeData[stages - 1] as Signal).name : result.name);

  // A process without state (latency 1, ii 1) keeps clk and rst so every process has one interface.
  if (stages === 0 && !elapsed) m.line(`wire unused_clock = ${clk.name} ^ ${rst.name};`);
  if (stages > 0 || elapsed) {
    const body: string[] = [];
    body.push(`always @(posedge ${clk.name}) begin`);
    body.push(`  if (${rst.name}) begin`);
    if (pipeValid) body.push(`    ${pipeValid.name} <= ${literal(stages, 0n)};`);
    if (elapsed) body.push(`    ${elapsed.name} <= ${literal(elapsedBits, BigInt(ii))};`);
    body.push(`  end else if (~${stall.name}) begin`);
    if (pipeValid) {
      const shifted = stages === 1 ? issue.name : `{${slice(pipeValid, stages - 2, 0)}, ${issue.name}}`;
      body.push(`    ${pipeValid.name} <= ${shifted};`);
      body.push(`    ${(pipeData[0] as Signal).name} <= ${result.name};`);
      for (let k = 1; k < stages; k++) body.push(`    ${(pipeData[k] as Signal).name} <= ${(pipeData[k - 1] as Signal).name};`);
    }
    if (elapsed) {
      const one = literal(elapsedBits, 1n);
      body.push(`    ${elapsed.name} <= ${issue.name} ? ${one} : (${timeOk?.name} ? ${elapsed.name} : ${elapsed.name} + ${one});`);
    }
    body.push('  end');
    body.push('end');
    m.lines(body);
  }
  return m.toVerilog();
}
