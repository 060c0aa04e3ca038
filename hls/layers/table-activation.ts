// Sigmoid and tanh by table, as nnet_activation.h: init_sigmoid_table (1024 entries over [-8, 8)),
// init_tanh_table (over [-4, 4)), and the index `data * table_size / 16 + 8 * table_size / 16`
// (tanh: / 8 and 4 *), clamped to the table. Tables are filled as the C++ does it in float:
// sigmoid_fcn_float returns float(1.0 / float(1 + expf(-x))), tanh is tanhf; we take Math.fround of the
// double results, which equals the float functions except within an ulp of a float rounding boundary
// (the table test checks no entry's quantization is that close to a boundary).
import { castRaw, fixedType, type FixedType } from '@ngt/fxp';
import type { HwLayerOf, TableFunction } from '../ir/hardware.js';
import { rangeOf } from '../simulate/emit-context.js';
import { defineHwLayer, quantizeDouble, resolvePrecision, type LowerContext, type Lowered } from './definition.js';
import { tableIndexBase, tableIndexBaseSource } from './fixed-math.js';

/** hls4ml's default table type (DESIGN.md; Activation.initialize / Softmax table attributes). */
export const defaultTableType: FixedType = fixedType(18, 8, { quantization: 'AP_RND', overflow: 'AP_SAT' });

/** (data * N / divisor) + offset * N / divisor, per function. */
const indexing: Record<TableFunction, { divisor: number; offset: number }> = {
  sigmoid: { divisor: 16, offset: 8 },
  tanh: { divisor: 8, offset: 4 },
};

export function tableValue(fn: TableFunction, index: number, size: number): number {
  const range = fn === 'sigmoid' ? 8.0 : 4.0;
  const x = Math.fround((2 * range * (index - size / 2.0)) / size);
  if (fn === 'sigmoid') return Math.fround(1.0 / Math.fround(1 + Math.fround(Math.exp(-x))));
  return Math.fround(Math.tanh(x));
}

export function buildTable(fn: TableFunction, size: number, type: FixedType): bigint[] {
  return Array.from({ length: size }, (_, i) => quantizeDouble(tableValue(fn, i, size), type));
}

export function tableIndex(fn: TableFunction, raw: bigint, type: FixedType, size: number): number {
  const { divisor, offset } = indexing[fn];
  const index = Number(tableIndexBase(raw, type, size, divisor)) + Math.floor((offset * size) / divisor);
  return Math.min(size - 1, Math.max(0, index));
}

export function tableActivation(
  name: string,
  hlsClass: string,
  inputs: readonly string[],
  output: string,
  fn: TableFunction,
  context: LowerContext,
  outputType: FixedType,
): Lowered {
  const tableType = resolvePrecision(context.layerConfig.precision('table'), () => defaultTableType, defaultTableType);
  const size = context.layerConfig.tableSize;
  const layer: HwLayerOf<'table_activation'> = { kind: 'table_activation', name, hlsClass, inputs, output, function: fn, tableType, table: buildTable(fn, size, tableType) };
  return { layer, outputType };
}

export const tableActivationLayer = defineHwLayer({
  kind: 'table_activation',
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0] as FixedType;
    return (inputs[0] ?? []).map((x) => castRaw(layer.table[tableIndex(layer.function, x, input, layer.table.length)] ?? 0n, layer.tableType, outputType));
  },
  emit(layer, context) {
    const w = context.w;
    const input = context.inputType(0);
    const size = layer.table.length;
    const { divisor, offset } = indexing[layer.function];
    const range = rangeOf(input);
    context.requireExact({ ...range, min: range.min * size, max: range.max * size }, 'a table index');
    const table = context.constant('table', layer.table.map((raw) => Number(castRaw(raw, layer.tableType, context.outputType))));
    w.block(`for (let i = 0; i < ${context.output}.length; i++)`, () => {
      w.line(`let index = ${tableIndexBaseSource(`${context.input(0)}[i]`, input, size, divisor)} + ${Math.floor((offset * size) / divisor)};`);
      w.line(`if (index < 0) index = 0;`);
      w.line(`if (index > ${size - 1}) index = ${size - 1};`);
      w.line(`${context.output}[i] = ${table}[index];`);
    });
  },
  multipliers: () => 0,
});
