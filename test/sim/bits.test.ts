// The cycle simulator's output bits equal the functional simulator's, for every example model under
// RF 1/2/4/8, both strategies and both io types (and the shared models when present), with the inputs
// arriving back to back, every 7 cycles, and a slow consumer. Expected bits come from the reference
// interpreter (the cycle simulator moves the compiled functional simulator's values).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IoType } from '../../hls/index.js';
import { simulateCycles } from '../../sim/index.js';
import { hasShared, sharedModels, skipReason } from '../models/helpers.js';
import { EXAMPLES, convertFile, example, expectSameRaws, referenceRaws, inputsFor, type Config } from './helpers.js';

const IO_TYPES: IoType[] = ['io_parallel', 'io_stream'];
const CONFIGS: Config[] = IO_TYPES.flatMap((ioType) =>
  (['Latency', 'Resource'] as const).flatMap((strategy) => [1, 2, 4, 8].map((reuseFactor) => ({ ioType, strategy, reuseFactor }))),
);

describe('cycle simulation bits equal the functional simulator', () => {
  for (const name of EXAMPLES) {
    it(`${name}: 16 configurations`, () => {
      for (const config of CONFIGS) {
        const model = example(name, config);
        const count = 5;
        const inputs = inputsFor(model, count, 11);
        const expected = referenceRaws(model, inputs, count);
        const result = simulateCycles(model, inputs, count, { ioType: config.ioType, interval: config.reuseFactor === 2 ? 7 : 0, sinkInterval: config.reuseFactor === 4 ? 3 : 1 });
        expect(expectSameRaws(result.outputs, expected), `${name} ${JSON.stringify(config)}`).toEqual([]);
        // Every sample's output is valid, in order, after its input was accepted.
        for (let k = 0; k < count; k++) {
          expect(result.outputValidCycle[k] ?? -1).toBeGreaterThan(result.inputAcceptCycle[k] ?? Infinity);
          if (k > 0) expect(result.outputValidCycle[k] ?? -1).toBeGreaterThan(result.outputValidCycle[k - 1] ?? Infinity);
        }
      }
    });
  }

  skipReason('cycle simulation of the shared models');
  describe.skipIf(!hasShared)('shared models', () => {
    const files = ['two_layer_keras', 'three_layer_keras', 'three_layer_pytorch', 'qkeras_jettagging', 'conv1d_small_keras', 'conv2d_small_keras', 'TFC_2W2A'].map((file) =>
      path.join(sharedModels, `${file}.onnx`),
    );
    for (const file of hasShared ? files.filter((f) => existsSync(f)) : []) {
      it(path.basename(file), () => {
        const chosen: Config[] = [
          { ioType: 'io_parallel', strategy: 'Latency', reuseFactor: 1 },
          { ioType: 'io_stream', strategy: 'Resource', reuseFactor: 4 },
        ];
        for (const config of chosen) {
          const model = convertFile(file, config);
          const inputs = inputsFor(model, 3, 5);
          const expected = referenceRaws(model, inputs, 3);
          const result = simulateCycles(model, inputs, 3, { ioType: config.ioType });
          expect(expectSameRaws(result.outputs, expected), `${path.basename(file)} ${JSON.stringify(config)}`).toEqual([]);
        }
      });
    }
  });
});
