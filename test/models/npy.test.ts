import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NpyError, encodeNpy, parseNpy, readNpy, writeNpy } from '../../models/npy.js';
import type { NpyArray } from '../../models/npy.js';

const folder = mkdtempSync(join(tmpdir(), 'ngt-npy-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A .npy file assembled by hand: magic, version, header length, header text, data. */
function handBuilt(header: string, data: number[], version: [number, number] = [1, 0]): Uint8Array {
  const text = Buffer.from(header, 'latin1');
  const lengthBytes = version[0] === 1 ? 2 : 4;
  const prefix = Buffer.alloc(8 + lengthBytes);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]).copy(prefix);
  prefix[6] = version[0];
  prefix[7] = version[1];
  if (lengthBytes === 2) prefix.writeUInt16LE(text.length, 8);
  else prefix.writeUInt32LE(text.length, 8);
  return new Uint8Array(Buffer.concat([prefix, text, Buffer.from(data)]));
}

function errorOf(action: () => unknown): NpyError {
  try {
    action();
  } catch (error) {
    if (error instanceof NpyError) return error;
    throw error;
  }
  throw new Error('expected an NpyError');
}

describe('encodeNpy', () => {
  it('writes exactly the bytes numpy.save writes for float32 (3, 4)', () => {
    // numpy 2.x: np.save(f, np.zeros((3, 4), np.float32)): a 118-byte header padded to 128 bytes in all.
    const bytes = encodeNpy({ dtype: 'float32', shape: [3, 4], data: new Float32Array(12) });
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }" + ' '.repeat(58) + '\n';
    expect(Buffer.from(bytes)).toEqual(Buffer.from(handBuilt(header, new Array(48).fill(0))));
    expect(bytes.length).toBe(176);
  });

  it('writes 1-d shapes as (n,), 0-d as (), one-byte types with |, and keeps 64-byte alignment', () => {
    const vector = Buffer.from(encodeNpy({ dtype: 'int64', shape: [5], data: new BigInt64Array(5) })).toString('latin1');
    expect(vector.slice(10, 10 + 63)).toBe("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }      ");
    const scalar = encodeNpy({ dtype: 'float64', shape: [], data: new Float64Array([2.5]) });
    expect(Buffer.from(scalar).toString('latin1', 10, 60)).toBe("{'descr': '<f8', 'fortran_order': False, 'shape': ");
    expect(scalar.length).toBe(136);
    const flags = Buffer.from(encodeNpy({ dtype: 'bool', shape: [2], data: new Uint8Array([1, 0]) }));
    expect(flags.toString('latin1', 21, 24)).toBe('|b1');
    expect(flags.length).toBe(130);
    expect(flags[127]).toBe(0x0a);
  });

  it('rejects data of the wrong class or length', () => {
    expect(errorOf(() => encodeNpy({ dtype: 'float32', shape: [2], data: new Float64Array(2) }, 'a.npy')).message).toBe(
      'a.npy: data for dtype float32 must be a Float32Array, not a Float64Array',
    );
    expect(errorOf(() => encodeNpy({ dtype: 'int32', shape: [2, 3], data: new Int32Array(5) }, 'b.npy')).message).toBe(
      'b.npy: data length must be 6 for shape [2, 3], not 5',
    );
    expect(errorOf(() => encodeNpy({ dtype: 'int32', shape: [-1], data: new Int32Array(1) })).code).toBe('NPY');
  });
});

describe('round trips', () => {
  const arrays: NpyArray[] = [
    { dtype: 'float32', shape: [2, 3], data: new Float32Array([1.5, -2, 3.25, 0, -0, 1e-30]) },
    { dtype: 'float64', shape: [3], data: new Float64Array([Math.PI, -1e300, Number.NaN]) },
    { dtype: 'int8', shape: [4], data: new Int8Array([-128, -1, 0, 127]) },
    { dtype: 'int16', shape: [2, 1], data: new Int16Array([-32768, 32767]) },
    { dtype: 'int32', shape: [1, 2, 2], data: new Int32Array([-(2 ** 31), 7, 0, 2 ** 31 - 1]) },
    { dtype: 'int64', shape: [2], data: new BigInt64Array([-(2n ** 63n), 2n ** 62n + 1n]) },
    { dtype: 'uint8', shape: [3], data: new Uint8Array([0, 200, 255]) },
    { dtype: 'uint16', shape: [2], data: new Uint16Array([65535, 1]) },
    { dtype: 'uint32', shape: [2], data: new Uint32Array([2 ** 32 - 1, 3]) },
    { dtype: 'bool', shape: [3], data: new Uint8Array([1, 0, 1]) },
    { dtype: 'float32', shape: [0, 16], data: new Float32Array(0) },
  ];
  for (const array of arrays) {
    it(`${array.dtype} [${array.shape.join(', ')}] survives a write and a read`, () => {
      const path = join(folder, `${array.dtype}-${array.shape.join('x')}.npy`);
      writeNpy(path, array);
      const back = readNpy(path);
      expect(back.dtype).toBe(array.dtype);
      expect(back.shape).toEqual(array.shape);
      expect(back.data.constructor).toBe(array.data.constructor);
      expect(Array.from(back.data as ArrayLike<number | bigint>)).toEqual(Array.from(array.data as ArrayLike<number | bigint>));
      const file = readFileSync(path);
      expect((file.length - array.data.byteLength) % 64).toBe(0);
      expect(Buffer.from(encodeNpy(back))).toEqual(file);
    });
  }

  it('leaves no temporary file behind and replaces an existing file whole', () => {
    const path = join(folder, 'replace.npy');
    writeNpy(path, { dtype: 'int32', shape: [1000], data: new Int32Array(1000).fill(9) });
    writeNpy(path, { dtype: 'int32', shape: [2], data: new Int32Array([4, 5]) });
    expect(Array.from(readNpy(path).data as Int32Array)).toEqual([4, 5]);
    expect(readdirSync(folder).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('names the file when the folder does not exist', () => {
    const path = join(folder, 'missing', 'x.npy');
    expect(errorOf(() => writeNpy(path, { dtype: 'uint8', shape: [1], data: new Uint8Array(1) })).message).toBe(
      `${path}: file must be writable, not ENOENT`,
    );
    expect(errorOf(() => readNpy(path)).message).toBe(`${path}: file must be readable, not ENOENT`);
  });
});

describe('parseNpy reads what numpy and others write', () => {
  it('reads a hand-built big-endian float64 header with double quotes, Python spacing and v2.0', () => {
    const header = '{"descr": ">f8", "fortran_order": False, "shape": (2,)}\n';
    const data = [0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0xc0, 0x04, 0, 0, 0, 0, 0, 0]; // 1.5, -2.5 big-endian
    const array = parseNpy(handBuilt(header, data, [2, 0]), 'be.npy');
    expect(array.dtype).toBe('float64');
    expect(Array.from(array.data as Float64Array)).toEqual([1.5, -2.5]);
  });

  it('reads v3.0 (utf8 header), big-endian int32 and a trailing comma in a 2-d shape', () => {
    const header = "{'descr': '>i4', 'fortran_order': False, 'shape': (1, 2,), }   \n";
    const array = parseNpy(handBuilt(header, [0xff, 0xff, 0xff, 0xfe, 0, 0, 1, 0], [3, 0]), 'v3.npy');
    expect(array.shape).toEqual([1, 2]);
    expect(Array.from(array.data as Int32Array)).toEqual([-2, 256]);
  });

  it('reads little-endian int64 from an unaligned view', () => {
    const header = "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }\n";
    const file = handBuilt(header, [0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    expect(Array.from(parseNpy(shifted.subarray(3), 'odd.npy').data as BigInt64Array)).toEqual([-3n]);
  });
});

describe('parseNpy rejects malformed files with a message naming the file', () => {
  const header = (body: string): string => `${body}\n`;
  const cases: [string, Uint8Array, string][] = [
    ['bad magic', new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x5a, 1, 0, 0, 0]), 'f.npy: magic string must be 93 4e 55 4d 50 59 (\'\\x93NUMPY\'), not 93 4e 55 4d 50 5a'],
    ['empty file', new Uint8Array(0), "f.npy: magic string must be 93 4e 55 4d 50 59 ('\\x93NUMPY'), not empty"],
    ['version 4.0', handBuilt(header("{'descr': '<f4', 'fortran_order': False, 'shape': (0,), }"), [], [1, 0]).map((b, i) => (i === 6 ? 4 : b)), 'f.npy: format version must be 1.0, 2.0 or 3.0, not 4.0'],
    ['header past the end', handBuilt('{}', []).subarray(0, 11), 'f.npy: header must fit in the file (2 bytes declared), not run past its end at 11 bytes'],
    ['fortran order', handBuilt(header("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }"), [0, 0, 0, 0]), 'f.npy: fortran_order must be False (C order), not True'],
    ['float16', handBuilt(header("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }"), [0, 0]), "f.npy: descr must be one of '<f4', '<f8', '|i1', '<i2', '<i4', '<i8', '|u1', '<u2', '<u4', '|b1' (or big-endian '>'), not '<f2'"],
    ['missing shape', handBuilt(header("{'descr': '<f4', 'fortran_order': False}"), []), 'f.npy: header keys must be descr, fortran_order, shape, not descr, fortran_order'],
    ['short data', handBuilt(header("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }"), [1, 2, 3]), 'f.npy: data must be 16 bytes (shape (2, 2) of <i4), not 3'],
    ['extra data', handBuilt(header("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }"), [1, 2]), 'f.npy: data must be 1 bytes (shape (1) of |u1), not 2'],
    ['not a dict', handBuilt(header("['descr', '<f4']"), []), 'f.npy: header must be a Python dict literal, not "[\'descr\', \'<f4\']"'],
    ['negative dimension', handBuilt(header("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"), []), `f.npy: 'shape' must be a tuple of non-negative integers, not "-1,), }"`],
    ['fortran_order a string', handBuilt(header("{'descr': '<f4', 'fortran_order': 'no', 'shape': (), }"), [0, 0, 0, 0]), 'f.npy: fortran_order must be True or False, not "no"'],
  ];
  for (const [label, bytes, message] of cases) {
    it(label, () => {
      const error = errorOf(() => parseNpy(bytes, 'f.npy'));
      expect(error.code).toBe('NPY');
      expect(error.message).toBe(message);
    });
  }

  it('readNpy names the path of a file that is not .npy', () => {
    const path = join(folder, 'text.npy');
    writeFileSync(path, 'hello, world');
    expect(errorOf(() => readNpy(path)).message).toBe(`${path}: magic string must be 93 4e 55 4d 50 59 ('\\x93NUMPY'), not 68 65 6c 6c 6f 2c`);
  });
});
