// Softmax as nnet_activation.h (Vivado): softmax_stable (default), softmax_latency, softmax_legacy and
// softmax_argmax, over the last axis. stable/latency address their tables by the top
// ceillog2(table_size) bits of the input (softmax_idx_from_real_val); the exp table holds
// exp(float(x)) for the value those bits stand for, the invert table 1/x over exp_table_t's top bits;
// sums use nnet_common.h's reduce tree with Op_add<exp_table_t>; each output is exp * inv cast to res_t.
// stable first forms d = x - max(x) in ap_fixed<W, I, AP_RND, AP_SAT>, then reads it as data_T.
import { addType, castRaw, fixedType, mulType, subType, type FixedType } from '@ngt/fxp';
import { HlsConfigValueError } from '../errors.js';
import type { HwLayerOf, SoftmaxTables } from '../ir/hardware.js';
import { defineHwLayer, defineLowering, quantizeDouble, resolvePrecision } from './definition.js';
import { hlsCeilLog2, tableIndexBase, topBitsIndex, topBitsValue } from './fixed-math.js';
import { rawToNumber, fractionBits } from '@ngt/fxp';
import { defaultTableType } from './table-activation.js';
import { emitSoftmax } from './softmax-emit.js';

function valueOf(raw: bigint, type: FixedType): number {
  return rawToNumber(raw, fractionBits(type));
}

function buildTables(implementation: string, input: FixedType, expType: FixedType, invType: FixedType, size: number, name: string): SoftmaxTables {
  if (implementation === 'legacy') {
    // init_exp_table_legacy over [-8, 8); init_invert_table_legacy over [0, 64) in double.
    const exp = Array.from({ length: size }, (_, i) => quantizeDouble(Math.fround(Math.exp(Math.fround((2 * 8.0 * (i - size / 2.0)) / size))), expType));
    const invert = Array.from({ length: size }, (_, i) => {
      const x = Math.fround((64.0 * i) / size);
      return x > 0 ? quantizeDouble(1.0 / x, invType) : 0n;
    });
    return { exp, invert };
  }
  if (implementation === 'argmax') return { exp: [], invert: [] };
  const bits = hlsCeilLog2(size);
  // softmax_idx_from_real_val reads ceillog2(table_size) bits, so any other size is read past its end
  // (undefined in hls4ml's C++): we ask for a size the index covers exactly.
  if (size !== 2 ** bits) {
    throw new HlsConfigValueError(`layer '${name}': the ${implementation} softmax table size must be a power of two from 2 up (its index is the input's top ceillog2(table_size) bits), not ${size}`);
  }
  for (const [type, what] of [[input, 'input'], [expType, 'exp_table']] as const) {
    if (type.width < bits) {
      throw new HlsConfigValueError(`layer '${name}': the softmax ${what} type must have at least ${bits} bits to address a ${size}-entry table, not ${type.width}`);
    }
  }
  const exp = Array.from({ length: size }, (_, i) => quantizeDouble(Math.fround(Math.exp(Math.fround(valueOf(topBitsValue(i, bits, input), input)))), expType));
  const invert = Array.from({ length: size }, (_, i) => quantizeDouble(Math.fround(1 / Math.fround(valueOf(topBitsValue(i, bits, expType), expType))), invType));
  return { exp, invert };
}

export const softmaxLowering = defineLowering({
  kind: 'softmax',
  hlsClass: () => 'Softmax',
  lower(node, hlsClass, context) {
    const config = context.layerConfig;
    const input = context.inputTypes[0] as FixedType;
    const outputType = resolvePrecision(config.precision('result'), () => null, context.modelDefault);
    const implementation = config.softmaxImplementation;
    const table = (variable: string) => resolvePrecision(config.precision(variable), () => defaultTableType, defaultTableType);
    const expTableType = implementation === 'legacy' ? table('table') : table('exp_table');
    const invTableType = implementation === 'legacy' ? expTableType : table('inv_table');
    const layer: HwLayerOf<'softmax'> = {
      kind: 'softmax',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      implementation,
      expTableType,
      invTableType,
      length: context.outputShape[context.outputShape.length - 1] ?? 1,
      tables: buildTables(implementation, input, expTableType, invTableType, config.tableSize, node.name),
    };
    return { layer, outputType };
  },
});

/** nnet_common.h reduce: split at the largest power of two below N, recurse, combine with op. */
export function reduceTree<T>(values: readonly T[], op: (a: T, b: T) => T): T {
  const n = values.length;
  if (n === 1) return values[0] as T;
  if (n === 2) return op(values[0] as T, values[1] as T);
  const left = 2 ** Math.floor(Math.log2(n - 1));
  return op(reduceTree(values.slice(0, left), op), reduceTree(values.slice(left), op));
}

function softmaxRow(layer: HwLayerOf<'softmax'>, x: readonly bigint[], input: FixedType, output: FixedType): bigint[] {
  const { exp: expTable, invert } = layer.tables;
  const size = expTable.length;
  const E = layer.expTableType;
  switch (layer.implementation) {
    case 'argmax': {
      let index = 0;
      for (let i = 1; i < x.length; i++) if ((x[i] ?? 0n) > (x[index] ?? 0n)) index = i;
      const one = quantizeDouble(1, output);
      return x.map((_, i) => (i === index ? one : 0n));
    }
    case 'legacy': {
      const diff = subType(input, input);
      const sum = addType(E, E);
      const one = quantizeDouble(1, E);
      return x.map((xi, i) => {
        let acc = 0n;
        for (let j = 0; j < x.length; j++) {
          const xj = x[j] ?? 0n;
          let term = one;
          if (i !== j) {
            const index = Math.min(size - 1, Math.max(0, Number(tableIndexBase(xj - xi, diff, size, 16)) + Math.floor((8 * size) / 16)));
            term = expTable[index] ?? 0n;
          }
          acc = castRaw(acc + term, sum, E);
        }
        const index = Math.min(size - 1, Math.max(0, Number(tableIndexBase(acc, E, size, 64))));
        return castRaw(invert[index] ?? 0n, E, output);
      });
    }
    case 'stable':
    case 'latency': {
      const bits = hlsCeilLog2(size);
      let addresses: readonly bigint[] = x;
      if (layer.implementation === 'stable') {
        const max = reduceTree(x, (a, b) => (a >= b ? a : b));
        const diffType = fixedType(input.width, input.intBits, { quantization: 'AP_RND', overflow: 'AP_SAT' });
        addresses = x.map((xi) => castRaw(castRaw(xi - max, subType(input, input), diffType), diffType, input));
      }
      const exps = addresses.map((a) => expTable[topBitsIndex(a, bits, input)] ?? 0n);
      const sumType = addType(E, E);
      const total = reduceTree(exps, (a, b) => castRaw(a + b, sumType, E));
      const inverse = invert[topBitsIndex(total, bits, E)] ?? 0n;
      const product = mulType(E, layer.invTableType);
      return exps.map((e) => castRaw(e * inverse, product, output));
    }
  }
}

export const softmaxLayer = defineHwLayer({
  kind: 'softmax',
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0] as FixedType;
    const x = inputs[0] ?? [];
    const n = layer.length;
    const out: bigint[] = [];
    for (let start = 0; start < x.length; start += n) out.push(...softmaxRow(layer, x.slice(start, start + n), input, outputType));
    return out;
  },
  emit: (layer, context) => emitSoftmax(layer, context),
  multipliers: (layer) => (layer.implementation === 'stable' || layer.implementation === 'latency' ? 1 : 0),
});

