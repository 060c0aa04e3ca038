// Keras, PyTorch, TensorFlow and pickle files given where an ONNX model must be: a typed error that names
// the file and says how to export it, recognised by signature bytes (a misnamed file too) or by extension.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ForeignModelFormatError, importOnnx, OnnxDecodeError, type Graph } from '../../models/index.js';
import { GraphBuilder } from '../../models/onnx-writer/index.js';
import { runCli } from './run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'ngt-foreign-'));
const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));
const HDF5 = [0x89, ...ascii('HDF\r\n'), 0x1a, 0x0a];

/** A zip local file header (stored, sizes 0) for each entry name: enough of a zip to be recognised. */
function zipWith(...names: string[]): Uint8Array {
  const bytes: number[] = [];
  for (const name of names) {
    bytes.push(...ascii('PK'), 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...new Array<number>(12).fill(0), name.length, 0, 0, 0, ...ascii(name));
  }
  return Uint8Array.from(bytes);
}

function file(name: string, bytes: ArrayLike<number>): string {
  const at = path.join(work, name);
  writeFileSync(at, Uint8Array.from(bytes));
  return at;
}

function rejection(bytes: ArrayLike<number>, source: string): Error {
  try {
    importOnnx(Uint8Array.from(bytes), source);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${source} imported`);
}

describe('ngt inspect on another framework’s model file', () => {
  it('a Keras .h5 (HDF5 signature): exit 2, the file named, the tf2onnx command', () => {
    const model = file('model.h5', [...HDF5, 0, 0, 0, 0, ...ascii('keras_version')]);
    const { status, stderr } = runCli(['inspect', model]);
    expect(status).toBe(2);
    expect(stderr).toContain(`ngt: ForeignModelFormatError: ${model} must be an ONNX model, not an HDF5 file (a Keras .h5 model, or a data set): export it to ONNX with tf2onnx`);
    expect(stderr).toContain('python -m tf2onnx.convert --keras model.h5 --output model.onnx');
    expect(stderr).toContain('tf2onnx.convert.from_keras');
    expect(stderr).toContain('qonnx.converters.from_keras');
    expect(stderr).not.toContain('    at ');
  });

  it('a PyTorch zip (PK\\x03\\x04 with data.pkl) named .onnx: recognised by its bytes, the torch.onnx.export call', () => {
    const model = file('misnamed.onnx', zipWith('archive/data.pkl', 'archive/version', 'archive/data/0'));
    const { status, stderr } = runCli(['inspect', model]);
    expect(status).toBe(2);
    expect(stderr).toContain(`ngt: ForeignModelFormatError: ${model} must be an ONNX model, not a PyTorch zip archive (torch.save, with a data.pkl entry)`);
    expect(stderr).toContain('torch.onnx.export(model, example_input, "model.onnx")');
    expect(stderr).toContain('brevitas.export.export_qonnx');
  });

  it('a .pt file of junk: recognised by its name', () => {
    const model = file('weights.pt', ascii('not a tensor archive at all'));
    const { status, stderr } = runCli(['inspect', model]);
    expect(status).toBe(2);
    expect(stderr).toContain(`ngt: ForeignModelFormatError: ${model} must be an ONNX model, not a PyTorch file (.pt): export it to ONNX in Python: torch.onnx.export(`);
  });

  it('ngt predict says the same (exit 2)', () => {
    const model = file('tagger.keras', zipWith('metadata.json', 'config.json', 'model.weights.h5'));
    const { status, stderr } = runCli(['predict', model, '--input', 'x.npy', '--output', path.join(work, 'y.npy')]);
    expect(status).toBe(2);
    expect(stderr).toContain(`ngt: ForeignModelFormatError: ${model} must be an ONNX model, not a Keras 3 model archive (.keras zip with model.weights.h5): export it to ONNX with tf2onnx`);
  });
});

describe('importOnnx on foreign bytes', () => {
  it('recognises each format by its signature, whatever the name', () => {
    const cases: [ArrayLike<number>, string][] = [
      // HDF5 after a 512-byte user block.
      [[...new Array<number>(512).fill(0), ...HDF5], 'an HDF5 file'],
      // torch.save's legacy format: pickle protocol 2 of the magic number.
      [[0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e], 'a PyTorch file (torch.save legacy format)'],
      [[0x80, 0x04, 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x2e], 'a Python pickle: export the model to ONNX in Python: PyTorch with torch.onnx.export('],
      [zipWith('model/data.pkl'), 'a PyTorch zip archive'],
      [zipWith('metadata.json', 'config.json'), 'a Keras 3 model archive'],
      [zipWith('model.onnx'), 'a zip archive: unzip it if it holds an .onnx file'],
    ];
    for (const [bytes, what] of cases) {
      const error = rejection(bytes, 'data.bin');
      expect(error, what).toBeInstanceOf(ForeignModelFormatError);
      expect(error, what).toBeInstanceOf(OnnxDecodeError);
      expect((error as ForeignModelFormatError).code).toBe('ONNX_FOREIGN_FORMAT');
      expect(error.message, what).toContain(`data.bin must be an ONNX model, not ${what}`);
    }
  });

  it('recognises bytes that are not ONNX by TensorFlow Lite’s identifier or by the extension', () => {
    const junk = ascii('\u00ff\u00ff\u00ff\u00ff junk');
    expect(rejection([0x1c, 0, 0, 0, ...ascii('TFL3'), 0, 0], 'model.bin').message).toContain('not a TensorFlow Lite model (TFL3 FlatBuffer): convert it to ONNX with tf2onnx: `python -m tf2onnx.convert --tflite model.tflite');
    expect(rejection(junk, 'frozen.pb').message).toContain('frozen.pb must be an ONNX model, not a TensorFlow protobuf (.pb: a SavedModel or frozen GraphDef): export it to ONNX with tf2onnx');
    expect(rejection(junk, 'net.PTH').message).toContain('net.PTH must be an ONNX model, not a PyTorch file (.pth)');
    expect(rejection(junk, 'clf.pkl').message).toContain('skl2onnx.to_onnx(model, X[:1])');
    expect(rejection(junk, 'old.hdf5').message).toContain('not a Keras/HDF5 file (.hdf5)');
    // No hint where nothing points to another framework: the plain decode error.
    const plain = rejection(junk, 'model.onnx');
    expect(plain).toBeInstanceOf(OnnxDecodeError);
    expect(plain).not.toBeInstanceOf(ForeignModelFormatError);
  });

  it('imports a real ONNX model whatever its extension', () => {
    const b = new GraphBuilder('named-h5');
    b.output(b.node('Relu', [b.input('x', [null, 4])], {}, { name: 'relu' }), [null, 4]);
    const graph: Graph = importOnnx(b.toBytes(), 'exported.h5');
    expect(graph.layers.map((layer) => layer.name)).toEqual(['relu']);
  });
});
