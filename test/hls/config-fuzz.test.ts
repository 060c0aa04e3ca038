// 2,000 random configurations (YAML and JSON; random keys, precision strings valid and malformed,
// reuse factors, strategies): each parses, or fails with a ConfigError (or FixedTypeError); nothing else.
import { FixedTypeError, formatFixedType } from '@ngt/fxp';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseHlsConfig } from '../../hls/config/index.js';

function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

const precisions = [
  'fixed<16,6>', 'ap_fixed<8,3,AP_RND,AP_SAT>', 'fixed<16,6,RND_CONV,SAT>', 'ufixed<8,0>', 'int<8>', 'ap_uint<4>', 'auto', 'AUTO',
  'fixed<0,3>', 'fixed<16>', 'ap_fixed<16,6,RND,NOPE>', 'float32', '', 'fixed<a,b>', 'ac_fixed<16,6,true>', 'fixed<2000000,3>', 'fixed<16,6,RND,SAT,-1>',
];
const keys = ['Precision', 'ReuseFactor', 'Strategy', 'Trace', 'TableSize', 'table_size', 'Implementation', 'exp_table_t', 'Bogus', 'Compression', 'Skip', 'TraceOutput', 'BramFactor'];
const strategies = ['Latency', 'Resource', 'Stable', 'latency', 'Argmax', 'legacy', 'Fast', 3];
const layerNames = ['fc1', 'relu1', 'FC1', 'softmax', 'nope'];
const layerTypes = ['Dense', 'ReLU', 'Softmax', 'dense', 'QDense', 'Conv2D'];
const variables = ['default', 'result', 'weight', 'bias', 'accum', 'table', 'exp_table', 'inv_table_t', 'wieght'];

function randomValue(random: ReturnType<typeof generator>, depth: number): unknown {
  const { next, pick } = random;
  const roll = next();
  if (roll < 0.35) return pick(precisions);
  if (roll < 0.5) return pick([0, 1, 2, 3, 5, 7, 16, -1, 2.5, 1e300]);
  if (roll < 0.6) return pick(strategies);
  if (roll < 0.7) return pick([true, false, null]);
  if (roll < 0.8 || depth > 2) return pick([[], ['fixed<8,3>'], 'text']);
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 3) }, () => [pick([...variables, ...keys]), randomValue(random, depth + 1)]));
}

function randomSection(random: ReturnType<typeof generator>): Record<string, unknown> {
  const { next, pick } = random;
  const section: Record<string, unknown> = {};
  for (let count = Math.floor(next() * 4); count > 0; count -= 1) {
    const key = pick(keys);
    section[key] = key === 'Precision' && next() < 0.6 ? Object.fromEntries(variables.filter(() => next() < 0.3).map((v) => [v, pick(precisions)])) : key === 'Strategy' ? pick(strategies) : randomValue(random, 1);
  }
  return section;
}

function randomConfig(random: ReturnType<typeof generator>): Record<string, unknown> {
  const { next, pick } = random;
  const hls: Record<string, unknown> = {};
  if (next() < 0.8) hls.Model = randomSection(random);
  if (next() < 0.5) hls.LayerType = Object.fromEntries(layerTypes.filter(() => next() < 0.4).map((t) => [t, randomSection(random)]));
  if (next() < 0.5) hls.LayerName = Object.fromEntries(layerNames.filter(() => next() < 0.4).map((n) => [n, randomSection(random)]));
  if (next() < 0.1) hls[pick(['Modle', 'Part', 'Flows'])] = {};
  if (next() < 0.4) return hls;
  const file: Record<string, unknown> = { HLSConfig: hls };
  if (next() < 0.5) file.Part = pick(['xcvu9p-flgb2104-2-e', '', 5]);
  if (next() < 0.5) file.ClockPeriod = pick([5, 2.5, 0, '5']);
  if (next() < 0.5) file.IOType = pick(['io_parallel', 'io_stream', 'io_serial']);
  if (next() < 0.2) file[pick(['OnnxModel', 'KerasJson', 'Backend', 'Whatever', 'XilinxPart'])] = pick(['m.onnx', 'Vivado', 'Quartus']);
  return file;
}

describe('fuzz', () => {
  it('2,000 random configurations: parse, or fail with a typed error', () => {
    const random = generator(20240601);
    const outcomes = { parsed: 0, config: 0, fixed: 0 };
    const options = { layerTypes: new Map([['fc1', 'Dense'], ['relu1', 'ReLU'], ['softmax', 'Softmax']]) };
    for (let index = 0; index < 2000; index += 1) {
      const config = randomConfig(random);
      const json = random.next() < 0.5;
      const text = json ? JSON.stringify(config) : stringify(config);
      try {
        const parsed = parseHlsConfig(text, json ? 'fuzz.json' : 'fuzz.yaml', random.next() < 0.5 ? options : {});
        for (const [name, type] of [['fc1', 'Dense'], ['relu1', 'ReLU'], ['softmax', 'Softmax']] as const) {
          const layer = parsed.layer({ name, type });
          for (const variable of variables.slice(0, 8)) {
            const precision = layer.precision(variable);
            expect(precision === 'auto' || formatFixedType(precision).length > 0).toBe(true);
          }
          expect(Number.isInteger(layer.reuseFactor) && layer.reuseFactor >= 1).toBe(true);
          expect(['latency', 'resource']).toContain(layer.strategy);
        }
        outcomes.parsed += 1;
      } catch (error) {
        if (error instanceof ConfigError) outcomes.config += 1;
        else if (error instanceof FixedTypeError) outcomes.fixed += 1;
        else throw new Error(`config ${index} (${text}) threw ${String(error)}`, { cause: error });
      }
    }
    // Both outcomes happen often enough for the test to mean something.
    expect(outcomes.parsed).toBeGreaterThan(100);
    expect(outcomes.config).toBeGreaterThan(500);
  });

  it('random text: a typed error or a config', () => {
    const random = generator(7);
    const alphabet = ['{', '}', '[', ']', ':', ',', '-', ' ', '\n', '  ', 'Model', 'HLSConfig', 'Precision', 'fixed<8,3>', '"', "'", '&a', '*a', '!!str', '#', '?', '|', 'LayerName'];
    for (let index = 0; index < 500; index += 1) {
      const text = Array.from({ length: 1 + Math.floor(random.next() * 30) }, () => random.pick(alphabet)).join('');
      try {
        parseHlsConfig(text, random.next() < 0.5 ? 'fuzz.yaml' : 'fuzz.json');
      } catch (error) {
        if (!(error instanceof ConfigError || error instanceof FixedTypeError)) throw new Error(`text ${JSON.stringify(text)} threw ${String(error)}`, { cause: error });
      }
    }
  });
});
