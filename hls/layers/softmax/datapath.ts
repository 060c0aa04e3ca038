// The softmax hardware over each slice of N values (the last axis; every slice of a sample side by side
// in io_parallel, one per token in io_stream). Tables are LUT ROMs, or block RAMs with a registered read
// (datapath/memory.ts), one copy per two reads.
//
// stable:  x ─ max tree (compare, select per level) ─ x_max - x_i ─ inp_norm_t ─[|]─ exp ROM ─ accum_t
//            ─ sum tree ─ inv_inp_t ─[|]─ 1/x ROM ─ exp * inv (N multipliers) ─ cast ─|─ y
// latency: the same without the max tree and the subtraction (the exp table addressed by x).
// legacy:  N (N - 1) differences x_j - x_i and their table indices ─[|]─ exp ROM ─ N sums in table_t
//            ─ 1/x index ─[|]─ 1/x ROM ─ cast ─|─ y
// argmax:  max tree ─ one-hot select ─|─ y
import { mulType, subType, type FixedType } from '@ngt/fxp';
import { logic, type Datapath, type Step } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import { adderTreeSteps } from '../../datapath/mac-datapath.js';
import { romMemory } from '../../datapath/memory.js';
import { variableMultiplier } from '../../datapath/multiplier.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import type { LayerContext } from '../kind.js';

/** A comparator-and-select tree over `terms` values in each of `slices` slices. */
function maxTreeSteps(terms: number, slices: number, width: number): Step[] {
  const steps: Step[] = [];
  let n = terms;
  for (let level = 1; n > 1; level++) {
    const pairs = Math.floor(n / 2) * slices;
    n = Math.ceil(n / 2);
    steps.push(logic(`max tree level ${level} compare`, [{ op: 'compare', count: pairs, width }], n * slices * width));
    steps.push(logic(`max tree level ${level} select`, [{ op: 'select', count: pairs, inputs: 2, width }], n * slices * width));
  }
  return steps;
}

/** A table read `reads` times per cycle: a register first when it is a block RAM (the registered read). */
function romSteps(name: string, depth: number, type: FixedType, reads: number): Step[] {
  const memory = romMemory(depth, type.width);
  return [
    ...(memory === 'block' ? [{ kind: 'register' as const, name: `${name} address`, bits: 0 }] : []),
    logic(`${name} read`, [{ op: 'rom', count: 1, depth, width: type.width, reads, memory }], reads * type.width),
  ];
}

export function softmaxDatapath(layer: HwLayerOf<'softmax'>, context: LayerContext): Datapath {
  const input = context.inputTypes[0] as FixedType;
  const out = context.outputType;
  const n = layer.length;
  const slices = Math.max(1, lanes(context.outputShape, context.ioType) / n);
  const values = n * slices;
  const exp = layer.tables.exp.length;
  const inv = layer.tables.invert.length;
  const notes = [`${layer.implementation}: ${slices} slice(s) of ${n}; exp table ${exp} x ${layer.expTableType.width}, 1/x table ${inv} x ${layer.invTableType.width}`];
  const done = (steps: Step[]): Datapath => ({ steps, storage: [], outputBits: values * out.width, iterationIi: 1, notes });
  if (layer.implementation === 'argmax') {
    return done([...maxTreeSteps(n, slices, input.width), logic('one-hot select', [{ op: 'select', count: values, inputs: 2, width: out.width }], values * out.width)]);
  }
  if (layer.implementation === 'legacy') {
    const table = layer.expTableType;
    const differences = n * (n - 1) * slices;
    const diff = subType(input, input);
    return done([
      logic('pairwise differences', [{ op: 'add', count: differences, width: diff.width }], differences * diff.width),
      logic('exp table index', [{ op: 'compare', count: 2 * differences, width: diff.width }], differences * Math.ceil(Math.log2(exp))),
      ...romSteps('exp ROM', exp, table, differences),
      ...adderTreeSteps('sum tree level', new Array<number>(values).fill(n), table.width),
      logic('1/x table index', [{ op: 'compare', count: 2 * values, width: table.width }], values * Math.ceil(Math.log2(inv))),
      ...romSteps('1/x ROM', inv, layer.invTableType, values),
      logic('cast to result_t', [{ op: 'cast', count: values, from: table, to: out }], values * out.width),
    ]);
  }
  const accum = layer.accumType;
  const steps: Step[] = [];
  if (layer.implementation === 'stable') {
    const norm = layer.normType as FixedType;
    const diff = subType(input, input);
    steps.push(...maxTreeSteps(n, slices, input.width));
    steps.push(logic('x_max - x_i', [{ op: 'add', count: values, width: diff.width }], values * diff.width));
    steps.push(logic('cast to inp_norm_t', [{ op: 'cast', count: values, from: diff, to: norm }], values * norm.width));
  }
  steps.push(...romSteps('exp ROM', exp, layer.expTableType, values));
  steps.push(logic('cast to accum_t', [{ op: 'cast', count: values, from: layer.expTableType, to: accum }], values * accum.width));
  steps.push(...adderTreeSteps('sum tree level', new Array<number>(slices).fill(n), accum.width));
  steps.push(logic('cast to inv_inp_t', [{ op: 'cast', count: slices, from: accum, to: layer.invInputType }], slices * layer.invInputType.width));
  steps.push(...romSteps('1/x ROM', inv, layer.invTableType, slices));
  const plan = variableMultiplier(accum, layer.invTableType, context.family);
  const product = mulType(accum, layer.invTableType);
  steps.push(logic('exp * 1/sum', [{ op: 'mul', count: values, a: { width: accum.width, signed: accum.signed }, b: { width: layer.invTableType.width, signed: layer.invTableType.signed }, plan }], values * product.width));
  steps.push(logic('cast to result_t', [{ op: 'cast', count: values, from: product, to: out }], values * out.width));
  return done(steps);
}
