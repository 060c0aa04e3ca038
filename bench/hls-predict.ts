// Functional simulation of the jet tagger at ap_fixed<16,6> (default config), one thread, samples/s,
// against bench/c/jet-tagger.c: the same integer arithmetic in plain C (gcc -O2) with the weights and
// tables exported from ngt's hardware IR. Both must produce the same bits; the ratio is printed.
// Run: npm run bench:hls
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultModelPath, loadOnnxModel } from '../models/index.js';
import { compileModel, convertModel, defaultHlsConfig, type HwLayerOf, type HwModel } from '../hls/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = path.join(root, 'bench', 'build');
mkdirSync(build, { recursive: true });

function gaussian(count: number, seed: number): Float64Array {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float64Array.from({ length: count }, () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()));
}

function header(model: HwModel): string {
  const dense = model.layers.filter((layer): layer is HwLayerOf<'dense'> => layer.kind === 'dense');
  const softmax = model.layers.find((layer): layer is HwLayerOf<'softmax'> => layer.kind === 'softmax');
  const input = model.tensors.get(model.inputs[0] ?? '')?.type;
  const first = dense[0];
  if (!first || !softmax || !input || softmax.implementation !== 'stable') throw new Error('the benchmark expects the jet tagger at the default config');
  const accum = first.accumType;
  const lines = [
    `#define DATA_WIDTH ${input.width}`,
    `#define INPUT_FRACTION ${input.width - input.intBits}`,
    `#define ACCUM_WIDTH ${accum.width}`,
    `#define PRODUCT_SHIFT ${input.width - input.intBits + first.weightType.width - first.weightType.intBits - (accum.width - accum.intBits)}`,
    `#define EXP_WIDTH ${softmax.expTableType.width}`,
    `#define TABLE_BITS ${Math.log2(softmax.tables.exp.length)}`,
    `#define SOFTMAX_SHIFT ${softmax.expTableType.width - softmax.expTableType.intBits + softmax.invTableType.width - softmax.invTableType.intBits - (input.width - input.intBits)}`,
  ];
  dense.forEach((layer, k) => {
    const transposed: number[] = [];
    for (let j = 0; j < layer.nOut; j++) for (let i = 0; i < layer.nIn; i++) transposed.push(Number(layer.weights[i * layer.nOut + j]));
    lines.push(`static const int32_t W${k + 1}[] = {${transposed.join(',')}};`);
    // Biases are cast to accum_t (same fraction bits at this config).
    lines.push(`static const int32_t B${k + 1}[] = {${layer.bias.map((b) => Number(b) * 2 ** (accum.width - accum.intBits - (layer.biasType.width - layer.biasType.intBits))).join(',')}};`);
  });
  lines.push(`static const int32_t EXP_TABLE[] = {${softmax.tables.exp.join(',')}};`);
  lines.push(`static const int32_t INV_TABLE[] = {${softmax.tables.invert.join(',')}};`);
  return `${lines.join('\n')}\n`;
}

const graph = loadOnnxModel(defaultModelPath());
const { model } = convertModel(graph, defaultHlsConfig());
const simulator = compileModel(model);
const count = 20_000;
const inputs = gaussian(count * 16, 11);
writeFileSync(path.join(build, 'jet-weights.h'), header(model));
writeFileSync(path.join(build, 'jet-inputs.f64'), new Uint8Array(inputs.buffer));
const binary = path.join(build, 'jet-tagger');
execFileSync('gcc', ['-O2', '-I', build, path.join(root, 'bench', 'c', 'jet-tagger.c'), '-o', binary, '-lm']);

const output = model.outputs[0]?.tensor ?? '';
simulator.run([inputs], count); // warm up the generated code
const repeats = 10;
const start = performance.now();
let ours: ArrayLike<number> = new Float64Array();
for (let r = 0; r < repeats; r++) ours = simulator.run([inputs], count).get(output) ?? new Float64Array();
const ngtRate = (count * repeats) / ((performance.now() - start) / 1000);

const cOut = path.join(build, 'jet-outputs.i32');
execFileSync(binary, [path.join(build, 'jet-inputs.f64'), String(count), '1', cOut]);
const cRate = Number(execFileSync(binary, [path.join(build, 'jet-inputs.f64'), String(count), String(repeats), cOut], { encoding: 'utf8' }).trim());
const cRaws = new Int32Array(readFileSync(cOut).buffer.slice(0));
let mismatches = 0;
for (let i = 0; i < ours.length; i++) if (ours[i] !== cRaws[i]) mismatches += 1;

console.log(`jet tagger, ap_fixed<16,6>, RF 1, one thread, ${count} samples x ${repeats}`);
console.log(`  ngt compiled simulator (${simulator.path}): ${ngtRate.toFixed(0)} samples/s`);
console.log(`  C (gcc -O2, bench/c/jet-tagger.c):     ${cRate.toFixed(0)} samples/s`);
console.log(`  ratio ngt / C: ${(ngtRate / cRate).toFixed(2)}x (target >= 0.6x)`);
console.log(`  bit differences between ngt and C: ${mismatches} of ${ours.length}`);
if (mismatches > 0) process.exitCode = 1;
