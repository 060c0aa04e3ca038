// The compiled simulator's softmax (reference.ts for the hls4ml code it mirrors). Each row of `length`
// values is unrolled: the max tree and differences (stable), the exp reads (tables baked already cast to
// accum_t), the reduce tree of Op_add<accum_t>, the 1/x read and the products.
import { castRaw, subType, type FixedType } from '@ngt/fxp';
import type { HwLayerOf } from '../../ir/hardware.js';
import { rangeOf, type EmitContext, type RawRange } from '../shared/emit-context.js';
import { hlsCeilLog2 as addressBits, tableIndexBaseSource } from '../shared/fixed-math.js';
import { quantizeDouble } from '../shared/precision.js';

/** The top `bits` bits of the W-bit pattern of raw `r` (an integer number) as an index. */
function topBitsSource(r: string, bits: number, type: FixedType): string {
  return `(Math.floor(${r} / ${2 ** (type.width - bits)}) & ${2 ** bits - 1})`;
}

function productRange(a: RawRange, b: RawRange): RawRange {
  const corners = [a.min * b.min, a.min * b.max, a.max * b.min, a.max * b.max];
  return { min: Math.min(...corners), max: Math.max(...corners), fractionBits: a.fractionBits + b.fractionBits };
}

function emitLegacy(layer: HwLayerOf<'softmax'>, context: EmitContext): void {
  const w = context.w;
  const n = layer.length;
  const x = context.input(0);
  const out = context.output;
  const input = context.inputType(0);
  const range = rangeOf(input);
  const E = layer.expTableType;
  const expSize = layer.tables.exp.length;
  const invSize = layer.tables.invert.length;
  const expTable = context.constant('exp', layer.tables.exp.map(Number));
  const invert = context.constant('inv', layer.tables.invert.map((raw) => Number(castRaw(raw, E, context.outputType))));
  const eRange = rangeOf(E);
  context.requireExact({ ...range, min: 2 * range.min * expSize, max: 2 * range.max * expSize }, 'a softmax table index');
  context.requireExact({ ...eRange, min: eRange.min * invSize, max: eRange.max * invSize }, 'a softmax table index');
  w.block(`for (let i = 0; i < ${n}; i++)`, () => {
    w.line('let acc = 0;');
    w.block(`for (let j = 0; j < ${n}; j++)`, () => {
      w.line(`let term = ${Number(quantizeDouble(1, E))};`);
      w.block('if (i !== j)', () => {
        w.line(`let index = ${tableIndexBaseSource(`(${x}[base + j] - ${x}[base + i])`, subType(input, input), expSize, 16)} + ${Math.floor((8 * expSize) / 16)};`);
        w.line(`if (index < 0) index = 0; if (index > ${expSize - 1}) index = ${expSize - 1};`);
        w.line(`term = ${expTable}[index];`);
      });
      context.cast({ ...eRange, min: 2 * eRange.min, max: 2 * eRange.max }, E, 'acc + term', 'acc');
    });
    w.line(`let index = ${tableIndexBaseSource('acc', E, invSize, 64)};`);
    w.line(`if (index < 0) index = 0; if (index > ${invSize - 1}) index = ${invSize - 1};`);
    w.line(`${out}[base + i] = ${invert}[index];`);
  });
}

function emitTableSoftmax(layer: HwLayerOf<'softmax'>, context: EmitContext): void {
  const w = context.w;
  const n = layer.length;
  const x = context.input(0);
  const input = context.inputType(0);
  const range = rangeOf(input);
  const A = layer.accumType;
  const I = layer.invInputType;
  const exps = layer.tables.exp.map((raw) => Number(castRaw(raw, layer.expTableType, A)));
  const expTable = context.constant('exp', exps);
  const invert = context.constant('inv', layer.tables.invert.map(Number));
  const expBits = addressBits(layer.tables.exp.length);
  for (let i = 0; i < n; i++) w.line(`let a${i} = ${x}[base + ${i}];`);
  let address = input;
  if (layer.implementation === 'stable') {
    const norm = layer.normType as FixedType;
    address = norm;
    w.line('let max = a0;');
    for (let i = 1; i < n; i++) w.line(`if (a${i} > max) max = a${i};`);
    const diffRange = { min: 0, max: range.max - range.min, fractionBits: range.fractionBits };
    for (let i = 0; i < n; i++) context.cast(diffRange, norm, `max - a${i}`, `a${i}`);
  }
  for (let i = 0; i < n; i++) w.line(`const e${i} = ${expTable}[${topBitsSource(`a${i}`, expBits, address)}];`);
  const aRange = rangeOf(A);
  const expRange = { min: Math.min(0, ...exps), max: Math.max(0, ...exps), fractionBits: aRange.fractionBits };
  const sumRange = { min: 2 * aRange.min, max: 2 * aRange.max, fractionBits: aRange.fractionBits };
  const tree = (names: string[]): string => {
    if (names.length === 1) return names[0] as string;
    const left = names.length === 2 ? 1 : 2 ** Math.floor(Math.log2(names.length - 1));
    const a = tree(names.slice(0, left));
    const b = tree(names.slice(left));
    const name = context.fresh('s');
    w.line(`let ${name};`);
    context.cast(sumRange, A, `${a} + ${b}`, name);
    return name;
  };
  const total = tree(Array.from({ length: n }, (_, i) => `e${i}`));
  w.line('let sum;');
  context.cast(n === 1 ? expRange : aRange, I, total, 'sum');
  w.line(`const inverse = ${invert}[${topBitsSource('sum', addressBits(layer.tables.invert.length), I)}];`);
  const product = productRange(expRange, rangeOf(layer.invTableType));
  context.requireExact(product, 'a softmax product');
  for (let i = 0; i < n; i++) {
    w.line(`let r${i};`);
    context.cast(product, context.outputType, `e${i} * inverse`, `r${i}`);
    w.line(`${context.output}[base + ${i}] = r${i};`);
  }
}

export function emitSoftmax(layer: HwLayerOf<'softmax'>, context: EmitContext): void {
  const w = context.w;
  const n = layer.length;
  const x = context.input(0);
  const out = context.output;
  w.block(`for (let base = 0; base < ${out}.length; base += ${n})`, () => {
    switch (layer.implementation) {
      case 'argmax':
        w.line('let index = 0;');
        w.line(`for (let i = 1; i < ${n}; i++) if (${x}[base + i] > ${x}[base + index]) index = i;`);
        w.line(`for (let i = 0; i < ${n}; i++) ${out}[base + i] = i === index ? ${Number(quantizeDouble(1, context.outputType))} : 0;`);
        return;
      case 'legacy':
        emitLegacy(layer, context);
        return;
      case 'stable':
      case 'latency':
        emitTableSoftmax(layer, context);
    }
  });
}
