import { join } from 'node:path';
import { hasShared, sharedModels, skipReason } from '../models/helpers.js';
import { rtlModels } from './rtl-models.js';

// TFC_2W2A (784-64-64-64-10, 2-bit weights and activations) writes 7 MB of Verilog: a Verilator build
// takes 5-12 minutes on a loaded 2-core machine and Icarus 0.5-3 minutes per run, so every run is in
// Icarus, each io type's seven runs (16-20 minutes) have a file (vitest runs them side by side), and
// each test a longer limit.
skipReason('RTL of TFC_2W2A');
rtlModels('TFC_2W2A, io_parallel', [[join(sharedModels, 'TFC_2W2A.onnx'), 200, 'icarus']], hasShared, { ioTypes: ['io_parallel'], timeoutMs: 1_800_000 });
