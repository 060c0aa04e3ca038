import { join } from 'node:path';
import { hasShared, sharedModels, skipReason } from '../models/helpers.js';
import { MATRIX, rtlModels } from './rtl-models.js';

// TFC_2W2A (784-64-64-64-10, 2-bit weights and activations) writes 7 MB of Verilog: a Verilator build
// takes 5-12 minutes on a loaded 2-core machine, so it has a file per io type (vitest runs them side
// by side) and a longer limit per test.
skipReason('RTL of TFC_2W2A');
// The whole matrix would take hours here: Latency RF 1 runs in both io types, and
// distributed_arithmetic in io_parallel (its Verilator build takes about 7 minutes).
rtlModels('TFC_2W2A, io_parallel', [[join(sharedModels, 'TFC_2W2A.onnx'), 200, 'verilator']], hasShared, { ioTypes: ['io_parallel'], timeoutMs: 1_800_000, runs: [MATRIX[0], MATRIX[6]].filter((run) => run !== undefined) });
