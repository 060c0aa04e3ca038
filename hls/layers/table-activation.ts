// Activations by table, as current hls4ml main's nnet_activation.h: sigmoid, tanh, softsign and
// softplus (init_*_table over [-8, 8), tanh over [-4, 4); index `data * table_size / 16 + 8 *
// table_size / 16`, tanh / 8 and 4 *, clamped), elu and selu (init_elu_table / init_selu_table over
// [-8, 0]; for x < 0 the index is `x * table_size / -8`, clamped; x >= 0 passes through, selu as
// lambda * x with lambda an ap_ufixed<16,1>; elu multiplies the entry by alpha as a param_t).
// Entries are computed as the C++ does: in_val in double rounded to float, then the function with
// float expf/tanhf (libm-float.ts: glibc's, bit for bit) and the double arithmetic each
// *_fcn_float writes (softsign, softplus, elu, selu and sigmoid's 1.0 / ... are doubles), the result
// rounded to float on return and cast to table_t as ap_fixed's float constructor does.
import { castRaw, fixedType, fractionBits, mulType, type FixedType } from '@ngt/fxp';
import type { HwLayerOf, TableFunction } from '../ir/hardware.js';
import { rangeOf } from '../simulate/emit-context.js';
import { defineHwLayer, quantizeDouble, resolvePrecision, type LowerContext, type Lowered } from './definition.js';
import { tableIndexBase, tableIndexBaseSource } from './fixed-math.js';
import { expf, tanhf } from './libm-float.js';

/** The table type for 'auto' (an activation's 'table' default is fixed<18,8>, hls/config/defaults.ts). */
export const defaultTableType: FixedType = fixedType(18, 8);

/** selu's `typedef ap_ufixed<16, 1> selu_const_t; lambda = 1.0507009873554805` (AP_TRN). */
export const SELU_LAMBDA_TYPE: FixedType = fixedType(16, 1, { signed: false });
export const SELU_LAMBDA: bigint = quantizeDouble(1.0507009873554805, SELU_LAMBDA_TYPE);

type Indexing = { readonly kind: 'symmetric'; readonly divisor: number; readonly offset: number } | { readonly kind: 'negative' };

const INDEXING: Record<TableFunction, Indexing> = {
  sigmoid: { kind: 'symmetric', divisor: 16, offset: 8 },
  softsign: { kind: 'symmetric', divisor: 16, offset: 8 },
  softplus: { kind: 'symmetric', divisor: 16, offset: 8 },
  tanh: { kind: 'symmetric', divisor: 8, offset: 4 },
  elu: { kind: 'negative' },
  selu: { kind: 'negative' },
};

const F = Math.fround;

/** Entry `index` of a table of `size` entries, as a float value. */
export function tableValue(fn: TableFunction, index: number, size: number): number {
  const indexing = INDEXING[fn];
  if (indexing.kind === 'negative') {
    const x = F((-8.0 * index) / size);
    const expm1 = expf(x) - 1.0;
    // selu_fcn_float: 1.0507009873554804934193349852946 * (1.6732632423543772848170429916717 * (exp - 1.)),
    // whose double literals are the doubles written here.
    return fn === 'elu' ? F(expm1) : F(1.0507009873554805 * (1.6732632423543772 * expm1));
  }
  const x = F((2 * indexing.offset * (index - size / 2.0)) / size);
  switch (fn) {
    case 'sigmoid':
      return F(1.0 / F(1 + expf(-x)));
    case 'tanh':
      return tanhf(x);
    case 'softsign':
      return F(x / (Math.abs(x) + 1.0));
    default:
      return F(Math.log(expf(x) + 1.0));
  }
}

export function buildTable(fn: TableFunction, size: number, type: FixedType): bigint[] {
  return Array.from({ length: size }, (_, i) => quantizeDouble(tableValue(fn, i, size), type));
}

/** The table index of raw x (for elu/selu, of a negative x). */
export function tableIndex(fn: TableFunction, raw: bigint, type: FixedType, size: number): number {
  const indexing = INDEXING[fn];
  const index =
    indexing.kind === 'negative' ? Number(tableIndexBase(raw, type, size, -8)) : Number(tableIndexBase(raw, type, size, indexing.divisor)) + Math.floor((indexing.offset * size) / indexing.divisor);
  return Math.min(size - 1, Math.max(0, index));
}

/**
 * hls4ml's _get_precision_from_constant (infer_precision.py), for an 'auto' param_t: the fewest
 * fraction bits (-31..32) that hold the value, minimal_kif's integer bits, at most 8 bits plus sign.
 */
export function constantPrecision(value: number): FixedType {
  if (value === 0) return fixedType(1, 1, { signed: false });
  let f = -31;
  while (f < 32 && !Number.isInteger(value * 2 ** f)) f += 1;
  const signed = value < 0 ? 1 : 0;
  const integer = Math.ceil(Math.log2(Math.max(value + 2 ** -f, -value)));
  return fixedType(Math.min(signed + integer + f, signed + 8), signed + integer, { signed: signed === 1 });
}

/** The param_t of a parametrized activation (leaky_relu, elu): looked up as 'param', 'auto' from the constant. */
export function paramType(context: LowerContext, value: number): FixedType {
  return resolvePrecision(context.layerConfig.precision('param'), () => constantPrecision(value), context.modelDefault);
}

export function tableActivation(
  name: string,
  hlsClass: string,
  inputs: readonly string[],
  output: string,
  fn: TableFunction,
  context: LowerContext,
  outputType: FixedType,
  alpha = 1,
): Lowered {
  const tableType = resolvePrecision(context.layerConfig.precision('table'), () => defaultTableType, defaultTableType);
  const size = context.layerConfig.tableSize;
  const param = fn === 'elu' ? paramType(context, alpha) : null;
  const layer: HwLayerOf<'table_activation'> = {
    kind: 'table_activation',
    name,
    hlsClass,
    inputs,
    output,
    function: fn,
    tableType,
    table: buildTable(fn, size, tableType),
    ...(param && { alpha: { raw: quantizeDouble(alpha, param), type: param } }),
  };
  return { layer, outputType };
}

function referenceValue(layer: HwLayerOf<'table_activation'>, x: bigint, input: FixedType, output: FixedType): bigint {
  const fn = layer.function;
  if (INDEXING[fn].kind === 'negative' && x >= 0n) {
    return fn === 'selu' ? castRaw(SELU_LAMBDA * x, mulType(SELU_LAMBDA_TYPE, input), output) : castRaw(x, input, output);
  }
  const entry = layer.table[tableIndex(fn, x, input, layer.table.length)] ?? 0n;
  if (layer.alpha) return castRaw(layer.alpha.raw * entry, mulType(layer.alpha.type, layer.tableType), output);
  return castRaw(entry, layer.tableType, output);
}

export const tableActivationLayer = defineHwLayer({
  kind: 'table_activation',
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0] as FixedType;
    return (inputs[0] ?? []).map((x) => referenceValue(layer, x, input, outputType));
  },
  emit(layer, context) {
    const w = context.w;
    const input = context.inputType(0);
    const output = context.outputType;
    const size = layer.table.length;
    const indexing = INDEXING[layer.function];
    const range = rangeOf(input);
    context.requireExact({ ...range, min: range.min * size, max: range.max * size }, 'a table index');
    // Each entry as the layer's output (alpha * entry for elu): the cast depends on the entry alone.
    const outputs = layer.table.map((raw) => Number(layer.alpha ? castRaw(layer.alpha.raw * raw, mulType(layer.alpha.type, layer.tableType), output) : castRaw(raw, layer.tableType, output)));
    const table = context.constant('table', outputs);
    w.block(`for (let i = 0; i < ${context.output}.length; i++)`, () => {
      const x = `${context.input(0)}[i]`;
      if (indexing.kind === 'symmetric') {
        w.line(`let index = ${tableIndexBaseSource(x, input, size, indexing.divisor)} + ${Math.floor((indexing.offset * size) / indexing.divisor)};`);
        w.line('if (index < 0) index = 0;');
        w.line(`if (index > ${size - 1}) index = ${size - 1};`);
        w.line(`${context.output}[i] = ${table}[index];`);
        return;
      }
      w.line(`const x = ${x};`);
      w.line('let r;');
      w.block('if (x >= 0)', () => {
        const positive = { ...range, min: 0 };
        if (layer.function === 'selu') {
          const lambda = Number(SELU_LAMBDA);
          const product = { min: 0, max: positive.max * lambda, fractionBits: range.fractionBits + fractionBits(SELU_LAMBDA_TYPE) };
          context.requireExact(product, 'selu lambda * x');
          context.cast(product, output, `x * ${lambda}`, 'r');
        } else {
          context.cast(positive, output, 'x', 'r');
        }
      });
      w.block('else', () => {
        w.line(`let index = ${tableIndexBaseSource('x', input, size, -8)};`);
        w.line(`if (index > ${size - 1}) index = ${size - 1};`);
        w.line(`r = ${table}[index];`);
      });
      w.line(`${context.output}[i] = r;`);
    });
  },
  multipliers: (layer) => (layer.alpha || layer.function === 'selu' ? 1 : 0),
});
