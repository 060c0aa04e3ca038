// Add (nnet_merge.h add: res[i] = data1[i] + data2[i], the exact sum cast to res_t): a join of two
// streams; one token of each is read in the same cycle, added and cast into the output register.
//
//   a ─┐
//      ├─ add ─ cast ─|─ y        per lane: one adder of the sum width and the cast
//   b ─┘
import { addType, castRaw, type FixedType } from '@ngt/fxp';
import { logic } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { tokenwisePlan } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf } from '../kind.js';
import { rangeOf } from '../shared/emit-context.js';
import { plainFixed, resolvePrecision } from '../shared/precision.js';
import { addVerilog } from './verilog.js';

export const add = defineLayerKind({
  kind: 'add',
  classes: { Add: { variables: [], reuse: true, table: false } },
  lowers: ['add'],
  hlsClass: () => 'Add',
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'add');
    const [a, b] = context.inputTypes as [FixedType, FixedType];
    // infer_precision.py _infer_merge_precision ('add').
    const infer = () => {
      const signed = a.signed || b.signed;
      const intBits = Math.max(a.intBits + (b.signed && !a.signed ? 1 : 0), b.intBits + (a.signed && !b.signed ? 1 : 0)) + 1;
      return plainFixed(intBits + Math.max(a.width - a.intBits, b.width - b.intBits), intBits, signed);
    };
    const layer: HwLayerOf<'add'> = { kind: 'add', name: node.name, hlsClass, inputs: node.inputs, output: node.output };
    return { layer, outputType: resolvePrecision(context.layerConfig.precision('result'), infer, context.modelDefault) };
  },
  reference(_layer, inputs, inputTypes, outputType) {
    const [a, b] = inputTypes as [FixedType, FixedType];
    const sum = addType(a, b);
    const shiftA = BigInt(sum.width - sum.intBits - (a.width - a.intBits));
    const shiftB = BigInt(sum.width - sum.intBits - (b.width - b.intBits));
    return (inputs[0] ?? []).map((x, i) => castRaw((x << shiftA) + ((inputs[1]?.[i] ?? 0n) << shiftB), sum, outputType));
  },
  emit(_layer, context) {
    const a = context.inputType(0);
    const b = context.inputType(1);
    const sum = addType(a, b);
    const f = sum.width - sum.intBits;
    const ra = rangeOf(a);
    const rb = rangeOf(b);
    const sa = 2 ** (f - ra.fractionBits);
    const sb = 2 ** (f - rb.fractionBits);
    const range = { min: ra.min * sa + rb.min * sb, max: ra.max * sa + rb.max * sb, fractionBits: f };
    context.requireExact(range, 'an add');
    context.w.block(`for (let i = 0; i < ${context.output}.length; i++)`, () => {
      context.w.line('let r;');
      context.cast(range, context.outputType, `${context.input(0)}[i] * ${sa} + ${context.input(1)}[i] * ${sb}`, 'r');
      context.w.line(`${context.output}[i] = r;`);
    });
  },
  verilog: (_layer, context) => addVerilog(context),
  multipliers: () => 0,
  datapath(_layer, context) {
    const [a, b] = context.inputTypes as [FixedType, FixedType];
    const sum = addType(a, b);
    const n = lanes(context.outputShape, context.ioType);
    const out = context.outputType;
    return {
      steps: [logic('add', [{ op: 'add', count: n, width: sum.width }], n * sum.width), logic('cast to result_t', [{ op: 'cast', count: n, from: sum, to: out }], n * out.width)],
      storage: [],
      outputBits: n * out.width,
      iterationIi: 1,
      notes: [`${n} lanes`],
    };
  },
  tokens: (_layer, context) => tokenwisePlan(context.inputShapes, context.outputShape, context.ioType),
});
