// `ngt config` as users run it (the built CLI), and the round trip: the file it writes parses back
// with parseHlsConfig to the answers configFromModel's object gives.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatFixedType } from '@ngt/fxp';
import { describe, expect, it } from 'vitest';
import { configFromModel, parseHlsConfig, type LayerEntry, type PrecisionSpec } from '../../hls/config/index.js';
import { layerTypesOf } from '../../hls/index.js';
import { defaultModelPath, loadOnnxModel } from '../../models/index.js';
import { repoRoot, runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-config-'));
const text = (spec: PrecisionSpec): string => (spec === 'auto' ? 'auto' : formatFixedType(spec));

describe('ngt config', () => {
  it('writes a name-granularity config of the jet tagger to stdout by default', () => {
    const { status, stdout } = runCli(['config']);
    expect(status).toBe(0);
    const config = parseHlsConfig(stdout, 'stdout.yaml', { layerTypes: layerTypesOf(loadOnnxModel(defaultModelPath())) });
    expect(config.granularity).toBe('name');
    expect(config.model).toBe(defaultModelPath());
    const dense = config.layer({ name: 'dense_1', type: 'Dense' });
    expect([dense.precision('weight'), dense.precision('result'), text(dense.precision('table'))]).toEqual(['auto', 'auto', 'fixed<18,8>']);
    const softmax = config.layer({ name: 'softmax', type: 'Softmax' });
    expect([text(softmax.precision('exp_table')), softmax.softmaxImplementation, softmax.tableSize]).toEqual(['fixed<18,8,RND,SAT>', 'stable', 1024]);
  });

  for (const granularity of ['model', 'type', 'name'] as const) {
    it(`-o writes a file that parses back to the same per-layer answers (granularity ${granularity})`, () => {
      const model = path.join(repoRoot, 'models', 'examples', 'conv2d-small.onnx');
      const output = path.join(work, `${granularity}.yaml`);
      const { status, stdout } = runCli(['config', model, '--granularity', granularity, '-o', output]);
      expect(status).toBe(0);
      expect(stdout).toBe('');
      expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      const graph = loadOnnxModel(model);
      const types = layerTypesOf(graph);
      const config = parseHlsConfig(readFileSync(output, 'utf8'), output, { layerTypes: types });
      const expected = configFromModel(graph, { granularity });
      expect(config.granularity).toBe(granularity);
      for (const [name, type] of types) {
        const entry: LayerEntry | undefined = granularity === 'name' ? expected.HLSConfig.LayerName?.[name] : granularity === 'type' ? expected.HLSConfig.LayerType?.[type] : undefined;
        const layer = config.layer({ name, type });
        for (const variable of ['result', 'weight', 'bias', 'accum', 'scale']) {
          expect(text(layer.precision(variable))).toBe(entry?.Precision[variable] ?? 'fixed<16,6>');
        }
        expect(layer.reuseFactor).toBe(1);
        expect(layer.trace).toBe(false);
      }
      if (granularity !== 'model') {
        expect(text(config.layer({ name: 'conv1', type: 'Conv2D' }).precision('weight'))).toBe('auto');
        expect(text(config.layer({ name: 'norm', type: 'BatchNormalization' }).precision('scale'))).toBe('auto');
      }
    });
  }

  it('a bad granularity is bad usage (exit 2)', () => {
    const { status, stderr } = runCli(['config', '--granularity', 'layer']);
    expect(status).toBe(2);
    expect(stderr).toContain("argument 'layer' is invalid. Allowed choices are model, type, name.");
  });

  it('a non-ONNX model fails with exit 2 and names the file', () => {
    const file = path.join(work, 'notes.onnx');
    writeFileSync(file, 'not protobuf\n');
    const { status, stderr } = runCli(['config', file]);
    expect(status).toBe(2);
    expect(stderr).toContain(file);
  });
});
