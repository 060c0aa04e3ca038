// Every hardware layer kind declares every aspect in its one declaration (hls/layers/<kind>/index.ts):
// at compile time through the registry's mapped type (a declaration missing an aspect does not type
// check, below), at run time by listing them; every flow node kind has a lowering; the classes the
// kinds answer to are the ones the configuration accepts; and the names lowering looks the
// configuration up with are the ones configuration checks use (they drifted for 3-D Conv once).
import { describe, expect, it } from 'vitest';
import { convertModel, defaultHlsConfig, HLS_LAYER_TYPES, LAYER_KINDS, layerTypesOf, type LayerKind } from '../../hls/index.js';
import { loadOnnxModel } from '../../models/index.js';
import { examplesDir } from '../models/helpers.js';
import path from 'node:path';

const ASPECTS = ['hlsClass', 'lower', 'reference', 'emit', 'multipliers', 'datapath', 'tokens'] as const;
const FLOW_KINDS = ['dense', 'conv', 'batch_norm', 'activation', 'quantize', 'softmax', 'pool', 'reshape', 'transpose', 'resize', 'threshold', 'minifloat', 'add', 'concat'] as const;

// A declaration without its datapath is not a LayerKind: the registry could not hold it.
// @ts-expect-error missing the 'datapath' aspect
const incomplete: LayerKind<'reshape'> = { ...LAYER_KINDS.reshape, datapath: undefined };
void incomplete;

describe('layer kind declarations', () => {
  it('declare every aspect, their classes and the flow nodes they lower', () => {
    const kinds = Object.entries(LAYER_KINDS);
    expect(kinds.map(([key]) => key).sort()).toEqual(['activation', 'add', 'batch_norm', 'concat', 'conv', 'dense', 'minifloat', 'pool', 'reshape', 'resize', 'softmax', 'table_activation', 'threshold', 'transpose']);
    for (const [key, kind] of kinds) {
      expect(kind.kind, key).toBe(key);
      for (const aspect of ASPECTS) expect(typeof kind[aspect], `${key}.${aspect}`).toBe('function');
      expect(Object.keys(kind.classes).length, `${key} classes`).toBeGreaterThan(0);
      expect(kind.lowers.length, `${key} lowers`).toBeGreaterThan(0);
      for (const name of Object.keys(kind.classes)) expect(HLS_LAYER_TYPES.has(name), `${key}: class ${name}`).toBe(true);
    }
    const lowered = new Set(Object.values(LAYER_KINDS).flatMap((kind) => kind.lowers));
    expect([...FLOW_KINDS].filter((flow) => !lowered.has(flow))).toEqual([]);
  });

  it('the class a layer is lowered under is the class configuration checks give it', () => {
    for (const file of ['jet-tagger', 'jet-tagger-qonnx', 'conv1d-small', 'conv2d-small']) {
      const graph = loadOnnxModel(path.join(examplesDir, `${file}.onnx`));
      const types = layerTypesOf(graph);
      const { model } = convertModel(graph, defaultHlsConfig());
      for (const layer of model.layers) {
        const checked = types.get(layer.name.split(':')[0] ?? layer.name);
        if (layer.name.includes(':')) continue; // layout transposes the import adds carry no config entry of their own
        expect(checked, `${file} ${layer.name}`).toBe(layer.hlsClass);
      }
    }
  });
});
