// The jet tagger's cycle simulation against the Verilator build of the same RTL, on the same inputs
// (fixed<16,6>, RF 1, 5 ns, io_parallel, back to back): simulated cycles per second of each, their
// ratio, and the Verilator build time (the first build of this RTL; later runs reuse the cache).
// Run: npm run bench:rtl   (needs verilator, g++ and make)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertModel, defaultHlsConfig, verilatorCacheRoot } from '../hls/index.js';
import { defaultModelPath, defaultTestInputsPath, loadOnnxModel, readNpy } from '../models/index.js';
import { cosimulate, simulateCycles } from '../sim/index.js';

const samples = Number(process.argv[2] ?? 5000);
const model = convertModel(loadOnnxModel(defaultModelPath()), defaultHlsConfig()).model;
const test = readNpy(defaultTestInputsPath());
const input = Float64Array.from((test.data as Float32Array).subarray(0, samples * 16));

const simStart = performance.now();
const simulated = simulateCycles(model, [input], samples, { ioType: 'io_parallel' });
const simMs = performance.now() - simStart;
const cycles = simulated.totalCycles;

// A fresh cache entry: the build time is the cold one.
rmSync(verilatorCacheRoot(), { recursive: true, force: true });
const cosim = await cosimulate(model, [input], samples, { ioType: 'io_parallel', workDir: mkdtempSync(join(tmpdir(), 'ngt-bench-rtl-')), simulator: 'verilator' });
if (cosim.mismatches.length > 0) throw new Error(`co-simulation differs on ${cosim.mismatches.length} tokens`);
const simRate = cycles / (simMs / 1000);
const rtlRate = cycles / (cosim.runMs / 1000);
console.log(`jet tagger, ${samples} samples, ${cycles} cycles, 0 bit and 0 cycle differences`);
console.log(`cycle simulator (compiled loop + functional simulator): ${simMs.toFixed(0)} ms, ${(simRate / 1e6).toFixed(2)} M cycles/s`);
console.log(`Verilator (-O3, testbench and vectors included): run ${cosim.runMs.toFixed(0)} ms, ${(rtlRate / 1e6).toFixed(2)} M cycles/s; build ${(cosim.buildMs / 1000).toFixed(1)} s`);
console.log(`ratio: the cycle simulator is ${(simRate / rtlRate).toFixed(2)}x Verilator's cycles per second (${(rtlRate / simRate).toFixed(2)}x the other way)`);
