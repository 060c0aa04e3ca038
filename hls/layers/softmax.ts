// Softmax as current hls4ml main's nnet_activation.h (Vivado/Vitis; softmax-tables.ts for the sizes,
// types and tables): softmax_stable (the default), softmax_latency, softmax_legacy and softmax_argmax,
// over the last axis.
// - stable: x_max = reduce(x, Op_max); d_i = inp_norm_t(x_max - x_i); exp_res_i = accum_t(exp_table[top
//   bits of d_i]); latency addresses the exp table by the top bits of x_i itself.
// - exp_sum = inv_inp_t(reduce(exp_res, Op_add<accum_t>)), each add cast to accum_t (nnet_common.h);
//   inv = invert_table[top bits of exp_sum]; res_i = res_T(exp_res_i * inv), the product at full width.
// - legacy: res_i = invert_table[index of sum_j exp_table[index of x_j - x_i]], sums in table_t.
// - argmax: res[idx] = 1 for the first strictly greatest input.
// accum_t is looked up like every accumulator (LayerName, LayerType, Model accum, Model default: the
// layer's _set_accum_t); exp_table_t, inv_table_t and inv_inp_t default to ap_fixed<18,8,AP_RND,AP_SAT>
// (fpga_backend.py's Softmax attributes).
import { addType, castRaw, formatFixedType, mulType, sameType, subType, type FixedType } from '@ngt/fxp';
import type { HwLayerOf } from '../ir/hardware.js';
import { defineHwLayer, defineLowering, quantizeDouble, resolvePrecision } from './definition.js';
import { hlsCeilLog2, tableIndexBase, topBitsIndex } from './fixed-math.js';
import { emitSoftmax } from './softmax-emit.js';
import { buildSoftmaxTables, LEGACY_TABLE_TYPE, softmaxSizes } from './softmax-tables.js';
import { DEFAULT_TABLE_PRECISIONS } from '../config/defaults.js';

export const softmaxLowering = defineLowering({
  kind: 'softmax',
  hlsClass: () => 'Softmax',
  lower(node, hlsClass, context) {
    const config = context.layerConfig;
    const input = context.inputTypes[0] as FixedType;
    const outputType = resolvePrecision(config.precision('result'), () => null, context.modelDefault);
    const implementation = config.softmaxImplementation;
    const table = (variable: string): FixedType => {
      const fallback = DEFAULT_TABLE_PRECISIONS.get(variable) as FixedType;
      return resolvePrecision(config.precision(variable), () => fallback, fallback);
    };
    const legacy = implementation === 'legacy';
    if (legacy) {
      const configured = table('table');
      if (!sameType(configured, LEGACY_TABLE_TYPE)) {
        context.note(`${node.name}: hls4ml's softmax config has no table_t, so its legacy tables are nnet::activ_config's ap_fixed<18,8>, not the configured ${formatFixedType(configured)}`);
      }
    }
    const expTableType = legacy ? LEGACY_TABLE_TYPE : table('exp_table');
    const invTableType = legacy ? LEGACY_TABLE_TYPE : table('inv_table');
    const invInputType = table('inv_inp');
    const accumType = resolvePrecision(config.precision('accum'), () => null, context.modelDefault);
    const norm = config.precision('inp_norm');
    const sizes = softmaxSizes({
      name: node.name,
      implementation,
      ioType: context.ioType,
      input,
      // fix_softmax_table_size.py reads inv_table_t's width whatever the implementation.
      invTableType: table('inv_table'),
      tableSize: config.tableSize,
      normType: norm === 'auto' ? null : norm,
    });
    for (const warning of sizes.warnings) context.note(warning);
    const tables = buildSoftmaxTables({
      name: node.name,
      implementation,
      sizes,
      expAddress: sizes.normType ?? input,
      invAddress: invInputType,
      expTableType,
      invTableType,
    });
    const layer: HwLayerOf<'softmax'> = {
      kind: 'softmax',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      implementation,
      expTableType,
      invTableType,
      accumType,
      invInputType,
      normType: sizes.normType,
      length: context.outputShape[context.outputShape.length - 1] ?? 1,
      tables,
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

function softmaxRow(layer: HwLayerOf<'softmax'>, x: readonly bigint[], input: FixedType, output: FixedType): bigint[] {
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
