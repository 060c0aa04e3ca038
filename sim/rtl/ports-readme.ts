// README.md of an RTL folder (`ngt rtl`): what the top module's ports carry and how to run its testbench.
import type { RtlDesign, RtlPort } from './top.js';
import { TESTBENCH_MODULE } from './testbench.js';

function portLine(port: RtlPort, direction: 'in' | 'out'): string {
  const fixed = `${port.type.signed ? 'signed' : 'unsigned'} ${port.type.width}-bit raws (${port.type.width - port.type.intBits} fraction bits)`;
  const handshake = direction === 'in' ? `${port.name}_valid / ${port.name}_ready (a word moves when both are high at a clock edge)` : `${port.name}_valid / ${port.name}_read (read only while valid; the word is taken at the edge)`;
  return `| \`${port.name}_data[${port.bits - 1}:0]\` | ${port.tensor} | ${port.tokenValues} values per word, value e in bits [${port.type.width}e+${port.type.width - 1}:${port.type.width}e], ${fixed}; ${port.tokensPerSample} word(s) per sample | ${handshake} |`;
}

export function portsReadme(design: RtlDesign, samples: number): string {
  return [
    `# ${design.top}`,
    '',
    'Verilog-2005 written by `ngt rtl`: one module per process, `ngt_fifo` streams, the top module below.',
    'Synchronous active-high reset `rst` (two cycles are enough), one clock `clk`.',
    '',
    '| port | tensor | word | handshake |',
    '|---|---|---|---|',
    ...design.inputs.map((port) => portLine(port, 'in')),
    ...design.outputs.map((port) => portLine(port, 'out')),
    '',
    `\`${TESTBENCH_MODULE}.v\` drives \`in*.hex\` (${samples} samples, one word per line) and prints every output word it reads as`,
    '`OUT <port> <cycle> <word index> <hex>`; `out*_expected.hex` holds the words the bit-accurate simulator computes.',
    '',
    '    iverilog -g2005 -s ngt_tb -o sim.vvp *.v && vvp -n sim.vvp',
    '    verilator --binary --timing -Wall --top-module ngt_tb *.v && ./obj_dir/Vngt_tb',
    '',
  ].join('\n');
}
