// Typed import errors with their messages pinned, and a fuzz run over corrupted example models.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GraphCycleError,
  importOnnx,
  MissingTensorError,
  OnnxDecodeError,
  OnnxImportError,
  UnsupportedAttributeError,
  UnsupportedOpError,
  loadOnnxModel,
} from '../../models/index.js';
import { float32Tensor, GraphBuilder } from '../../models/onnx-writer/index.js';
import { examplesDir, hasShared, random, sharedModels } from './helpers.js';

function mlp(edit?: (b: GraphBuilder, x: string) => string): Uint8Array {
  const b = new GraphBuilder('mlp', { opset: 13 });
  const x = b.input('x', [null, 2]);
  const y = edit ? edit(b, x) : b.node('Relu', [x], {}, { name: 'act' });
  b.output(y, undefined);
  return b.toBytes();
}

describe('import errors', () => {
  it('rejects a file that is not ONNX', () => {
    expect(() => importOnnx(new TextEncoder().encode('{"not": "onnx"}\n'), 'data.json')).toThrow(OnnxDecodeError);
    expect(() => importOnnx(new Uint8Array(), 'empty.onnx')).toThrow('empty.onnx must be an ONNX model, not an empty file');
  });

  it('rejects a truncated model with OnnxDecodeError naming the file', () => {
    const bytes = mlp();
    const error = (() => {
      try {
        importOnnx(bytes.subarray(0, bytes.length - 7), 'cut.onnx');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(OnnxDecodeError);
    expect((error as OnnxDecodeError).code).toBe('ONNX_DECODE');
    expect((error as Error).message).toMatch(/^cut\.onnx must be an ONNX model \(a protobuf ModelProto\), not bytes that fail to decode/);
  });

  it('reports a missing file as OnnxImportError', () => {
    expect(() => loadOnnxModel('/nonexistent/model.onnx')).toThrow(/^model file '\/nonexistent\/model.onnx' must be a readable file, not unreadable/);
  });

  it('names a missing initializer', () => {
    const bytes = mlp((b, x) => b.node('MatMul', [x, 'W'], {}, { name: 'dense' }));
    expect(() => importOnnx(bytes, 'm.onnx')).toThrow(MissingTensorError);
    expect(() => importOnnx(bytes, 'm.onnx')).toThrow(
      "m.onnx: node 'dense' (MatMul): input 'W' must be a graph input, an initializer or a node output, not undefined (a missing initializer?)",
    );
  });

  it('names the nodes of a cycle', () => {
    const b = new GraphBuilder('cycle', { opset: 13 });
    const x = b.input('x', [null, 2]);
    b.node('Add', [x, 'c'], {}, { name: 'first', outputs: ['a'] });
    b.node('Relu', ['a'], {}, { name: 'second', outputs: ['c'] });
    b.output('c', undefined);
    expect(() => importOnnx(b.toBytes(), 'c.onnx')).toThrow(GraphCycleError);
    expect(() => importOnnx(b.toBytes(), 'c.onnx')).toThrow("c.onnx: the graph must be acyclic, not have a cycle through nodes 'first' (Add), 'second' (Relu)");
  });

  it('names an unsupported op, its node and the supported ops', () => {
    const bytes = mlp((b, x) => b.node('Hardmax', [x], {}, { name: 'hm' }));
    expect(() => importOnnx(bytes, 'u.onnx')).toThrow(UnsupportedOpError);
    expect(() => importOnnx(bytes, 'u.onnx')).toThrow(/^u\.onnx: node 'hm': op type must be one of the supported ops \(Abs, Add, AveragePool, .*Trunc, Unsqueeze, Upsample; QONNX ops in domains qonnx\.custom_op\.general, finn\.custom_op\.general, onnx\.brevitas; Conv, MaxPool, BatchNormalization in qonnx\.custom_op\.channels_last\), not 'Hardmax'$/);
  });

  it('rejects a QONNX op outside the QONNX domains', () => {
    const bytes = mlp((b, x) => b.node('Quant', [x, x, x, x], {}, { name: 'q', domain: 'com.example' }));
    expect(() => importOnnx(bytes, 'q.onnx')).toThrow("not 'Quant' in domain 'com.example'");
  });

  it('names an unsupported attribute value', () => {
    const bytes = mlp((b, x) =>
      b.node('Quant', [x, b.initializer('s', float32Tensor([], [0.5])), b.initializer('z', float32Tensor([], [0])), b.initializer('n', float32Tensor([], [4]))], { rounding_mode: 'STOCHASTIC' }, { name: 'q', domain: 'qonnx.custom_op.general' }),
    );
    expect(() => importOnnx(bytes, 'a.onnx')).toThrow(UnsupportedAttributeError);
    expect(() => importOnnx(bytes, 'a.onnx')).toThrow("a.onnx: node 'q' (Quant): attribute rounding_mode must be one of ROUND, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN, ROUND_TO_ZERO, not 'STOCHASTIC'");
  });

  it('names an attribute of the wrong type and an inconsistent shape', () => {
    const wrongType = mlp((b, x) => b.node('LeakyRelu', [x], { alpha: 1 }, { name: 'leaky' }));
    expect(() => importOnnx(wrongType, 't.onnx')).toThrow("t.onnx: node 'leaky' (LeakyRelu): attribute alpha must be of type float, not int");
    const badShape = mlp((b, x) => b.node('MatMul', [x, b.initializer('w', float32Tensor([3, 2], [1, 2, 3, 4, 5, 6]))], {}, { name: 'dense' }));
    expect(() => importOnnx(badShape, 's.onnx')).toThrow(OnnxImportError);
    expect(() => importOnnx(badShape, 's.onnx')).toThrow("s.onnx: node 'dense' (MatMul): inner dimensions must agree, not 2 (A [1, 2]) and 3 (B [3, 2])");
  });
});

/** The example models, else the shared ones: the fuzz corpus. */
function corpus(): { name: string; bytes: Uint8Array }[] {
  const fromExamples = existsSync(examplesDir) ? readdirSync(examplesDir).filter((file) => file.endsWith('.onnx')).map((file) => path.join(examplesDir, file)) : [];
  const fromShared = hasShared ? readdirSync(sharedModels).filter((file) => file.endsWith('.onnx') && file !== 'TFC_2W2A.onnx').map((file) => path.join(sharedModels, file)) : [];
  const files = fromExamples.length > 0 ? fromExamples : fromShared;
  return files.map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));
}

describe('fuzz', () => {
  const models = corpus();

  it.skipIf(models.length === 0)('2,000 corrupted models each import or throw a typed OnnxImportError', () => {
    const next = random(2024);
    const pick = (n: number) => Math.floor(next() * n);
    const outcomes = { imported: 0, decode: 0, other: 0 };
    for (let round = 0; round < 2000; round++) {
      const model = models[round % models.length];
      if (!model) continue;
      const bytes = Uint8Array.from(model.bytes);
      let corrupted: Uint8Array;
      const mode = round % 4;
      if (mode === 0) {
        for (let flips = 1 + pick(8); flips > 0; flips--) bytes[pick(bytes.length)] = pick(256);
        corrupted = bytes;
      } else if (mode === 1) {
        corrupted = bytes.subarray(0, pick(bytes.length));
      } else if (mode === 2) {
        // Remove a span: drops or splits fields and their length prefixes.
        const start = pick(bytes.length);
        const end = Math.min(bytes.length, start + 1 + pick(64));
        corrupted = Uint8Array.from([...bytes.subarray(0, start), ...bytes.subarray(end)]);
      } else {
        const at = pick(bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << pick(8));
        corrupted = bytes;
      }
      try {
        importOnnx(corrupted, `fuzz-${round}-${model.name}`);
        outcomes.imported++;
      } catch (error) {
        if (!(error instanceof OnnxImportError)) throw new Error(`round ${round} (${model.name}, mode ${mode}) escaped with ${String(error)}`, { cause: error });
        if (error instanceof OnnxDecodeError) outcomes.decode++;
        else outcomes.other++;
      }
    }
    console.log(`fuzz over ${models.map((m) => m.name).join(', ')}: ${JSON.stringify(outcomes)}`);
    expect(outcomes.imported + outcomes.decode + outcomes.other).toBe(2000);
    expect(outcomes.decode).toBeGreaterThan(100);
    expect(outcomes.other).toBeGreaterThan(20);
  });
});
