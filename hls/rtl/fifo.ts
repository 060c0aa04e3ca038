// The stream between two processes, in Verilog: a FIFO of DEPTH words whose read takes effect at once
// and whose write lands at the clock edge (valid from the next cycle), with write_ready = !full || read:
// a word read in a cycle frees its slot for a write in the same cycle, exactly as sim/engine.ts runs
// it (consumers before producers). Depth 1 is io_parallel's register slice.
export const FIFO_MODULE = 'ngt_fifo';

export const fifoVerilog = `// ngt stream FIFO: read at once, write at the edge, write_ready = !full || read (sim/engine.ts).
module ${FIFO_MODULE} #(
  parameter WIDTH = 1,
  parameter DEPTH = 1,
  parameter AW = 1
) (
  input wire clk,
  input wire rst,
  input wire write,
  input wire [WIDTH-1:0] write_data,
  output wire write_ready,
  input wire read,
  output wire read_valid,
  output wire [WIDTH-1:0] read_data
);
  localparam [AW:0] FULL = DEPTH[AW:0];
  localparam [AW-1:0] LAST = DEPTH[AW-1:0] - {{(AW-1){1'b0}}, 1'b1};
  reg [WIDTH-1:0] slots [0:DEPTH-1];
  reg [AW-1:0] head;
  reg [AW-1:0] tail;
  reg [AW:0] count;
  assign read_valid = count != {(AW+1){1'b0}};
  assign read_data = slots[head];
  assign write_ready = (count != FULL) || read;
  always @(posedge clk) begin
    if (rst) begin
      head <= {AW{1'b0}};
      tail <= {AW{1'b0}};
      count <= {(AW+1){1'b0}};
    end else begin
      if (write) begin
        slots[tail] <= write_data;
        tail <= (tail == LAST) ? {AW{1'b0}} : tail + {{(AW-1){1'b0}}, 1'b1};
      end
      if (read) head <= (head == LAST) ? {AW{1'b0}} : head + {{(AW-1){1'b0}}, 1'b1};
      count <= count + {{AW{1'b0}}, write} - {{AW{1'b0}}, read};
    end
  end
endmodule
`;

/** Address bits of a FIFO of `depth` words (at least 1). */
export function fifoAddressBits(depth: number): number {
  return Math.max(1, Math.ceil(Math.log2(depth)));
}
