// The bit-accurate softmax of one row, as current hls4ml main's nnet_activation.h computes it (index.ts
// has the whole description): the reference interpreter's, which the compiled emit.ts is diffed against.
import { addType, castRaw, mulType, subType, type FixedType } from '@ngt/fxp';
import type { HwLayerOf } from '../../ir/hardware.js';
import { hlsCeilLog2, tableIndexBase, topBitsIndex } from '../shared/fixed-math.js';
import { quantizeDouble } from '../shared/precision.js';

/** nnet_common.h reduce: split at the largest power of two below N, recurse, combine with op. */
export function reduceTree<T>(values: readonly T[], op: (a: T, b: T) => T): T {
  const n = values.length;
  if (n === 1) return values[0] as T;
  if (n === 2) return op(values[0] as T, values[1] as T);
  const left = 2 ** Math.floor(Math.log2(n - 1));
  return op(reduceTree(values.slice(0, left), op), reduceTree(values.slice(left), op));
}

function legacyRow(layer: HwLayerOf<'softmax'>, x: readonly bigint[], input: FixedType, output: FixedType): bigint[] {
  const { exp: expTable, invert } = layer.tables;
  const E = layer.expTableType;
  const diff = subType(input, input);
  const sum = addType(E, E);
  const one = quantizeDouble(1, E);
  const clamp = (index: bigint, size: number) => Math.min(size - 1, Math.max(0, Number(index)));
  return x.map((xi, i) => {
    let acc = 0n;
    for (let j = 0; j < x.length; j++) {
      const xj = x[j] ?? 0n;
      const term = i === j ? one : (expTable[clamp(tableIndexBase(xj - xi, diff, expTable.length, 16) + BigInt(Math.floor((8 * expTable.length) / 16)), expTable.length)] ?? 0n);
      acc = castRaw(acc + term, sum, E);
    }
    return castRaw(invert[clamp(tableIndexBase(acc, E, invert.length, 64), invert.length)] ?? 0n, E, output);
  });
}

export function softmaxRow(layer: HwLayerOf<'softmax'>, x: readonly bigint[], input: FixedType, output: FixedType): bigint[] {
  switch (layer.implementation) {
    case 'argmax': {
      let index = 0;
      for (let i = 1; i < x.length; i++) if ((x[i] ?? 0n) > (x[index] ?? 0n)) index = i;
      const one = quantizeDouble(1, output);
      return x.map((_, i) => (i === index ? one : 0n));
    }
    case 'legacy':
      return legacyRow(layer, x, input, output);
    case 'stable':
    case 'latency': {
      const { exp: expTable, invert } = layer.tables;
      const A = layer.accumType;
      const expBits = hlsCeilLog2(expTable.length);
      let indices: number[];
      if (layer.implementation === 'stable') {
        const norm = layer.normType as FixedType;
        const max = reduceTree(x, (a, b) => (a >= b ? a : b));
        indices = x.map((xi) => topBitsIndex(castRaw(max - xi, subType(input, input), norm), expBits, norm));
      } else {
        indices = x.map((xi) => topBitsIndex(xi, expBits, input));
      }
      const exps = indices.map((index) => castRaw(expTable[index] ?? 0n, layer.expTableType, A));
      const sumType = addType(A, A);
      const total = castRaw(reduceTree(exps, (a, b) => castRaw(a + b, sumType, A)), A, layer.invInputType);
      const inverse = invert[topBitsIndex(total, hlsCeilLog2(invert.length), layer.invInputType)] ?? 0n;
      const product = mulType(A, layer.invTableType);
      return exps.map((e) => castRaw(e * inverse, product, output));
    }
  }
}

