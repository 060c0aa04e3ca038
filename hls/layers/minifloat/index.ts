// FloatQuant on activations (qonnx custom_op/general/floatquant.py float_quant; Brevitas FP8 / minifloat):
// x / scale rounded to the minifloat grid (the exponent floor(log2|x|), mantissa M bits, exponent bias B,
// subnormals below 2^(1 - B)), clamped to +-min(max_val, the format's largest value), times scale. hls4ml
// has no such layer; in fixed point it is exact: with scale 2^s, every result is a multiple of
// 2^(1 - B - M + s) no larger than the clamp, so the output type is the fixed type holding them all.
// The exponent comes from the input raw's leading one (exact; the reference's float32 log2 agrees for
// inputs of up to ~20 significant bits, where no value lies within float32 rounding of a power of two).
//
//   x ─ leading one, shift, round ─ clamp ─|─ y
import { fractionBits, invariant, type FixedType } from '@ngt/fxp';
import { UnsupportedLayerError } from '../../errors.js';
import { logic } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { tokenwisePlan } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf } from '../kind.js';
import { NeedsWidePath } from '../shared/emit-context.js';
import { exactTypeFor } from '../shared/fixed-math.js';
import { minifloatVerilog } from './verilog.js';

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** raw / 2^shift rounded by mode (ROUND: half to even), on the signed value. */
function roundShift(raw: bigint, shift: number, mode: HwLayerOf<'minifloat'>['rounding']): bigint {
  if (shift <= 0) return raw << BigInt(-shift);
  const d = 1n << BigInt(shift);
  const floor = raw >= 0n ? raw / d : -((-raw + d - 1n) / d);
  if (mode === 'FLOOR') return floor;
  const rest = raw - floor * d;
  if (mode === 'CEIL') return rest === 0n ? floor : floor + 1n;
  return 2n * rest > d || (2n * rest === d && floor % 2n !== 0n) ? floor + 1n : floor;
}

/** The output raw of one input raw of `input`. */
export function minifloatRaw(layer: HwLayerOf<'minifloat'>, raw: bigint, input: FixedType, output: FixedType): bigint {
  if (raw === 0n) return 0n;
  const inF = fractionBits(input);
  const exponent = bitLength(raw < 0n ? -raw : raw) - 1 - inF - layer.scaleExponent;
  const internal = Math.max(exponent - layer.mantissaBits, 1 - layer.exponentBias - layer.mantissaBits);
  const steps = roundShift(raw, inF + layer.scaleExponent + internal, layer.rounding);
  const shift = internal + layer.scaleExponent + fractionBits(output);
  invariant(shift >= 0, 'the minifloat output type holds every step');
  const y = steps << BigInt(shift);
  return y > layer.maxRaw ? layer.maxRaw : y < -layer.maxRaw ? -layer.maxRaw : y;
}

export const minifloat = defineLayerKind({
  kind: 'minifloat',
  classes: { FloatQuant: { variables: [], reuse: false, table: false } },
  lowers: ['minifloat'],
  hlsClass: () => 'FloatQuant',
  lower(flowNode, hlsClass) {
    const node = nodeOf(flowNode, 'minifloat');
    const scaleExponent = Math.log2(node.scale);
    if (!Number.isInteger(scaleExponent)) throw new UnsupportedLayerError(`layer '${node.name}': FloatQuant scale must be a power of two for fixed-point hardware, not ${node.scale}`);
    const { exponentBits: e, mantissaBits: m, exponentBias: bias } = node;
    const largest = Math.min((2 - 2 ** -m) * 2 ** (2 ** e - 1 - bias), node.maxVal) * node.scale;
    const step = 2 ** (1 - bias - m) * node.scale;
    const outputType = exactTypeFor([largest, -largest, step]);
    if (outputType.width > 53) throw new UnsupportedLayerError(`layer '${node.name}': FloatQuant's values (steps of ${step} up to ${largest}) need a ${outputType.width}-bit fixed type, more than 53`);
    const maxRaw = BigInt(largest * 2 ** fractionBits(outputType));
    const layer: HwLayerOf<'minifloat'> = {
      kind: 'minifloat',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      scaleExponent,
      mantissaBits: m,
      exponentBias: bias,
      rounding: node.rounding,
      maxRaw,
    };
    return { layer, outputType };
  },
  reference: (layer, inputs, inputTypes, outputType) => (inputs[0] ?? []).map((raw) => minifloatRaw(layer, raw, inputTypes[0] as FixedType, outputType)),
  emit(layer, context) {
    const input = context.inputType(0);
    if (input.width > 32) throw new NeedsWidePath(`FloatQuant '${layer.name}' reads a ${input.width}-bit input`);
    const w = context.w;
    const inF = fractionBits(input);
    const outF = fractionBits(context.outputType);
    const minInternal = 1 - layer.exponentBias - layer.mantissaBits;
    const max = Number(layer.maxRaw);
    w.block(`for (let i = 0; i < ${context.output}.length; i++)`, () => {
      w.line(`const x = ${context.input(0)}[i];`);
      w.block('if (x === 0)', () => w.line(`${context.output}[i] = 0;`));
      w.block('else', () => {
        w.line(`const exponent = 31 - Math.clz32(Math.abs(x)) - ${inF + layer.scaleExponent};`);
        w.line(`const internal = Math.max(exponent - ${layer.mantissaBits}, ${minInternal});`);
        w.line(`const shift = ${inF + layer.scaleExponent} + internal, d = 2 ** shift;`);
        w.line('let steps;');
        w.line('if (shift <= 0) steps = x * 2 ** -shift;');
        w.block('else', () => {
          w.line('const floor = Math.floor(x / d);');
          if (layer.rounding === 'FLOOR') w.line('steps = floor;');
          else if (layer.rounding === 'CEIL') w.line('steps = x === floor * d ? floor : floor + 1;');
          else {
            w.line('const rest = x - floor * d;');
            w.line('steps = 2 * rest > d || (2 * rest === d && floor % 2 !== 0) ? floor + 1 : floor;');
          }
        });
        w.line(`const y = steps * 2 ** (internal + ${layer.scaleExponent + outF});`);
        w.line(`${context.output}[i] = y > ${max} ? ${max} : y < ${-max} ? ${-max} : y;`);
      });
    });
  },
  verilog: minifloatVerilog,
  multipliers: () => 0,
  datapath(_layer, context) {
    const input = context.inputTypes[0] as FixedType;
    const n = lanes(context.outputShape, context.ioType);
    const out = context.outputType.width;
    return {
      steps: [
        logic('leading one', [{ op: 'compare', count: n * input.width, width: 1 }], n * input.width),
        logic('shift and round', [{ op: 'select', count: n, inputs: input.width, width: input.width }, { op: 'add', count: n, width: input.width }], n * input.width),
        logic('clamp', [{ op: 'compare', count: 2 * n, width: out }, { op: 'select', count: n, inputs: 3, width: out }], n * out),
      ],
      storage: [],
      outputBits: n * out,
      iterationIi: 1,
      notes: [`${n} lanes`],
    };
  },
  tokens: (_layer, context) => tokenwisePlan(context.inputShapes, context.outputShape, context.ioType),
});
