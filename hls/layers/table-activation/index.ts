// Activations by table, as current hls4ml main's nnet_activation.h (tables.ts for the entries and
// indices): sigmoid, tanh, softsign, softplus, elu (alpha a param_t) and selu. The index is computed
// from the input's bits and clamped, the table read (a LUT ROM, or a block RAM with its registered
// read for big tables, datapath/memory.ts), the entry cast to result_t.
//
//   x ─ index ─ clamp ─[|]─ table ROM ─ [x >= 0 select, alpha or lambda multiply] ─ cast ─|─ y
import { castRaw, fractionBits, mulType, type FixedType } from '@ngt/fxp';
import { UnsupportedLayerError } from '../../errors.js';
import { logic, type Datapath, type Step } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import { romMemory } from '../../datapath/memory.js';
import { constantMultiplier } from '../../datapath/multiplier.js';
import { TABLE_FUNCTIONS, type HwLayerOf, type TableFunction } from '../../ir/hardware.js';
import { tokenwisePlan } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf, type LayerContext } from '../kind.js';
import { rangeOf } from '../shared/emit-context.js';
import { tableIndexBaseSource } from '../shared/fixed-math.js';
import { paramType, quantizeDouble, resolvePrecision } from '../shared/precision.js';
import { buildTable, defaultTableType, INDEXING, SELU_LAMBDA, SELU_LAMBDA_TYPE, tableIndex } from './tables.js';
import { tableActivationVerilog } from './verilog.js';

function referenceValue(layer: HwLayerOf<'table_activation'>, x: bigint, input: FixedType, output: FixedType): bigint {
  const fn = layer.function;
  if (INDEXING[fn].kind === 'negative' && x >= 0n) {
    return fn === 'selu' ? castRaw(SELU_LAMBDA * x, mulType(SELU_LAMBDA_TYPE, input), output) : castRaw(x, input, output);
  }
  const entry = layer.table[tableIndex(fn, x, input, layer.table.length)] ?? 0n;
  if (layer.alpha) return castRaw(layer.alpha.raw * entry, mulType(layer.alpha.type, layer.tableType), output);
  return castRaw(entry, layer.tableType, output);
}

function datapathOf(layer: HwLayerOf<'table_activation'>, context: LayerContext): Datapath {
  const input = context.inputTypes[0] as FixedType;
  const out = context.outputType;
  const n = lanes(context.outputShape, context.ioType);
  const size = layer.table.length;
  const indexBits = Math.max(1, Math.ceil(Math.log2(size)));
  const tableType = layer.tableType;
  const memory = romMemory(size, tableType.width);
  const negativeSide = INDEXING[layer.function].kind === 'negative';
  const steps: Step[] = [
    logic('table index', [{ op: 'add', count: n, width: input.width }], n * indexBits),
    logic('clamp', [{ op: 'compare', count: 2 * n, width: input.width }], n * indexBits),
    logic('clamp select', [{ op: 'select', count: n, inputs: 2, width: indexBits }], n * indexBits),
    ...(memory === 'block' ? [{ kind: 'register' as const, name: 'table ROM address', bits: 0 }] : []),
    logic('table ROM read', [{ op: 'rom', count: 1, depth: size, width: tableType.width, reads: n, memory }], n * tableType.width),
  ];
  let valueType = tableType;
  if (layer.alpha) {
    const plan = constantMultiplier(tableType, layer.alpha.raw, layer.alpha.type, context.family);
    valueType = mulType(layer.alpha.type, tableType);
    steps.push(logic('multiply by alpha', [{ op: 'const_mul', count: n, a: { width: tableType.width, signed: tableType.signed }, b: { width: layer.alpha.type.width, signed: layer.alpha.type.signed }, plan }], n * valueType.width));
  }
  if (layer.function === 'selu') {
    const plan = constantMultiplier(input, SELU_LAMBDA, SELU_LAMBDA_TYPE, context.family);
    steps.push(logic('lambda * x', [{ op: 'const_mul', count: n, a: { width: input.width, signed: input.signed }, b: { width: SELU_LAMBDA_TYPE.width, signed: false }, plan }], n * out.width));
  }
  if (negativeSide) steps.push(logic('x >= 0 select', [{ op: 'select', count: n, inputs: 2, width: out.width }], n * out.width));
  steps.push(logic('cast to result_t', [{ op: 'cast', count: n, from: valueType, to: out }], n * out.width));
  const where = memory === 'block' ? 'block RAM' : 'LUTs';
  return { steps, storage: [], outputBits: n * out.width, iterationIi: 1, notes: [`${layer.function} table ${size} x ${tableType.width} bits, ${n} reads per cycle, in ${where}`] };
}

export const tableActivation = defineLayerKind({
  kind: 'table_activation',
  classes: {
    Activation: { variables: ['table'], reuse: true, table: true },
    ELU: { variables: ['table', 'param'], reuse: true, table: true },
  },
  lowers: ['activation'],
  accepts: (node) => node.kind === 'activation' && (TABLE_FUNCTIONS as readonly string[]).includes(node.activation.kind),
  hlsClass: (node) => (nodeOf(node, 'activation').activation.kind === 'elu' ? 'ELU' : 'Activation'),
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'activation');
    const fn = node.activation;
    const outputType = resolvePrecision(context.layerConfig.precision('result'), () => null, context.modelDefault);
    const tableType = resolvePrecision(context.layerConfig.precision('table'), () => defaultTableType, defaultTableType);
    const size = context.layerConfig.tableSize;
    let alpha: { raw: bigint; type: FixedType } | undefined;
    if (fn.kind === 'elu') {
      // hls4ml's ONNX parser reads alpha with a default of 0.01 where ONNX says 1.0; ngt reads the model as ONNX does.
      const type = paramType(context.layerConfig, fn.alpha, context.modelDefault);
      alpha = { raw: quantizeDouble(fn.alpha, type), type };
    }
    if (fn.kind === 'selu' && (fn.alpha !== Math.fround(1.6732632423543772) || fn.gamma !== Math.fround(1.0507009873554805))) {
      // nnet_activation.h selu has SELU's constants built in; ONNX lets a model choose others.
      throw new UnsupportedLayerError(`layer '${node.name}': Selu must have ONNX's default alpha and gamma (the constants hls4ml's selu has built in), not alpha ${fn.alpha}, gamma ${fn.gamma}`);
    }
    const kind = fn.kind as TableFunction;
    const layer: HwLayerOf<'table_activation'> = {
      kind: 'table_activation',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      function: kind,
      tableType,
      table: buildTable(kind, size, tableType),
      ...(alpha && { alpha }),
    };
    return { layer, outputType };
  },
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
  verilog: tableActivationVerilog,
  multipliers: (layer) => (layer.alpha || layer.function === 'selu' ? 1 : 0),
  datapath: datapathOf,
  tokens: (_layer, context) => tokenwisePlan(context.inputShapes, context.outputShape, context.ioType),
});
