// hls/config: hls4ml's lookup order, the file forms hls4ml users have, and every error message.
import { FixedTypeError, formatFixedType } from '@ngt/fxp';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultHlsConfig, parseHlsConfig, type PrecisionSpec } from '../../hls/config/index.js';

const text = (spec: PrecisionSpec): string => (spec === 'auto' ? 'auto' : formatFixedType(spec));
const dense1 = { name: 'dense1', type: 'Dense' };

describe('lookup order (hls4ml/model/graph.py HLSConfig.get_precision)', () => {
  // Every level sets a different width, so a wrong level gives a wrong answer.
  const full = `
HLSConfig:
  Model:
    Precision: {default: 'fixed<10,1>', weight: 'fixed<11,1>'}
    ReuseFactor: 4
    Strategy: Resource
  LayerType:
    Dense:
      Precision: {default: 'fixed<12,1>', bias: 'fixed<13,1>'}
      ReuseFactor: 8
  LayerName:
    dense1:
      Precision: {default: 'fixed<14,1>', result: 'fixed<15,1>'}
      ReuseFactor: 16
      Strategy: Latency
`;
  it('name+variable, name default, type+variable, type default, model+variable, model default', () => {
    const config = parseHlsConfig(full, 'hls.yaml');
    const named = config.layer(dense1);
    expect(text(named.precision('result'))).toBe('fixed<15,1>'); // LayerName + variable
    expect(text(named.precision('bias'))).toBe('fixed<14,1>'); // LayerName default beats LayerType + variable
    const typed = config.layer({ name: 'dense2', type: 'Dense' });
    expect(text(typed.precision('bias'))).toBe('fixed<13,1>'); // LayerType + variable
    expect(text(typed.precision('weight'))).toBe('fixed<12,1>'); // LayerType default beats Model + variable
    const other = config.layer({ name: 'relu1', type: 'ReLU' });
    expect(text(other.precision('weight'))).toBe('fixed<11,1>'); // Model + variable
    expect(text(other.precision('result'))).toBe('fixed<10,1>'); // Model default
  });
  it('reuse factor and strategy: name, type, model', () => {
    const config = parseHlsConfig(full, 'hls.yaml');
    expect(config.layer(dense1).reuseFactor).toBe(16);
    expect(config.layer(dense1).strategy).toBe('latency');
    expect(config.layer({ name: 'dense2', type: 'Dense' }).reuseFactor).toBe(8);
    expect(config.layer({ name: 'dense2', type: 'Dense' }).strategy).toBe('resource');
    expect(config.layer({ name: 'relu1', type: 'ReLU' }).reuseFactor).toBe(4);
    expect(config.granularity).toBe('name');
  });
  it('names and types match case-insensitively, as hls4ml lower-cases them', () => {
    const config = parseHlsConfig('LayerType: {dense: {ReuseFactor: 2}}\nLayerName: {FC1: {ReuseFactor: 3}}', 'c.yaml');
    expect(config.layer({ name: 'x', type: 'Dense' }).reuseFactor).toBe(2);
    expect(config.layer({ name: 'fc1', type: 'Dense' }).reuseFactor).toBe(3);
  });
  it('table precisions: own entries, else the attribute default, never a default precision', () => {
    const config = parseHlsConfig("Model: {Precision: 'fixed<8,2>'}\nLayerName: {sm: {Precision: 'fixed<9,2>', exp_table_t: 'fixed<20,9>'}}", 'c.yaml');
    const softmax = config.layer({ name: 'sm', type: 'Softmax' });
    expect(text(softmax.precision('exp_table'))).toBe('fixed<20,9>');
    expect(text(softmax.precision('inv_table'))).toBe('fixed<18,8,RND,SAT>');
    expect(text(softmax.precision('table'))).toBe('fixed<18,8>');
    expect(text(softmax.precision('result'))).toBe('fixed<9,2>');
  });
  it("'auto' per layer is returned as 'auto' for the inference pass", () => {
    const config = parseHlsConfig("LayerName: {fc1: {Precision: {result: auto, weight: AUTO}}}", 'c.yaml');
    expect(config.layer({ name: 'fc1', type: 'Dense' }).precision('result')).toBe('auto');
    expect(config.layer({ name: 'fc1', type: 'Dense' }).precision('weight')).toBe('auto');
    expect(text(config.layer({ name: 'fc1', type: 'Dense' }).precision('bias'))).toBe('fixed<16,6>');
  });
  it('softmax implementation from Strategy or Implementation, table size, trace', () => {
    const config = parseHlsConfig('LayerType: {Softmax: {Strategy: Argmax, table_size: 512}}\nLayerName: {s2: {Implementation: latency, Trace: true}}\nModel: {TraceOutput: false}', 'c.yaml');
    const s1 = config.layer({ name: 's1', type: 'Softmax' });
    expect([s1.softmaxImplementation, s1.tableSize, s1.trace]).toEqual(['argmax', 512, false]);
    const s2 = config.layer({ name: 's2', type: 'Softmax' });
    expect([s2.softmaxImplementation, s2.tableSize, s2.trace]).toEqual(['latency', 512, true]);
    expect(config.layer({ name: 'r', type: 'ReLU' }).softmaxImplementation).toBe('stable');
  });
});

describe('file forms', () => {
  it("hls4ml's YAML example file (docs/api/configuration.rst) with an OnnxModel", () => {
    const config = parseHlsConfig(
      `# Project section
OutputDir: my-hls-test
ProjectName: myproject

# Model section (ONNX model)
OnnxModel: models/jet.onnx
InputData: data/x.npy
OutputPredictions: data/y.npy

# Backend section (Vivado backend)
Part: xcku115-flvb2104-2-i
ClockPeriod: 4.5
IOType: io_stream # options: io_parallel/io_stream

HLSConfig:
  Model:
    Precision: fixed<16,6,RND_CONV,SAT>
    ReuseFactor: 1
    Strategy: Latency
  LayerType:
    Dense:
      ReuseFactor: 2
      Strategy: Resource
      Compression: False
`,
      'hls.yml',
    );
    expect([config.outputDir, config.projectName, config.model, config.part, config.clockPeriod, config.ioType]).toEqual([
      'my-hls-test', 'myproject', 'models/jet.onnx', 'xcku115-flvb2104-2-i', 4.5, 'io_stream',
    ]);
    expect(text(config.layer(dense1).precision('weight'))).toBe('fixed<16,6,RND_CONV,SAT>');
    expect([config.layer(dense1).reuseFactor, config.layer(dense1).strategy]).toEqual([2, 'resource']);
    expect(config.granularity).toBe('type');
  });
  it('JSON, by extension and by content', () => {
    const json = JSON.stringify({ Part: 'xc7z020clg400-1', HLSConfig: { Model: { Precision: 'ap_fixed<8,3,AP_RND,AP_SAT>', ReuseFactor: 2 } } });
    for (const source of ['hls.json', 'stdin']) {
      const config = parseHlsConfig(json, source);
      expect(config.part).toBe('xc7z020clg400-1');
      expect(text(config.layer(dense1).precision('accum'))).toBe('ap_fixed<8,3,AP_RND,AP_SAT>');
      expect(config.layer(dense1).reuseFactor).toBe(2);
    }
  });
  it('a bare HLSConfig gets the top-level defaults', () => {
    const config = parseHlsConfig('Model:\n  Precision: fixed<12,4>\n', 'bare.yaml');
    expect([config.part, config.clockPeriod, config.ioType, config.model, config.granularity]).toEqual(['xcvu13p-flga2577-2-e', 5, 'io_parallel', null, 'model']);
    expect(text(config.layer(dense1).precision('result'))).toBe('fixed<12,4>');
  });
  it('defaultHlsConfig is hls4ml\'s defaults', () => {
    const config = defaultHlsConfig();
    const layer = config.layer(dense1);
    expect([text(layer.precision('weight')), layer.reuseFactor, layer.strategy, config.ioType, config.clockPeriod, config.part, layer.tableSize]).toEqual([
      'fixed<16,6>', 1, 'latency', 'io_parallel', 5, 'xcvu13p-flga2577-2-e', 1024,
    ]);
  });
});

describe('errors name the file and key', () => {
  const layers = { layerNames: new Set(['fc1', 'relu1', 'fc2']) };
  const cases: [string, string, object?][] = [
    ['LayerName: {fc9: {ReuseFactor: 2}}', "hls.yaml: LayerName.fc9: no layer 'fc9' in the model (layers: fc1, relu1, fc2)", layers],
    ['HLSConfig: {LayerName: {fc9: {}}}', "hls.yaml: HLSConfig.LayerName.fc9: no layer 'fc9' in the model (layers: fc1, relu1, fc2)", layers],
    ["Model: {Precison: 'fixed<8,3>'}", "hls.yaml: Model.Precison: unknown key 'Precison' (accepted: Precision, ReuseFactor, Strategy, TraceOutput, BramFactor, Compression, ConvImplementation)"],
    ["Model: {Precision: 'fixed<8,3,RND,SATT>'}", "hls.yaml: Model.Precision: 'fixed<8,3,RND,SATT>': overflow mode must be one of AP_WRAP, AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP_SM (AP_ optional), not 'SATT'"],
    ['Model: {Precision: auto}', "hls.yaml: Model.Precision: must be a fixed-point type, not 'auto' ('auto' is allowed in LayerType and LayerName sections only, as in hls4ml)"],
    ['Model: {Precision: 16}', "hls.yaml: Model.Precision: must be a precision string such as 'fixed<16,6>' or 'ap_fixed<16,6,AP_RND,AP_SAT>', not 16"],
    ['Model: {ReuseFactor: 0}', 'hls.yaml: Model.ReuseFactor: must be a positive integer, not 0'],
    ["Model: {ReuseFactor: '2'}", "hls.yaml: Model.ReuseFactor: must be a positive integer, not '2'"],
    ['Model: {Strategy: Fast}', "hls.yaml: Model.Strategy: must be one of Latency, Resource, distributed_arithmetic, not 'Fast'"],
    ['LayerType: {QDense: {}}', "hls.yaml: LayerType.QDense: unknown layer type 'QDense' (types: "],
    ['LayerType: {Dense: {Strategy: Stable}}', "hls.yaml: LayerType.Dense.Strategy: must be one of Latency, Resource, distributed_arithmetic, not 'Stable'"],
    ['LayerType: {Dense: {Implementation: stable}}', 'hls.yaml: LayerType.Dense.Implementation: applies to Softmax layers only'],
    ["LayerName: {fc1: {Precision: {wieght: 'fixed<8,3>'}}}", "hls.yaml: LayerName.fc1.Precision.wieght: unknown precision variable 'wieght' (accepted: default, result, weight, bias, accum, scale, param, table, exp_table, inv_table, inv_inp, inp_norm, also spelled with _t)"],
    ["LayerName: {fc1: {Precision: {exp_table: 'fixed<8,3>'}, exp_table_t: 'fixed<8,3>'}}", "hls.yaml: LayerName.fc1.exp_table_t: sets precision 'exp_table' a second time (it is also in Precision)"],
    ['LayerName: {fc1: {}, FC1: {}}', "hls.yaml: LayerName.FC1: configures layer 'FC1' a second time (layer names are case-insensitive, as in hls4ml)"],
    ['LayerName: {fc1: {ParallelizationFactor: 4}}', 'hls.yaml: LayerName.fc1.ParallelizationFactor: must be 1 (the only value ngt implements), not 4'],
    ['LayerName: {fc1: {Trace: yes please}}', "hls.yaml: LayerName.fc1.Trace: must be true or false, not 'yes please'"],
    ['IOType: io_serial', "hls.yaml: IOType: must be io_parallel or io_stream, not 'io_serial'"],
    ['ClockPeriod: -1', 'hls.yaml: ClockPeriod: must be a positive number of nanoseconds, not -1'],
    ['KerasJson: model.json', 'hls.yaml: KerasJson: ngt reads ONNX/QONNX models only, not KerasJson; export the model to ONNX and name it in OnnxModel'],
    ['Part: xc\nModel: {}', "hls.yaml: Model: 'Model' belongs under HLSConfig in a file with top-level keys"],
    ['Part: xc\nOutputdir: x', "hls.yaml: Outputdir: unknown key 'Outputdir' (accepted: OnnxModel, OutputDir, ProjectName, ProjectDir, Backend, Version, Stamp, Part, XilinxPart, ClockPeriod, ClockUncertainty, IOType, InputData, OutputPredictions, WriterConfig, HLSConfig)"],
    ['Backend: Quartus', "hls.yaml: Backend: must be Vivado or Vitis (ngt follows hls4ml's Vivado/Vitis backends), not 'Quartus'"],
    ['- a list', 'hls.yaml: must be a mapping of hls4ml configuration keys, not a list'],
    ['Model: {a: 1, a: 2}', 'hls.yaml: not valid YAML: Map keys must be unique'],
  ];
  it.each(cases)('%s', (yaml, message, options) => {
    let caught: unknown;
    try {
      parseHlsConfig(yaml, 'hls.yaml', options ?? {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).code).toBe('CONFIG');
    expect((caught as ConfigError).message.slice(0, message.length)).toBe(message);
  });
  it('a malformed precision keeps the FixedTypeError as its cause', () => {
    try {
      parseHlsConfig("Model: {Precision: 'fixed<0,3>'}", 'hls.yaml');
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).cause).toBeInstanceOf(FixedTypeError);
    }
  });
  it('bad JSON names the file', () => {
    expect(() => parseHlsConfig('{"Model": ', 'hls.json')).toThrow(/^hls\.json: not valid JSON: /);
  });
  it('a Softmax implementation on a layer that is no Softmax fails when asked (types unknown at parse time) or at parse (types known)', () => {
    const config = parseHlsConfig('LayerName: {fc1: {Strategy: Stable}}', 'hls.yaml');
    expect(() => config.layer({ name: 'fc1', type: 'Dense' })).toThrow("hls.yaml: LayerName.fc1.Strategy: 'stable' is a Softmax implementation, but layer 'fc1' is a Dense");
    expect(config.layer({ name: 'fc1', type: 'Softmax' }).softmaxImplementation).toBe('stable');
    expect(() => parseHlsConfig('LayerName: {fc1: {Strategy: Stable}}', 'hls.yaml', { layerTypes: new Map([['fc1', 'Dense']]) })).toThrow(
      "hls.yaml: LayerName.fc1.Strategy: must be one of Latency, Resource, distributed_arithmetic, not 'Stable'",
    );
  });
});

describe('loadHlsConfig', () => {
  it('reads JSON by extension and names a missing file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { loadHlsConfig } = await import('../../hls/config/index.js');
    const folder = mkdtempSync(path.join(tmpdir(), 'ngt-config-load-'));
    const file = path.join(folder, 'hls.json');
    writeFileSync(file, JSON.stringify({ HLSConfig: { Model: { ReuseFactor: 3 } }, IOType: 'io_stream' }));
    const config = loadHlsConfig(file);
    expect([config.source, config.ioType, config.layer(dense1).reuseFactor]).toEqual([file, 'io_stream', 3]);
    const missing = path.join(folder, 'nope.yaml');
    expect(() => loadHlsConfig(missing)).toThrow(`${missing}: cannot read the configuration file: ENOENT`);
  });
});
