// `npm run bench:yosys`: Yosys wall time (native when installed, and the YoWASP wasm build) for the jet
// tagger (the built-in default model), Latency at RF 1 and RF 4, synth_xilinx -family xcup with the
// hierarchy kept, with its LUT/FF/DSP beside ngt's estimate. Every run bypasses the cache (a fresh
// NGT cache folder per run). BENCH_YOSYS_BUILDS=native (or wasm) runs one build only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertModel, defaultHlsConfig, estimateModel, scheduleModel, type HlsConfig } from '../hls/index.js';
import { loadOnnxModel } from '../models/index.js';
import { defaultModelPath } from '../models/default-model.js';
import { buildRtl } from '../sim/index.js';
import { synthesize, type ToolBuild } from '../synth/index.js';

const builds = (process.env['BENCH_YOSYS_BUILDS']?.split(',') ?? ['native', 'wasm']) as ToolBuild[];
const graph = loadOnnxModel(defaultModelPath());
for (const reuseFactor of [1, 4]) {
  const base = defaultHlsConfig();
  const config: HlsConfig = { ...base, layer: (query) => ({ ...base.layer(query), reuseFactor }) };
  const { model } = convertModel(graph, config, { reuseFactors: 'adjust' });
  const schedules = scheduleModel(model, { ioType: config.ioType, clockPeriod: config.clockPeriod, part: config.part });
  const estimate = estimateModel(model, { part: config.part, clockPeriod: config.clockPeriod, ioType: config.ioType, schedules });
  const design = buildRtl(model, { ioType: config.ioType, schedules });
  for (const build of builds) {
    // A private temporary folder: the cache lives in os.tmpdir(), so this run cannot hit it.
    process.env['TMPDIR'] = mkdtempSync(join(tmpdir(), 'ngt-bench-yosys-'));
    const result = await synthesize(design, { family: 'xcup', build, timeoutMs: 3_600_000 });
    const { lut, ff, dsp } = result.stat.total;
    const error = (e: number, y: number): string => (y === 0 ? 'n/a' : `${(((e - y) / y) * 100).toFixed(1)}%`);
    console.log(
      `jet tagger RF ${reuseFactor} Latency, xcup, ${build} (${result.tool.version}): ${(result.yosysMs / 1000).toFixed(1)} s; yosys LUT ${lut} FF ${ff} DSP ${dsp}; estimate LUT ${estimate.lut} (${error(estimate.lut, lut)}) FF ${estimate.ff} (${error(estimate.ff, ff)}) DSP ${estimate.dsp} (${error(estimate.dsp, dsp)})`,
    );
  }
}
