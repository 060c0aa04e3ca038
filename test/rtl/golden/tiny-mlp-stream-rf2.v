// ===== ngt_fifo.v
// ngt stream FIFO: read at once, write at the edge, write_ready = !full || read (sim/engine.ts).
module ngt_fifo #(
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

// ===== p0_fc1.v
module p0_fc1 (
  input wire clk,
  input wire rst,
  input wire in0_valid,
  input wire [23:0] in0_data,
  input wire out0_ready,
  output wire in0_read,
  output wire out_write,
  output wire [31:0] out_data
);
  wire issue;
  wire want_write;
  wire stall;
  wire signed [7:0] dense_x0;
  wire signed [15:0] dense_p0_0;
  wire signed [7:0] dense_q0_0;
  wire signed [7:0] dense_x1;
  wire signed [15:0] dense_p0_1;
  wire signed [7:0] dense_q0_1;
  wire signed [7:0] dense_x2;
  wire signed [15:0] dense_p0_2;
  wire signed [7:0] dense_q0_2;
  wire signed [7:0] dense_acc0;
  wire signed [15:0] dense_p1_3;
  wire signed [7:0] dense_q1_3;
  wire signed [15:0] dense_p1_4;
  wire signed [7:0] dense_q1_4;
  wire signed [15:0] dense_p1_5;
  wire signed [7:0] dense_q1_5;
  wire signed [7:0] dense_acc1;
  wire signed [15:0] dense_p2_6;
  wire signed [7:0] dense_q2_6;
  wire signed [15:0] dense_p2_7;
  wire signed [7:0] dense_q2_7;
  wire signed [15:0] dense_p2_8;
  wire signed [7:0] dense_q2_8;
  wire signed [7:0] dense_acc2;
  wire signed [15:0] dense_p3_9;
  wire signed [7:0] dense_q3_9;
  wire signed [15:0] dense_p3_10;
  wire signed [7:0] dense_q3_10;
  wire signed [15:0] dense_p3_11;
  wire signed [7:0] dense_q3_11;
  wire signed [7:0] dense_acc3;
  wire [31:0] dense_out;
  assign issue = ~rst & in0_valid;
  assign want_write = issue;
  assign stall = want_write & ~(out0_ready);
  assign in0_read = issue & ~stall;
  assign dense_x0 = in0_data[7:0];
  assign dense_p0_0 = -($signed({{8{dense_x0[7]}}, dense_x0}) * 16'sd29);
  assign dense_q0_0 = dense_p0_0[12:5];
  assign dense_x1 = in0_data[15:8];
  assign dense_p0_1 = $signed({{8{dense_x1[7]}}, dense_x1}) * 16'sd1;
  assign dense_q0_1 = dense_p0_1[12:5];
  assign dense_x2 = in0_data[23:16];
  assign dense_p0_2 = $signed({{8{dense_x2[7]}}, dense_x2}) * 16'sd3;
  assign dense_q0_2 = dense_p0_2[12:5];
  assign dense_acc0 = 8'hfb + dense_q0_0 + dense_q0_1 + dense_q0_2;
  assign dense_p1_3 = -($signed({{8{dense_x0[7]}}, dense_x0}) * 16'sd26);
  assign dense_q1_3 = dense_p1_3[12:5];
  assign dense_p1_4 = -($signed({{8{dense_x1[7]}}, dense_x1}) * 16'sd6);
  assign dense_q1_4 = dense_p1_4[12:5];
  assign dense_p1_5 = $signed({{8{dense_x2[7]}}, dense_x2}) * 16'sd13;
  assign dense_q1_5 = dense_p1_5[12:5];
  assign dense_acc1 = 8'h1 + dense_q1_3 + dense_q1_4 + dense_q1_5;
  assign dense_p2_6 = $signed({{8{dense_x0[7]}}, dense_x0}) * 16'sd27;
  assign dense_q2_6 = dense_p2_6[12:5];
  assign dense_p2_7 = -($signed({{8{dense_x1[7]}}, dense_x1}) * 16'sd2);
  assign dense_q2_7 = dense_p2_7[12:5];
  assign dense_p2_8 = -($signed({{8{dense_x2[7]}}, dense_x2}) * 16'sd14);
  assign dense_q2_8 = dense_p2_8[12:5];
  assign dense_acc2 = 8'hfd + dense_q2_6 + dense_q2_7 + dense_q2_8;
  assign dense_p3_9 = $signed({{8{dense_x0[7]}}, dense_x0}) * 16'sd11;
  assign dense_q3_9 = dense_p3_9[12:5];
  assign dense_p3_10 = -($signed({{8{dense_x1[7]}}, dense_x1}) * 16'sd15);
  assign dense_q3_10 = dense_p3_10[12:5];
  assign dense_p3_11 = -($signed({{8{dense_x2[7]}}, dense_x2}) * 16'sd20);
  assign dense_q3_11 = dense_p3_11[12:5];
  assign dense_acc3 = 8'h2 + dense_q3_9 + dense_q3_10 + dense_q3_11;
  assign dense_out = {dense_acc3, dense_acc2, dense_acc1, dense_acc0};
  assign out_write = want_write & ~stall;
  assign out_data = dense_out;
  wire unused_clock = clk ^ rst;
  wire unused_dense_p0_0 = ^{dense_p0_0[0], dense_p0_0[1], dense_p0_0[2], dense_p0_0[3], dense_p0_0[4], dense_p0_0[13], dense_p0_0[14], dense_p0_0[15]};
  wire unused_dense_p0_1 = ^{dense_p0_1[0], dense_p0_1[1], dense_p0_1[2], dense_p0_1[3], dense_p0_1[4], dense_p0_1[13], dense_p0_1[14], dense_p0_1[15]};
  wire unused_dense_p0_2 = ^{dense_p0_2[0], dense_p0_2[1], dense_p0_2[2], dense_p0_2[3], dense_p0_2[4], dense_p0_2[13], dense_p0_2[14], dense_p0_2[15]};
  wire unused_dense_p1_3 = ^{dense_p1_3[0], dense_p1_3[1], dense_p1_3[2], dense_p1_3[3], dense_p1_3[4], dense_p1_3[13], dense_p1_3[14], dense_p1_3[15]};
  wire unused_dense_p1_4 = ^{dense_p1_4[0], dense_p1_4[1], dense_p1_4[2], dense_p1_4[3], dense_p1_4[4], dense_p1_4[13], dense_p1_4[14], dense_p1_4[15]};
  wire unused_dense_p1_5 = ^{dense_p1_5[0], dense_p1_5[1], dense_p1_5[2], dense_p1_5[3], dense_p1_5[4], dense_p1_5[13], dense_p1_5[14], dense_p1_5[15]};
  wire unused_dense_p2_6 = ^{dense_p2_6[0], dense_p2_6[1], dense_p2_6[2], dense_p2_6[3], dense_p2_6[4], dense_p2_6[13], dense_p2_6[14], dense_p2_6[15]};
  wire unused_dense_p2_7 = ^{dense_p2_7[0], dense_p2_7[1], dense_p2_7[2], dense_p2_7[3], dense_p2_7[4], dense_p2_7[13], dense_p2_7[14], dense_p2_7[15]};
  wire unused_dense_p2_8 = ^{dense_p2_8[0], dense_p2_8[1], dense_p2_8[2], dense_p2_8[3], dense_p2_8[4], dense_p2_8[13], dense_p2_8[14], dense_p2_8[15]};
  wire unused_dense_p3_9 = ^{dense_p3_9[0], dense_p3_9[1], dense_p3_9[2], dense_p3_9[3], dense_p3_9[4], dense_p3_9[13], dense_p3_9[14], dense_p3_9[15]};
  wire unused_dense_p3_10 = ^{dense_p3_10[0], dense_p3_10[1], dense_p3_10[2], dense_p3_10[3], dense_p3_10[4], dense_p3_10[13], dense_p3_10[14], dense_p3_10[15]};
  wire unused_dense_p3_11 = ^{dense_p3_11[0], dense_p3_11[1], dense_p3_11[2], dense_p3_11[3], dense_p3_11[4], dense_p3_11[13], dense_p3_11[14], dense_p3_11[15]};
endmodule

// ===== p1_fc2.v
module p1_fc2 (
  input wire clk,
  input wire rst,
  input wire in0_valid,
  input wire [31:0] in0_data,
  input wire out0_ready,
  output wire in0_read,
  output wire out_write,
  output wire [23:0] out_data
);
  reg [1:0] elapsed;
  wire time_ok;
  wire issue;
  reg [4:0] pipe_valid;
  wire want_write;
  wire stall;
  wire signed [7:0] act_x0;
  wire signed [7:0] act_x1;
  wire signed [7:0] act_x2;
  wire signed [7:0] act_x3;
  wire pos;
  wire signed [7:0] act_y0;
  wire pos_0;
  wire signed [7:0] act_y1;
  wire pos_1;
  wire signed [7:0] act_y2;
  wire pos_2;
  wire signed [7:0] act_y3;
  wire [31:0] act_out;
  wire signed [7:0] dense_x0;
  wire signed [15:0] dense_p0_0;
  wire signed [7:0] dense_q0_0;
  wire signed [7:0] dense_x2;
  wire signed [15:0] dense_p0_1;
  wire signed [7:0] dense_q0_1;
  wire signed [7:0] dense_x1;
  wire signed [15:0] dense_p0_2;
  wire signed [7:0] dense_q0_2;
  wire signed [7:0] dense_x3;
  wire signed [15:0] dense_p0_3;
  wire signed [7:0] dense_q0_3;
  wire signed [7:0] dense_acc0;
  wire signed [15:0] dense_p1_4;
  wire signed [7:0] dense_q1_4;
  wire signed [15:0] dense_p1_5;
  wire signed [7:0] dense_q1_5;
  wire signed [15:0] dense_p1_6;
  wire signed [7:0] dense_q1_6;
  wire signed [15:0] dense_p1_7;
  wire signed [7:0] dense_q1_7;
  wire signed [7:0] dense_acc1;
  wire signed [15:0] dense_p2_8;
  wire signed [7:0] dense_q2_8;
  wire signed [15:0] dense_p2_9;
  wire signed [7:0] dense_q2_9;
  wire signed [15:0] dense_p2_10;
  wire signed [7:0] dense_q2_10;
  wire signed [15:0] dense_p2_11;
  wire signed [7:0] dense_q2_11;
  wire signed [7:0] dense_acc2;
  wire [23:0] dense_out;
  reg [23:0] pipe_data1;
  reg [23:0] pipe_data2;
  reg [23:0] pipe_data3;
  reg [23:0] pipe_data4;
  reg [23:0] pipe_data5;
  assign time_ok = elapsed >= 2'h2;
  assign issue = ~rst & time_ok & in0_valid;
  assign want_write = pipe_valid[4];
  assign stall = want_write & ~(out0_ready);
  assign in0_read = issue & ~stall;
  assign act_x0 = in0_data[7:0];
  assign act_x1 = in0_data[15:8];
  assign act_x2 = in0_data[23:16];
  assign act_x3 = in0_data[31:24];
  assign pos = ~act_x0[7] & (|act_x0);
  assign act_y0 = pos ? act_x0 : 8'h0;
  assign pos_0 = ~act_x1[7] & (|act_x1);
  assign act_y1 = pos_0 ? act_x1 : 8'h0;
  assign pos_1 = ~act_x2[7] & (|act_x2);
  assign act_y2 = pos_1 ? act_x2 : 8'h0;
  assign pos_2 = ~act_x3[7] & (|act_x3);
  assign act_y3 = pos_2 ? act_x3 : 8'h0;
  assign act_out = {act_y3, act_y2, act_y1, act_y0};
  assign dense_x0 = act_out[7:0];
  assign dense_p0_0 = -($signed({{8{dense_x0[7]}}, dense_x0}) * 16'sd18);
  assign dense_q0_0 = dense_p0_0[12:5];
  assign dense_x2 = act_out[23:16];
  assign dense_p0_1 = -($signed({{8{dense_x2[7]}}, dense_x2}) * 16'sd14);
  assign dense_q0_1 = dense_p0_1[12:5];
  assign dense_x1 = act_out[15:8];
  assign dense_p0_2 = $signed({{8{dense_x1[7]}}, dense_x1}) * 16'sd18;
  assign dense_q0_2 = dense_p0_2[12:5];
  assign dense_x3 = act_out[31:24];
  assign dense_p0_3 = $signed({{8{dense_x3[7]}}, dense_x3}) * 16'sd7;
  assign dense_q0_3 = dense_p0_3[12:5];
  assign dense_acc0 = 8'h0 + dense_q0_0 + dense_q0_1 + dense_q0_2 + dense_q0_3;
  assign dense_p1_4 = $signed({{8{dense_x0[7]}}, dense_x0}) * 16'sd20;
  assign dense_q1_4 = dense_p1_4[12:5];
  assign dense_p1_5 = $signed({{8{dense_x2[7]}}, dense_x2}) * 16'sd24;
  assign dense_q1_5 = dense_p1_5[12:5];
  assign dense_p1_6 = $signed({{8{dense_x1[7]}}, dense_x1}) * 16'sd12;
  assign dense_q1_6 = dense_p1_6[12:5];
  assign dense_p1_7 = $signed({{8{dense_x3[7]}}, dense_x3}) * 16'sd11;
  assign dense_q1_7 = dense_p1_7[12:5];
  assign dense_acc1 = 8'h5 + dense_q1_4 + dense_q1_5 + dense_q1_6 + dense_q1_7;
  assign dense_p2_8 = -($signed({{8{dense_x0[7]}}, dense_x0}) * 16'sd21);
  assign dense_q2_8 = dense_p2_8[12:5];
  assign dense_p2_9 = -($signed({{8{dense_x2[7]}}, dense_x2}) * 16'sd22);
  assign dense_q2_9 = dense_p2_9[12:5];
  assign dense_p2_10 = $signed({{8{dense_x1[7]}}, dense_x1}) * 16'sd10;
  assign dense_q2_10 = dense_p2_10[12:5];
  assign dense_p2_11 = $signed({{8{dense_x3[7]}}, dense_x3}) * 16'sd5;
  assign dense_q2_11 = dense_p2_11[12:5];
  assign dense_acc2 = 8'h2 + dense_q2_8 + dense_q2_9 + dense_q2_10 + dense_q2_11;
  assign dense_out = {dense_acc2, dense_acc1, dense_acc0};
  assign out_write = want_write & ~stall;
  assign out_data = pipe_data5;
  always @(posedge clk) begin
    if (rst) begin
      pipe_valid <= 5'h0;
      elapsed <= 2'h2;
    end else if (~stall) begin
      pipe_valid <= {pipe_valid[3:0], issue};
      pipe_data1 <= dense_out;
      pipe_data2 <= pipe_data1;
      pipe_data3 <= pipe_data2;
      pipe_data4 <= pipe_data3;
      pipe_data5 <= pipe_data4;
      elapsed <= issue ? 2'h1 : (time_ok ? elapsed : elapsed + 2'h1);
    end
  end
  wire unused_dense_p0_0 = ^{dense_p0_0[0], dense_p0_0[1], dense_p0_0[2], dense_p0_0[3], dense_p0_0[4], dense_p0_0[13], dense_p0_0[14], dense_p0_0[15]};
  wire unused_dense_p0_1 = ^{dense_p0_1[0], dense_p0_1[1], dense_p0_1[2], dense_p0_1[3], dense_p0_1[4], dense_p0_1[13], dense_p0_1[14], dense_p0_1[15]};
  wire unused_dense_p0_2 = ^{dense_p0_2[0], dense_p0_2[1], dense_p0_2[2], dense_p0_2[3], dense_p0_2[4], dense_p0_2[13], dense_p0_2[14], dense_p0_2[15]};
  wire unused_dense_p0_3 = ^{dense_p0_3[0], dense_p0_3[1], dense_p0_3[2], dense_p0_3[3], dense_p0_3[4], dense_p0_3[13], dense_p0_3[14], dense_p0_3[15]};
  wire unused_dense_p1_4 = ^{dense_p1_4[0], dense_p1_4[1], dense_p1_4[2], dense_p1_4[3], dense_p1_4[4], dense_p1_4[13], dense_p1_4[14], dense_p1_4[15]};
  wire unused_dense_p1_5 = ^{dense_p1_5[0], dense_p1_5[1], dense_p1_5[2], dense_p1_5[3], dense_p1_5[4], dense_p1_5[13], dense_p1_5[14], dense_p1_5[15]};
  wire unused_dense_p1_6 = ^{dense_p1_6[0], dense_p1_6[1], dense_p1_6[2], dense_p1_6[3], dense_p1_6[4], dense_p1_6[13], dense_p1_6[14], dense_p1_6[15]};
  wire unused_dense_p1_7 = ^{dense_p1_7[0], dense_p1_7[1], dense_p1_7[2], dense_p1_7[3], dense_p1_7[4], dense_p1_7[13], dense_p1_7[14], dense_p1_7[15]};
  wire unused_dense_p2_8 = ^{dense_p2_8[0], dense_p2_8[1], dense_p2_8[2], dense_p2_8[3], dense_p2_8[4], dense_p2_8[13], dense_p2_8[14], dense_p2_8[15]};
  wire unused_dense_p2_9 = ^{dense_p2_9[0], dense_p2_9[1], dense_p2_9[2], dense_p2_9[3], dense_p2_9[4], dense_p2_9[13], dense_p2_9[14], dense_p2_9[15]};
  wire unused_dense_p2_10 = ^{dense_p2_10[0], dense_p2_10[1], dense_p2_10[2], dense_p2_10[3], dense_p2_10[4], dense_p2_10[13], dense_p2_10[14], dense_p2_10[15]};
  wire unused_dense_p2_11 = ^{dense_p2_11[0], dense_p2_11[1], dense_p2_11[2], dense_p2_11[3], dense_p2_11[4], dense_p2_11[13], dense_p2_11[14], dense_p2_11[15]};
endmodule

// ===== p2_softmax.v
module p2_softmax (
  input wire clk,
  input wire rst,
  input wire in0_valid,
  input wire [23:0] in0_data,
  input wire out0_ready,
  output wire in0_read,
  output wire out_write,
  output wire [23:0] out_data
);
  wire issue;
  reg [1:0] pipe_valid;
  wire want_write;
  wire stall;
  wire signed [7:0] sm_x0;
  wire signed [7:0] sm_x1;
  wire signed [7:0] sm_x2;
  wire signed [7:0] sm0_max;
  wire signed [7:0] sm0_max_0;
  wire signed [8:0] sm0_d0;
  wire [6:0] sm0_n0;
  wire signed [8:0] sm0_d1;
  wire [6:0] sm0_n1;
  wire signed [8:0] sm0_d2;
  wire [6:0] sm0_n2;
  wire signed [17:0] sm0_t0;
  wire signed [7:0] sm0_e0;
  wire signed [17:0] sm0_t1;
  wire signed [7:0] sm0_e1;
  wire signed [17:0] sm0_t2;
  wire signed [7:0] sm0_e2;
  wire signed [8:0] sm0_s;
  wire signed [7:0] sm0_sum;
  wire signed [8:0] sm0_s_1;
  wire signed [7:0] sm0_sum_2;
  wire signed [17:0] sm0_total;
  wire signed [17:0] sm0_inv;
  wire signed [25:0] sm0_p0;
  wire signed [7:0] sm0_y0;
  wire signed [25:0] sm0_p1;
  wire signed [7:0] sm0_y1;
  wire signed [25:0] sm0_p2;
  wire signed [7:0] sm0_y2;
  wire [23:0] sm_out;
  reg [23:0] pipe_data1;
  reg [23:0] pipe_data2;
  assign issue = ~rst & in0_valid;
  assign want_write = pipe_valid[1];
  assign stall = want_write & ~(out0_ready);
  assign in0_read = issue & ~stall;
  function [17:0] exp_rom;
    input [6:0] index;
    begin
      case (index)
        7'h0: exp_rom = 18'h400;
        7'h1: exp_rom = 18'h3e0;
        7'h2: exp_rom = 18'h3c2;
        7'h3: exp_rom = 18'h3a4;
        7'h4: exp_rom = 18'h388;
        7'h5: exp_rom = 18'h36c;
        7'h6: exp_rom = 18'h351;
        7'h7: exp_rom = 18'h337;
        7'h8: exp_rom = 18'h31d;
        7'h9: exp_rom = 18'h305;
        7'ha: exp_rom = 18'h2ed;
        7'hb: exp_rom = 18'h2d6;
        7'hc: exp_rom = 18'h2c0;
        7'hd: exp_rom = 18'h2aa;
        7'he: exp_rom = 18'h295;
        7'hf: exp_rom = 18'h281;
        7'h10: exp_rom = 18'h26d;
        7'h11: exp_rom = 18'h25a;
        7'h12: exp_rom = 18'h247;
        7'h13: exp_rom = 18'h236;
        7'h14: exp_rom = 18'h224;
        7'h15: exp_rom = 18'h213;
        7'h16: exp_rom = 18'h203;
        7'h17: exp_rom = 18'h1f3;
        7'h18: exp_rom = 18'h1e4;
        7'h19: exp_rom = 18'h1d5;
        7'h1a: exp_rom = 18'h1c6;
        7'h1b: exp_rom = 18'h1b8;
        7'h1c: exp_rom = 18'h1ab;
        7'h1d: exp_rom = 18'h19e;
        7'h1e: exp_rom = 18'h191;
        7'h1f: exp_rom = 18'h185;
        7'h20: exp_rom = 18'h179;
        7'h21: exp_rom = 18'h16d;
        7'h22: exp_rom = 18'h162;
        7'h23: exp_rom = 18'h157;
        7'h24: exp_rom = 18'h14c;
        7'h25: exp_rom = 18'h142;
        7'h26: exp_rom = 18'h138;
        7'h27: exp_rom = 18'h12f;
        7'h28: exp_rom = 18'h125;
        7'h29: exp_rom = 18'h11c;
        7'h2a: exp_rom = 18'h114;
        7'h2b: exp_rom = 18'h10b;
        7'h2c: exp_rom = 18'h103;
        7'h2d: exp_rom = 18'hfb;
        7'h2e: exp_rom = 18'hf3;
        7'h2f: exp_rom = 18'hec;
        7'h30: exp_rom = 18'he4;
        7'h31: exp_rom = 18'hdd;
        7'h32: exp_rom = 18'hd7;
        7'h33: exp_rom = 18'hd0;
        7'h34: exp_rom = 18'hca;
        7'h35: exp_rom = 18'hc3;
        7'h36: exp_rom = 18'hbd;
        7'h37: exp_rom = 18'hb8;
        7'h38: exp_rom = 18'hb2;
        7'h39: exp_rom = 18'hac;
        7'h3a: exp_rom = 18'ha7;
        7'h3b: exp_rom = 18'ha2;
        7'h3c: exp_rom = 18'h9d;
        7'h3d: exp_rom = 18'h98;
        7'h3e: exp_rom = 18'h94;
        7'h3f: exp_rom = 18'h8f;
        7'h40: exp_rom = 18'h8b;
        7'h41: exp_rom = 18'h86;
        7'h42: exp_rom = 18'h82;
        7'h43: exp_rom = 18'h7e;
        7'h44: exp_rom = 18'h7a;
        7'h45: exp_rom = 18'h77;
        7'h46: exp_rom = 18'h73;
        7'h47: exp_rom = 18'h6f;
        7'h48: exp_rom = 18'h6c;
        7'h49: exp_rom = 18'h69;
        7'h4a: exp_rom = 18'h65;
        7'h4b: exp_rom = 18'h62;
        7'h4c: exp_rom = 18'h5f;
        7'h4d: exp_rom = 18'h5c;
        7'h4e: exp_rom = 18'h59;
        7'h4f: exp_rom = 18'h57;
        7'h50: exp_rom = 18'h54;
        7'h51: exp_rom = 18'h51;
        7'h52: exp_rom = 18'h4f;
        7'h53: exp_rom = 18'h4d;
        7'h54: exp_rom = 18'h4a;
        7'h55: exp_rom = 18'h48;
        7'h56: exp_rom = 18'h46;
        7'h57: exp_rom = 18'h44;
        7'h58: exp_rom = 18'h41;
        7'h59: exp_rom = 18'h3f;
        7'h5a: exp_rom = 18'h3d;
        7'h5b: exp_rom = 18'h3c;
        7'h5c: exp_rom = 18'h3a;
        7'h5d: exp_rom = 18'h38;
        7'h5e: exp_rom = 18'h36;
        7'h5f: exp_rom = 18'h35;
        7'h60: exp_rom = 18'h33;
        7'h61: exp_rom = 18'h31;
        7'h62: exp_rom = 18'h30;
        7'h63: exp_rom = 18'h2e;
        7'h64: exp_rom = 18'h2d;
        7'h65: exp_rom = 18'h2c;
        7'h66: exp_rom = 18'h2a;
        7'h67: exp_rom = 18'h29;
        7'h68: exp_rom = 18'h28;
        7'h69: exp_rom = 18'h26;
        7'h6a: exp_rom = 18'h25;
        7'h6b: exp_rom = 18'h24;
        7'h6c: exp_rom = 18'h23;
        7'h6d: exp_rom = 18'h22;
        7'h6e: exp_rom = 18'h21;
        7'h6f: exp_rom = 18'h20;
        7'h70: exp_rom = 18'h1f;
        7'h71: exp_rom = 18'h1e;
        7'h72: exp_rom = 18'h1d;
        7'h73: exp_rom = 18'h1c;
        7'h74: exp_rom = 18'h1b;
        7'h75: exp_rom = 18'h1a;
        7'h76: exp_rom = 18'h1a;
        7'h77: exp_rom = 18'h19;
        7'h78: exp_rom = 18'h18;
        7'h79: exp_rom = 18'h17;
        7'h7a: exp_rom = 18'h17;
        7'h7b: exp_rom = 18'h16;
        7'h7c: exp_rom = 18'h15;
        7'h7d: exp_rom = 18'h15;
        7'h7e: exp_rom = 18'h14;
        7'h7f: exp_rom = 18'h13;
        default: exp_rom = 18'h0;
      endcase
    end
  endfunction
  function [17:0] inv_rom;
    input [7:0] index;
    begin
      case (index)
        8'h0: inv_rom = 18'h1ffff;
        8'h1: inv_rom = 18'h400;
        8'h2: inv_rom = 18'h200;
        8'h3: inv_rom = 18'h155;
        8'h4: inv_rom = 18'h100;
        8'h5: inv_rom = 18'hcd;
        8'h6: inv_rom = 18'hab;
        8'h7: inv_rom = 18'h92;
        8'h8: inv_rom = 18'h80;
        8'h9: inv_rom = 18'h72;
        8'ha: inv_rom = 18'h66;
        8'hb: inv_rom = 18'h5d;
        8'hc: inv_rom = 18'h55;
        8'hd: inv_rom = 18'h4f;
        8'he: inv_rom = 18'h49;
        8'hf: inv_rom = 18'h44;
        8'h10: inv_rom = 18'h40;
        8'h11: inv_rom = 18'h3c;
        8'h12: inv_rom = 18'h39;
        8'h13: inv_rom = 18'h36;
        8'h14: inv_rom = 18'h33;
        8'h15: inv_rom = 18'h31;
        8'h16: inv_rom = 18'h2f;
        8'h17: inv_rom = 18'h2d;
        8'h18: inv_rom = 18'h2b;
        8'h19: inv_rom = 18'h29;
        8'h1a: inv_rom = 18'h27;
        8'h1b: inv_rom = 18'h26;
        8'h1c: inv_rom = 18'h25;
        8'h1d: inv_rom = 18'h23;
        8'h1e: inv_rom = 18'h22;
        8'h1f: inv_rom = 18'h21;
        8'h20: inv_rom = 18'h20;
        8'h21: inv_rom = 18'h1f;
        8'h22: inv_rom = 18'h1e;
        8'h23: inv_rom = 18'h1d;
        8'h24: inv_rom = 18'h1c;
        8'h25: inv_rom = 18'h1c;
        8'h26: inv_rom = 18'h1b;
        8'h27: inv_rom = 18'h1a;
        8'h28: inv_rom = 18'h1a;
        8'h29: inv_rom = 18'h19;
        8'h2a: inv_rom = 18'h18;
        8'h2b: inv_rom = 18'h18;
        8'h2c: inv_rom = 18'h17;
        8'h2d: inv_rom = 18'h17;
        8'h2e: inv_rom = 18'h16;
        8'h2f: inv_rom = 18'h16;
        8'h30: inv_rom = 18'h15;
        8'h31: inv_rom = 18'h15;
        8'h32: inv_rom = 18'h14;
        8'h33: inv_rom = 18'h14;
        8'h34: inv_rom = 18'h14;
        8'h35: inv_rom = 18'h13;
        8'h36: inv_rom = 18'h13;
        8'h37: inv_rom = 18'h13;
        8'h38: inv_rom = 18'h12;
        8'h39: inv_rom = 18'h12;
        8'h3a: inv_rom = 18'h12;
        8'h3b: inv_rom = 18'h11;
        8'h3c: inv_rom = 18'h11;
        8'h3d: inv_rom = 18'h11;
        8'h3e: inv_rom = 18'h11;
        8'h3f: inv_rom = 18'h10;
        8'h40: inv_rom = 18'h10;
        8'h41: inv_rom = 18'h10;
        8'h42: inv_rom = 18'h10;
        8'h43: inv_rom = 18'hf;
        8'h44: inv_rom = 18'hf;
        8'h45: inv_rom = 18'hf;
        8'h46: inv_rom = 18'hf;
        8'h47: inv_rom = 18'he;
        8'h48: inv_rom = 18'he;
        8'h49: inv_rom = 18'he;
        8'h4a: inv_rom = 18'he;
        8'h4b: inv_rom = 18'he;
        8'h4c: inv_rom = 18'hd;
        8'h4d: inv_rom = 18'hd;
        8'h4e: inv_rom = 18'hd;
        8'h4f: inv_rom = 18'hd;
        8'h50: inv_rom = 18'hd;
        8'h51: inv_rom = 18'hd;
        8'h52: inv_rom = 18'hc;
        8'h53: inv_rom = 18'hc;
        8'h54: inv_rom = 18'hc;
        8'h55: inv_rom = 18'hc;
        8'h56: inv_rom = 18'hc;
        8'h57: inv_rom = 18'hc;
        8'h58: inv_rom = 18'hc;
        8'h59: inv_rom = 18'hc;
        8'h5a: inv_rom = 18'hb;
        8'h5b: inv_rom = 18'hb;
        8'h5c: inv_rom = 18'hb;
        8'h5d: inv_rom = 18'hb;
        8'h5e: inv_rom = 18'hb;
        8'h5f: inv_rom = 18'hb;
        8'h60: inv_rom = 18'hb;
        8'h61: inv_rom = 18'hb;
        8'h62: inv_rom = 18'ha;
        8'h63: inv_rom = 18'ha;
        8'h64: inv_rom = 18'ha;
        8'h65: inv_rom = 18'ha;
        8'h66: inv_rom = 18'ha;
        8'h67: inv_rom = 18'ha;
        8'h68: inv_rom = 18'ha;
        8'h69: inv_rom = 18'ha;
        8'h6a: inv_rom = 18'ha;
        8'h6b: inv_rom = 18'ha;
        8'h6c: inv_rom = 18'h9;
        8'h6d: inv_rom = 18'h9;
        8'h6e: inv_rom = 18'h9;
        8'h6f: inv_rom = 18'h9;
        8'h70: inv_rom = 18'h9;
        8'h71: inv_rom = 18'h9;
        8'h72: inv_rom = 18'h9;
        8'h73: inv_rom = 18'h9;
        8'h74: inv_rom = 18'h9;
        8'h75: inv_rom = 18'h9;
        8'h76: inv_rom = 18'h9;
        8'h77: inv_rom = 18'h9;
        8'h78: inv_rom = 18'h9;
        8'h79: inv_rom = 18'h8;
        8'h7a: inv_rom = 18'h8;
        8'h7b: inv_rom = 18'h8;
        8'h7c: inv_rom = 18'h8;
        8'h7d: inv_rom = 18'h8;
        8'h7e: inv_rom = 18'h8;
        8'h7f: inv_rom = 18'h8;
        8'h80: inv_rom = 18'h3fff8;
        8'h81: inv_rom = 18'h3fff8;
        8'h82: inv_rom = 18'h3fff8;
        8'h83: inv_rom = 18'h3fff8;
        8'h84: inv_rom = 18'h3fff8;
        8'h85: inv_rom = 18'h3fff8;
        8'h86: inv_rom = 18'h3fff8;
        8'h87: inv_rom = 18'h3fff8;
        8'h88: inv_rom = 18'h3fff7;
        8'h89: inv_rom = 18'h3fff7;
        8'h8a: inv_rom = 18'h3fff7;
        8'h8b: inv_rom = 18'h3fff7;
        8'h8c: inv_rom = 18'h3fff7;
        8'h8d: inv_rom = 18'h3fff7;
        8'h8e: inv_rom = 18'h3fff7;
        8'h8f: inv_rom = 18'h3fff7;
        8'h90: inv_rom = 18'h3fff7;
        8'h91: inv_rom = 18'h3fff7;
        8'h92: inv_rom = 18'h3fff7;
        8'h93: inv_rom = 18'h3fff7;
        8'h94: inv_rom = 18'h3fff7;
        8'h95: inv_rom = 18'h3fff6;
        8'h96: inv_rom = 18'h3fff6;
        8'h97: inv_rom = 18'h3fff6;
        8'h98: inv_rom = 18'h3fff6;
        8'h99: inv_rom = 18'h3fff6;
        8'h9a: inv_rom = 18'h3fff6;
        8'h9b: inv_rom = 18'h3fff6;
        8'h9c: inv_rom = 18'h3fff6;
        8'h9d: inv_rom = 18'h3fff6;
        8'h9e: inv_rom = 18'h3fff6;
        8'h9f: inv_rom = 18'h3fff5;
        8'ha0: inv_rom = 18'h3fff5;
        8'ha1: inv_rom = 18'h3fff5;
        8'ha2: inv_rom = 18'h3fff5;
        8'ha3: inv_rom = 18'h3fff5;
        8'ha4: inv_rom = 18'h3fff5;
        8'ha5: inv_rom = 18'h3fff5;
        8'ha6: inv_rom = 18'h3fff5;
        8'ha7: inv_rom = 18'h3fff4;
        8'ha8: inv_rom = 18'h3fff4;
        8'ha9: inv_rom = 18'h3fff4;
        8'haa: inv_rom = 18'h3fff4;
        8'hab: inv_rom = 18'h3fff4;
        8'hac: inv_rom = 18'h3fff4;
        8'had: inv_rom = 18'h3fff4;
        8'hae: inv_rom = 18'h3fff4;
        8'haf: inv_rom = 18'h3fff3;
        8'hb0: inv_rom = 18'h3fff3;
        8'hb1: inv_rom = 18'h3fff3;
        8'hb2: inv_rom = 18'h3fff3;
        8'hb3: inv_rom = 18'h3fff3;
        8'hb4: inv_rom = 18'h3fff3;
        8'hb5: inv_rom = 18'h3fff2;
        8'hb6: inv_rom = 18'h3fff2;
        8'hb7: inv_rom = 18'h3fff2;
        8'hb8: inv_rom = 18'h3fff2;
        8'hb9: inv_rom = 18'h3fff2;
        8'hba: inv_rom = 18'h3fff1;
        8'hbb: inv_rom = 18'h3fff1;
        8'hbc: inv_rom = 18'h3fff1;
        8'hbd: inv_rom = 18'h3fff1;
        8'hbe: inv_rom = 18'h3fff0;
        8'hbf: inv_rom = 18'h3fff0;
        8'hc0: inv_rom = 18'h3fff0;
        8'hc1: inv_rom = 18'h3fff0;
        8'hc2: inv_rom = 18'h3ffef;
        8'hc3: inv_rom = 18'h3ffef;
        8'hc4: inv_rom = 18'h3ffef;
        8'hc5: inv_rom = 18'h3ffef;
        8'hc6: inv_rom = 18'h3ffee;
        8'hc7: inv_rom = 18'h3ffee;
        8'hc8: inv_rom = 18'h3ffee;
        8'hc9: inv_rom = 18'h3ffed;
        8'hca: inv_rom = 18'h3ffed;
        8'hcb: inv_rom = 18'h3ffed;
        8'hcc: inv_rom = 18'h3ffec;
        8'hcd: inv_rom = 18'h3ffec;
        8'hce: inv_rom = 18'h3ffec;
        8'hcf: inv_rom = 18'h3ffeb;
        8'hd0: inv_rom = 18'h3ffeb;
        8'hd1: inv_rom = 18'h3ffea;
        8'hd2: inv_rom = 18'h3ffea;
        8'hd3: inv_rom = 18'h3ffe9;
        8'hd4: inv_rom = 18'h3ffe9;
        8'hd5: inv_rom = 18'h3ffe8;
        8'hd6: inv_rom = 18'h3ffe8;
        8'hd7: inv_rom = 18'h3ffe7;
        8'hd8: inv_rom = 18'h3ffe6;
        8'hd9: inv_rom = 18'h3ffe6;
        8'hda: inv_rom = 18'h3ffe5;
        8'hdb: inv_rom = 18'h3ffe4;
        8'hdc: inv_rom = 18'h3ffe4;
        8'hdd: inv_rom = 18'h3ffe3;
        8'hde: inv_rom = 18'h3ffe2;
        8'hdf: inv_rom = 18'h3ffe1;
        8'he0: inv_rom = 18'h3ffe0;
        8'he1: inv_rom = 18'h3ffdf;
        8'he2: inv_rom = 18'h3ffde;
        8'he3: inv_rom = 18'h3ffdd;
        8'he4: inv_rom = 18'h3ffdb;
        8'he5: inv_rom = 18'h3ffda;
        8'he6: inv_rom = 18'h3ffd9;
        8'he7: inv_rom = 18'h3ffd7;
        8'he8: inv_rom = 18'h3ffd5;
        8'he9: inv_rom = 18'h3ffd3;
        8'hea: inv_rom = 18'h3ffd1;
        8'heb: inv_rom = 18'h3ffcf;
        8'hec: inv_rom = 18'h3ffcd;
        8'hed: inv_rom = 18'h3ffca;
        8'hee: inv_rom = 18'h3ffc7;
        8'hef: inv_rom = 18'h3ffc4;
        8'hf0: inv_rom = 18'h3ffc0;
        8'hf1: inv_rom = 18'h3ffbc;
        8'hf2: inv_rom = 18'h3ffb7;
        8'hf3: inv_rom = 18'h3ffb1;
        8'hf4: inv_rom = 18'h3ffab;
        8'hf5: inv_rom = 18'h3ffa3;
        8'hf6: inv_rom = 18'h3ff9a;
        8'hf7: inv_rom = 18'h3ff8e;
        8'hf8: inv_rom = 18'h3ff80;
        8'hf9: inv_rom = 18'h3ff6e;
        8'hfa: inv_rom = 18'h3ff55;
        8'hfb: inv_rom = 18'h3ff33;
        8'hfc: inv_rom = 18'h3ff00;
        8'hfd: inv_rom = 18'h3feab;
        8'hfe: inv_rom = 18'h3fe00;
        8'hff: inv_rom = 18'h3fc00;
        default: inv_rom = 18'h0;
      endcase
    end
  endfunction
  assign sm_x0 = in0_data[7:0];
  assign sm_x1 = in0_data[15:8];
  assign sm_x2 = in0_data[23:16];
  assign sm0_max = ($signed(sm_x0) >= $signed(sm_x1)) ? sm_x0 : sm_x1;
  assign sm0_max_0 = ($signed(sm0_max) >= $signed(sm_x2)) ? sm0_max : sm_x2;
  assign sm0_d0 = {{1{sm0_max_0[7]}}, sm0_max_0} - {{1{sm_x0[7]}}, sm_x0};
  assign sm0_n0 = sm0_d0[6:0];
  assign sm0_d1 = {{1{sm0_max_0[7]}}, sm0_max_0} - {{1{sm_x1[7]}}, sm_x1};
  assign sm0_n1 = sm0_d1[6:0];
  assign sm0_d2 = {{1{sm0_max_0[7]}}, sm0_max_0} - {{1{sm_x2[7]}}, sm_x2};
  assign sm0_n2 = sm0_d2[6:0];
  assign sm0_t0 = exp_rom(sm0_n0[6:0]);
  assign sm0_e0 = sm0_t0[12:5];
  assign sm0_t1 = exp_rom(sm0_n1[6:0]);
  assign sm0_e1 = sm0_t1[12:5];
  assign sm0_t2 = exp_rom(sm0_n2[6:0]);
  assign sm0_e2 = sm0_t2[12:5];
  assign sm0_s = {{1{sm0_e0[7]}}, sm0_e0} + {{1{sm0_e1[7]}}, sm0_e1};
  assign sm0_sum = sm0_s[7:0];
  assign sm0_s_1 = {{1{sm0_sum[7]}}, sm0_sum} + {{1{sm0_e2[7]}}, sm0_e2};
  assign sm0_sum_2 = sm0_s_1[7:0];
  assign sm0_total = {{6{sm0_sum_2[7]}}, sm0_sum_2[6:0], 5'h0};
  assign sm0_inv = inv_rom(sm0_total[17:10]);
  assign sm0_p0 = {{18{sm0_e0[7]}}, sm0_e0} * {{8{sm0_inv[17]}}, sm0_inv};
  assign sm0_y0 = sm0_p0[17:10];
  assign sm0_p1 = {{18{sm0_e1[7]}}, sm0_e1} * {{8{sm0_inv[17]}}, sm0_inv};
  assign sm0_y1 = sm0_p1[17:10];
  assign sm0_p2 = {{18{sm0_e2[7]}}, sm0_e2} * {{8{sm0_inv[17]}}, sm0_inv};
  assign sm0_y2 = sm0_p2[17:10];
  assign sm_out = {sm0_y2, sm0_y1, sm0_y0};
  assign out_write = want_write & ~stall;
  assign out_data = pipe_data2;
  always @(posedge clk) begin
    if (rst) begin
      pipe_valid <= 2'h0;
    end else if (~stall) begin
      pipe_valid <= {pipe_valid[0], issue};
      pipe_data1 <= sm_out;
      pipe_data2 <= pipe_data1;
    end
  end
  wire unused_sm0_d0 = ^{sm0_d0[7], sm0_d0[8]};
  wire unused_sm0_d1 = ^{sm0_d1[7], sm0_d1[8]};
  wire unused_sm0_d2 = ^{sm0_d2[7], sm0_d2[8]};
  wire unused_sm0_t0 = ^{sm0_t0[0], sm0_t0[1], sm0_t0[2], sm0_t0[3], sm0_t0[4], sm0_t0[13], sm0_t0[14], sm0_t0[15], sm0_t0[16], sm0_t0[17]};
  wire unused_sm0_t1 = ^{sm0_t1[0], sm0_t1[1], sm0_t1[2], sm0_t1[3], sm0_t1[4], sm0_t1[13], sm0_t1[14], sm0_t1[15], sm0_t1[16], sm0_t1[17]};
  wire unused_sm0_t2 = ^{sm0_t2[0], sm0_t2[1], sm0_t2[2], sm0_t2[3], sm0_t2[4], sm0_t2[13], sm0_t2[14], sm0_t2[15], sm0_t2[16], sm0_t2[17]};
  wire unused_sm0_s = ^{sm0_s[8]};
  wire unused_sm0_s_1 = ^{sm0_s_1[8]};
  wire unused_sm0_total = ^{sm0_total[0], sm0_total[1], sm0_total[2], sm0_total[3], sm0_total[4], sm0_total[5], sm0_total[6], sm0_total[7], sm0_total[8], sm0_total[9]};
  wire unused_sm0_p0 = ^{sm0_p0[0], sm0_p0[1], sm0_p0[2], sm0_p0[3], sm0_p0[4], sm0_p0[5], sm0_p0[6], sm0_p0[7], sm0_p0[8], sm0_p0[9], sm0_p0[18], sm0_p0[19], sm0_p0[20], sm0_p0[21], sm0_p0[22], sm0_p0[23], sm0_p0[24], sm0_p0[25]};
  wire unused_sm0_p1 = ^{sm0_p1[0], sm0_p1[1], sm0_p1[2], sm0_p1[3], sm0_p1[4], sm0_p1[5], sm0_p1[6], sm0_p1[7], sm0_p1[8], sm0_p1[9], sm0_p1[18], sm0_p1[19], sm0_p1[20], sm0_p1[21], sm0_p1[22], sm0_p1[23], sm0_p1[24], sm0_p1[25]};
  wire unused_sm0_p2 = ^{sm0_p2[0], sm0_p2[1], sm0_p2[2], sm0_p2[3], sm0_p2[4], sm0_p2[5], sm0_p2[6], sm0_p2[7], sm0_p2[8], sm0_p2[9], sm0_p2[18], sm0_p2[19], sm0_p2[20], sm0_p2[21], sm0_p2[22], sm0_p2[23], sm0_p2[24], sm0_p2[25]};
endmodule

// ===== tiny_mlp_top.v
module tiny_mlp_top (
  input wire clk,
  input wire rst,
  input wire in0_valid,
  input wire [23:0] in0_data,
  output wire in0_ready,
  input wire out0_read,
  output wire out0_valid,
  output wire [23:0] out0_data
);
  reg rst_process;
  wire s0_write;
  wire [23:0] s0_write_data;
  wire s0_write_ready;
  wire s0_read;
  wire s0_read_valid;
  wire [23:0] s0_read_data;
  wire s1_write;
  wire [31:0] s1_write_data;
  wire s1_write_ready;
  wire s1_read;
  wire s1_read_valid;
  wire [31:0] s1_read_data;
  wire s2_write;
  wire [23:0] s2_write_data;
  wire s2_write_ready;
  wire s2_read;
  wire s2_read_valid;
  wire [23:0] s2_read_data;
  wire s3_write;
  wire [23:0] s3_write_data;
  wire s3_write_ready;
  wire s3_read;
  wire s3_read_valid;
  wire [23:0] s3_read_data;
  wire p0_out_write;
  wire [31:0] p0_out_data;
  wire p1_out_write;
  wire [23:0] p1_out_data;
  wire p2_out_write;
  wire [23:0] p2_out_data;
  always @(posedge clk) rst_process <= rst;
  assign in0_ready = s0_write_ready;
  assign s0_write = in0_valid & (s0_write_ready);
  assign s0_write_data = in0_data;
  p0_fc1 u_p0_fc1 (.clk(clk), .rst(rst_process), .in0_valid(s0_read_valid), .in0_data(s0_read_data), .in0_read(s0_read), .out0_ready(s1_write_ready), .out_write(p0_out_write), .out_data(p0_out_data));
  assign s1_write = p0_out_write;
  assign s1_write_data = p0_out_data;
  p1_fc2 u_p1_fc2 (.clk(clk), .rst(rst_process), .in0_valid(s1_read_valid), .in0_data(s1_read_data), .in0_read(s1_read), .out0_ready(s2_write_ready), .out_write(p1_out_write), .out_data(p1_out_data));
  assign s2_write = p1_out_write;
  assign s2_write_data = p1_out_data;
  p2_softmax u_p2_softmax (.clk(clk), .rst(rst_process), .in0_valid(s2_read_valid), .in0_data(s2_read_data), .in0_read(s2_read), .out0_ready(s3_write_ready), .out_write(p2_out_write), .out_data(p2_out_data));
  assign s3_write = p2_out_write;
  assign s3_write_data = p2_out_data;
  assign out0_valid = s3_read_valid;
  assign s3_read = out0_read & s3_read_valid;
  assign out0_data = s3_read_data;
  ngt_fifo #(.WIDTH(24), .DEPTH(1), .AW(1)) u_s0 (.clk(clk), .rst(rst), .write(s0_write), .write_data(s0_write_data), .write_ready(s0_write_ready), .read(s0_read), .read_valid(s0_read_valid), .read_data(s0_read_data));
  ngt_fifo #(.WIDTH(32), .DEPTH(1), .AW(1)) u_s1 (.clk(clk), .rst(rst), .write(s1_write), .write_data(s1_write_data), .write_ready(s1_write_ready), .read(s1_read), .read_valid(s1_read_valid), .read_data(s1_read_data));
  ngt_fifo #(.WIDTH(24), .DEPTH(1), .AW(1)) u_s2 (.clk(clk), .rst(rst), .write(s2_write), .write_data(s2_write_data), .write_ready(s2_write_ready), .read(s2_read), .read_valid(s2_read_valid), .read_data(s2_read_data));
  ngt_fifo #(.WIDTH(24), .DEPTH(1), .AW(1)) u_s3 (.clk(clk), .rst(rst), .write(s3_write), .write_data(s3_write_data), .write_ready(s3_write_ready), .read(s3_read), .read_valid(s3_read_valid), .read_data(s3_read_data));
endmodule
