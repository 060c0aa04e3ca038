// A pin-sized shell around the model's top for a real device (ngt build): the model's ports are one
// word per sample (or per beat), hundreds of bits wide, and an iCE40UP5K-SG48 has 39 IO pins. The shell
// takes the input word a byte at a time into a shift register, hands it to the model with the model's
// own valid/ready handshake, and gives the output word back a byte at a time. It adds registers and a
// few LUTs of its own, which the build's figures include.
//
//   ports: clk, rst;  in_byte[7:0], in_shift (shift in_byte into the word, last byte = least significant),
//          in_go (hand the word to the model), in_busy (a word is waiting for the model);
//          out_valid (a result is held), out_byte[7:0] (its least significant byte not yet read),
//          out_shift (drop that byte; after the last the next result may come in).
import { ModuleBuilder } from '../hls/index.js';

export interface ShellPorts {
  /** The model top's module name and the widths of its single input and output word. */
  readonly top: string;
  readonly inputBits: number;
  readonly outputBits: number;
}

export const SHELL_TOP = 'ngt_build_top';

export function shellVerilog(ports: ShellPorts): string {
  const { top, inputBits, outputBits } = ports;
  const m = new ModuleBuilder(SHELL_TOP);
  const clk = m.input('clk', 1);
  const rst = m.input('rst', 1);
  const inByte = m.input('in_byte', 8);
  const inShift = m.input('in_shift', 1);
  const inGo = m.input('in_go', 1);
  const outShift = m.input('out_shift', 1);
  const word = m.reg('in_word', inputBits);
  const pending = m.reg('in_pending', 1);
  const result = m.reg('out_word', outputBits);
  const full = m.reg('out_full', 1);
  const bytes = Math.ceil(outputBits / 8);
  const countBits = Math.max(1, Math.ceil(Math.log2(bytes + 1)));
  const left = m.reg('out_left', countBits);
  const inReady = m.net('model_in_ready', 1);
  const outValid = m.net('model_out_valid', 1);
  const outData = m.net('model_out_data', outputBits);
  m.output('in_busy', 1, pending.name);
  m.output('out_valid', 1, full.name);
  m.output('out_byte', 8, outputBits >= 8 ? `${result.name}[7:0]` : `{${8 - outputBits}'h0, ${result.name}}`);
  const shifted = inputBits > 8 ? `{${word.name}[${inputBits - 9}:0], ${inByte.name}}` : `${inByte.name}[${inputBits - 1}:0]`;
  const dropped = outputBits > 8 ? `{8'h0, ${result.name}[${outputBits - 1}:8]}` : `${outputBits}'h0`;
  m.line(`${top} u_model (.clk(${clk.name}), .rst(${rst.name}), .in0_valid(${pending.name}), .in0_data(${word.name}), .in0_ready(${inReady.name}), .out0_read(~${full.name}), .out0_valid(${outValid.name}), .out0_data(${outData.name}));`);
  m.line(`always @(posedge ${clk.name}) begin`);
  m.line(`  if (${inShift.name}) ${word.name} <= ${shifted};`);
  m.line(`  if (${rst.name}) ${pending.name} <= 1'b0;`);
  m.line(`  else if (${inGo.name}) ${pending.name} <= 1'b1;`);
  m.line(`  else if (${inReady.name}) ${pending.name} <= 1'b0;`);
  m.line(`  if (${rst.name}) begin`);
  m.line(`    ${full.name} <= 1'b0;`);
  m.line(`    ${left.name} <= ${countBits}'d0;`);
  m.line(`  end else if (~${full.name} & ${outValid.name}) begin`);
  m.line(`    ${result.name} <= ${outData.name};`);
  m.line(`    ${full.name} <= 1'b1;`);
  m.line(`    ${left.name} <= ${countBits}'d${bytes};`);
  m.line(`  end else if (${full.name} & ${outShift.name}) begin`);
  m.line(`    ${result.name} <= ${dropped};`);
  m.line(`    ${left.name} <= ${left.name} - ${countBits}'d1;`);
  m.line(`    if (${left.name} == ${countBits}'d1) ${full.name} <= 1'b0;`);
  m.line('  end');
  m.line('end');
  return m.toVerilog();
}
