import { join } from 'node:path';
import { hasShared, sharedModels, skipReason } from '../models/helpers.js';
import { rtlModels } from './rtl-models.js';

// TFC_2W2A (784-64-64-64-10, 2-bit weights and activations) writes 7 MB of Verilog: a Verilator build
// takes 5-12 minutes on a loaded 2-core machine, so it has a file per io type (vitest runs them side
// by side) and a longer limit per test.
skipReason('RTL of TFC_2W2A');
// Every run in Icarus, which starts in about 15 s and runs 200 samples in 1-3 minutes.
rtlModels('TFC_2W2A, io_parallel', [[join(sharedModels, 'TFC_2W2A.onnx'), 200, 'icarus']], hasShared, { ioTypes: ['io_parallel'], timeoutMs: 1_800_000 });
