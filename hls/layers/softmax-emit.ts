// The compiled simulator's softmax (see softmax.ts for the hls4ml code paths it mirrors). Each row of
// `length` values is unrolled: the exp lookups, the reduce tree of Op_add<exp_table_t> and the products.
import { castRaw, fixedType, subType, type FixedType } from '@ngt/fxp';
import type { HwLayerOf } from '../ir/hardware.js';
import { rangeOf, type EmitContext } from '../simulate/emit-context.js';
import { hlsCeilLog2, tableIndexBaseSource } from './fixed-math.js';
import { quantizeDouble } from './definition.js';

/** The top `bits` bits of the W-bit pattern of raw `r` (an integer number) as an index. */
function topBitsSource(r: string, bits: number, type: FixedType): string {
  return `(Math.floor(${r} / ${2 ** (type.width - bits)}) & ${2 ** bits - 1})`;
}

export function emitSoftmax(layer: HwLayerOf<'softmax'>, context: EmitContext): void {
  const w = context.w;
  const n = layer.length;
  const x = context.input(0);
  const out = context.output;
  const input = context.inputType(0);
  const output = context.outputType;
  const range = rangeOf(input);
  w.block(`for (let base = 0; base < ${out}.length; base += ${n})`, () => {
    switch (layer.implementation) {
      case 'argmax': {
        w.line('let index = 0;');
        w.line(`for (let i = 1; i < ${n}; i++) if (${x}[base + i] > ${x}[base + index]) index = i;`);
        w.line(`for (let i = 0; i < ${n}; i++) ${out}[base + i] = i === index ? ${Number(quantizeDouble(1, output))} : 0;`);
        return;
      }
      case 'legacy': {
        const E = layer.expTableType;
        const size = layer.tables.exp.length;
        const expTable = context.constant('exp', layer.tables.exp.map(Number));
        const invert = context.constant('inv', layer.tables.invert.map((raw) => Number(castRaw(raw, E, output))));
        const diff = subType(input, input);
        const eRange = rangeOf(E);
        context.requireExact({ ...range, min: 2 * range.min * size, max: 2 * range.max * size }, 'a softmax table index');
        context.requireExact({ ...eRange, min: eRange.min * size, max: eRange.max * size }, 'a softmax table index');
        w.block(`for (let i = 0; i < ${n}; i++)`, () => {
          w.line('let acc = 0;');
          w.block(`for (let j = 0; j < ${n}; j++)`, () => {
            w.line(`let term = ${Number(quantizeDouble(1, E))};`);
            w.block('if (i !== j)', () => {
              w.line(`let index = ${tableIndexBaseSource(`(${x}[base + j] - ${x}[base + i])`, diff, size, 16)} + ${Math.floor((8 * size) / 16)};`);
              w.line(`if (index < 0) index = 0; if (index > ${size - 1}) index = ${size - 1};`);
              w.line(`term = ${expTable}[index];`);
            });
            context.cast({ ...eRange, min: 2 * eRange.min, max: 2 * eRange.max }, E, 'acc + term', 'acc');
          });
          w.line(`let index = ${tableIndexBaseSource('acc', E, size, 64)};`);
          w.line(`if (index < 0) index = 0; if (index > ${size - 1}) index = ${size - 1};`);
          w.line(`${out}[base + i] = ${invert}[index];`);
        });
        return;
      }
      case 'stable':
      case 'latency': {
        const E = layer.expTableType;
        const bits = hlsCeilLog2(layer.tables.exp.length);
        const expTable = context.constant('exp', layer.tables.exp.map(Number));
        const invert = context.constant('inv', layer.tables.invert.map(Number));
        for (let i = 0; i < n; i++) w.line(`let a${i} = ${x}[base + ${i}];`);
        if (layer.implementation === 'stable') {
          w.line('let max = a0;');
          for (let i = 1; i < n; i++) w.line(`if (a${i} > max) max = a${i};`);
          const diffType = fixedType(input.width, input.intBits, { quantization: 'AP_RND', overflow: 'AP_SAT' });
          const diffRange = { min: range.min - range.max, max: range.max - range.min, fractionBits: range.fractionBits };
          for (let i = 0; i < n; i++) {
            context.cast(diffRange, diffType, `a${i} - max`, `a${i}`);
            context.cast(rangeOf(diffType), input, `a${i}`, `a${i}`);
          }
        }
        for (let i = 0; i < n; i++) w.line(`const e${i} = ${expTable}[${topBitsSource(`a${i}`, bits, input)}];`);
        const eRange = rangeOf(E);
        const sumRange = { min: 2 * eRange.min, max: 2 * eRange.max, fractionBits: eRange.fractionBits };
        const tree = (names: string[]): string => {
          if (names.length === 1) return names[0] as string;
          const left = names.length === 2 ? 1 : 2 ** Math.floor(Math.log2(names.length - 1));
          const a = tree(names.slice(0, left));
          const b = tree(names.slice(left));
          const name = context.fresh('s');
          w.line(`let ${name};`);
          context.cast(sumRange, E, `${a} + ${b}`, name);
          return name;
        };
        const total = tree(Array.from({ length: n }, (_, i) => `e${i}`));
        w.line(`const inverse = ${invert}[${topBitsSource(total, bits, E)}];`);
        const iRange = rangeOf(layer.invTableType);
        const corners = [eRange.min * iRange.min, eRange.min * iRange.max, eRange.max * iRange.min, eRange.max * iRange.max];
        const productRange = { min: Math.min(...corners), max: Math.max(...corners), fractionBits: eRange.fractionBits + iRange.fractionBits };
        context.requireExact(productRange, 'a softmax product');
        for (let i = 0; i < n; i++) {
          w.line('let r;'.replace('r', `r${i}`));
          context.cast(productRange, output, `e${i} * inverse`, `r${i}`);
          w.line(`${out}[base + ${i}] = r${i};`);
        }
        return;
      }
    }
  });
}
