// MultiThreshold (FINN's thresholding unit; qonnx custom_op/general/multithreshold.py): per value, the
// number k of its channel's thresholds it reaches (x >= t), output out_scale * k + out_bias. hls4ml has
// no such layer; this is FINN's Thresholding_Batch datapath: T comparators per value, a count, and a
// select of the T + 1 output levels. On the input's grid, x >= t is x_raw >= ceil(t * 2^F), so the
// thresholds are raws of the input type. Like a QONNX Quant, the op fixes its output type: the exact
// type of its levels (an error when they are not on a binary grid narrow enough to hold exactly).
//
//   x ─ T compares ─ count ─ level select ─|─ y
import { fractionBits, type FixedType } from '@ngt/fxp';
import { UnsupportedLayerError } from '../../errors.js';
import { logic } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { tokenwisePlan } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf } from '../kind.js';
import { exactTypeFor } from '../shared/fixed-math.js';
import { quantizeDouble } from '../shared/precision.js';
import { thresholdVerilog } from './verilog.js';

/** The smallest raw r of `type` with r * 2^-F >= t, clamped to one past the type's range. */
function thresholdRaw(t: number, type: FixedType): bigint {
  const f = fractionBits(type);
  const min = type.signed ? -(1n << BigInt(type.width - 1)) : 0n;
  const max = (type.signed ? 1n << BigInt(type.width - 1) : 1n << BigInt(type.width)) - 1n;
  if (Number.isNaN(t) || t === Infinity) return max + 1n;
  if (t === -Infinity) return min;
  const scaled = t * 2 ** f;
  let raw = BigInt(Math.ceil(scaled));
  if (!Number.isFinite(scaled) || raw > max + 1n) raw = scaled > 0 ? max + 1n : min;
  return raw < min ? min : raw;
}

function countOf(layer: HwLayerOf<'threshold'>, x: bigint, index: number): number {
  const row = layer.rows === 1 ? 0 : index % layer.rows;
  let count = 0;
  for (let t = 0; t < layer.steps; t++) if (x >= (layer.thresholds[row * layer.steps + t] ?? 0n)) count += 1;
  return count;
}

export const threshold = defineLayerKind({
  kind: 'threshold',
  classes: { MultiThreshold: { variables: [], reuse: false, table: false } },
  lowers: ['threshold'],
  hlsClass: () => 'MultiThreshold',
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'threshold');
    const input = context.inputTypes[0] as FixedType;
    const values = Array.from({ length: node.steps + 1 }, (_, k) => Math.fround(node.outScale * k + node.outBias));
    const outputType = exactTypeFor(values);
    if (outputType.width > 32 || values.some((value) => !Number.isFinite(value))) {
      throw new UnsupportedLayerError(`layer '${node.name}': MultiThreshold's levels out_scale * k + out_bias must lie on a binary grid of at most 32 bits, not out_scale ${node.outScale}, out_bias ${node.outBias}`);
    }
    const layer: HwLayerOf<'threshold'> = {
      kind: 'threshold',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      rows: node.rows,
      steps: node.steps,
      thresholds: Array.from(node.thresholds, (t) => thresholdRaw(t, input)),
      levels: values.map((value) => quantizeDouble(value, outputType)),
    };
    return { layer, outputType };
  },
  reference(layer, inputs) {
    return (inputs[0] ?? []).map((value, index) => layer.levels[countOf(layer, value, index)] ?? 0n);
  },
  emit(layer, context) {
    // Raws of the input type are exact doubles (at most 53 bits); thresholds one past the range still compare right.
    const thresholds = context.constant('thresholds', layer.thresholds.map(Number));
    const levels = context.constant('levels', layer.levels.map(Number));
    const w = context.w;
    w.block(`for (let i = 0; i < ${context.output}.length; i++)`, () => {
      w.line(`const x = ${context.input(0)}[i], base = ${layer.rows === 1 ? 0 : `(i % ${layer.rows}) * ${layer.steps}`};`);
      w.line('let count = 0;');
      w.line(`for (let t = 0; t < ${layer.steps}; t++) if (x >= ${thresholds}[base + t]) count++;`);
      w.line(`${context.output}[i] = ${levels}[count];`);
    });
  },
  verilog: thresholdVerilog,
  multipliers: () => 0,
  datapath(layer, context) {
    const input = context.inputTypes[0] as FixedType;
    const n = lanes(context.outputShape, context.ioType);
    const countBits = Math.max(1, Math.ceil(Math.log2(layer.steps + 1)));
    const out = context.outputType.width;
    return {
      steps: [
        logic('compare with the thresholds', [{ op: 'compare', count: n * layer.steps, width: input.width }], n * layer.steps),
        logic('count', [{ op: 'add', count: n * Math.max(0, layer.steps - 1), width: countBits }], n * countBits),
        logic('level select', [{ op: 'select', count: n, inputs: layer.steps + 1, width: out }], n * out),
      ],
      storage: [],
      outputBits: n * out,
      iterationIi: 1,
      notes: [`${n} lanes, ${layer.steps} thresholds each`],
    };
  },
  tokens: (_layer, context) => tokenwisePlan(context.inputShapes, context.outputShape, context.ioType),
});
