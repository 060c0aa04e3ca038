// The testbench of a model's RTL: drives the inputs and reads the outputs with the source and sink
// policies of sim/engine.ts (sample k's tokens offered from cycle k * interval - 1 on, each written
// when the FIFO has room; a sink reading at most one token every `sinkInterval` cycles, and not in the
// cycles `sinkStalls` holds it not ready: the same hash, sim/sink-stalls.ts), and prints
// every output token it reads with its cycle: "OUT <port> <cycle> <token> <hex>". Cycle 0 is the first
// cycle after reset in which a word can be valid (sample 0's first token is written at the end of
// cycle -1), as in the cycle simulator.
import { sinkStallsVerilog, type SinkStalls } from '../sink-stalls.js';
import type { RtlDesign } from './top.js';

export interface TestbenchOptions {
  /** Samples driven. */
  readonly samples: number;
  /** Cycles between sample arrivals (0: as fast as accepted). */
  readonly interval: number;
  /** The sinks read at most one token every this many cycles. */
  readonly sinkInterval: number;
  /** Random ready stalls of the sinks besides sinkInterval; absent: none. */
  readonly sinkStalls?: SinkStalls;
  /** Stop (and say so) after this many cycles. */
  readonly maxCycles: number;
  /** Per input port: the file of its tokens, one hex word per line ($readmemh). */
  readonly inputFiles: readonly string[];
}

export const TESTBENCH_MODULE = 'ngt_tb';

export function testbenchVerilog(design: RtlDesign, options: TestbenchOptions): string {
  const lines: string[] = [
    '// ngt co-simulation testbench: the source and sink policies of sim/engine.ts.',
    `module ${TESTBENCH_MODULE};`,
    '  reg clk = 1\'b0;',
    '  initial forever #1 clk = ~clk;',
    // Two cycles of reset; the first cycle after it is cycle -1, whose edge writes sample 0's first token.
    '  reg [1:0] resets = 2\'d0;',
    '  wire rst = resets != 2\'d2;',
    '  integer cycle = -1;',
  ];
  if (options.sinkStalls) lines.push(...sinkStallsVerilog(options.sinkStalls));
  const connections = ['.clk(clk)', '.rst(rst)'];
  design.inputs.forEach((port, k) => {
    const total = options.samples * port.tokensPerSample;
    lines.push(
      `  reg [${port.bits - 1}:0] in${k}_tokens [0:${Math.max(total, 1) - 1}];`,
      `  integer in${k}_written = 0;`,
      // Token t belongs to sample floor(t / tokensPerSample), which arrives in cycle sample * interval.
      `  wire in${k}_valid = (cycle >= -1) && (in${k}_written < ${total}) && ((in${k}_written / ${port.tokensPerSample}) * ${options.interval} <= cycle + 1);`,
      `  wire in${k}_ready;`,
      `  wire [${port.bits - 1}:0] in${k}_data = in${k}_tokens[in${k}_written < ${total} ? in${k}_written : 0];`,
    );
    connections.push(`.in${k}_valid(in${k}_valid)`, `.in${k}_data(in${k}_data)`, `.in${k}_ready(in${k}_ready)`);
  });
  design.outputs.forEach((port, k) => {
    lines.push(
      `  integer out${k}_read = 0;`,
      `  integer out${k}_next = 0;`,
      `  wire out${k}_ready = (cycle >= 0) && (cycle >= out${k}_next)${options.sinkStalls ? ` && !ngt_stalled(${k}, cycle)` : ''};`,
      `  wire out${k}_valid;`,
      `  wire [${port.bits - 1}:0] out${k}_data;`,
    );
    connections.push(`.out${k}_read(out${k}_ready)`, `.out${k}_valid(out${k}_valid)`, `.out${k}_data(out${k}_data)`);
  });
  lines.push(`  ${design.top} dut (${connections.join(', ')});`);
  const done = design.outputs.map((port, k) => `(out${k}_read >= ${options.samples * port.tokensPerSample})`).join(' && ') || "1'b1";
  lines.push('  initial begin');
  design.inputs.forEach((_, k) => lines.push(`    $readmemh("${options.inputFiles[k] ?? ''}", in${k}_tokens);`));
  lines.push('  end');
  lines.push('  always @(posedge clk) begin', "    if (rst) resets <= resets + 2'd1;", '    else begin');
  design.inputs.forEach((_, k) => lines.push(`      if (in${k}_valid && in${k}_ready) in${k}_written <= in${k}_written + 1;`));
  design.outputs.forEach((_, k) =>
    lines.push(
      `      if (out${k}_ready && out${k}_valid) begin`,
      `        $display("OUT ${k} %0d %0d %h", cycle, out${k}_read, out${k}_data);`,
      `        out${k}_read <= out${k}_read + 1;`,
      `        out${k}_next <= cycle + ${options.sinkInterval};`,
      '      end',
    ),
  );
  lines.push('      cycle <= cycle + 1;', `      if (cycle >= ${options.maxCycles}) begin`, '        $display("LIMIT %0d", cycle);', '        $finish;', '      end', '    end', '  end');
  // Finish one cycle after the last read is logged (its counter has moved by then).
  lines.push(`  always @(negedge clk) if (!rst && ${done}) begin $display("DONE %0d", cycle); $finish; end`);
  lines.push('endmodule', '');
  return lines.join('\n');
}
