// Scale-and-bias layers: nnet_batchnorm.h normalize, res = x * scale + bias per channel (last axis),
// exact, cast once to res_t: BatchNormalization when not folded, ApplyAlpha for QONNX rescaling and
// constant arithmetic.
//
//   x ─ multiply (a constant multiplier per lane) ─ + bias ─ cast ─|─ y
import { addType, castRaw, mulType, type FixedType } from '@ngt/fxp';
import { logic, type Operator } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import { constantMultiplier } from '../../datapath/multiplier.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { tokenwisePlan } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf } from '../kind.js';
import { rangeOf } from '../shared/emit-context.js';
import { plainFixed, quantizeValues, resolvePrecision } from '../shared/precision.js';
import { batchNormVerilog } from './verilog.js';

export const batchNorm = defineLayerKind({
  kind: 'batch_norm',
  classes: {
    BatchNormalization: { variables: ['scale', 'bias'], reuse: true, table: false },
    ApplyAlpha: { variables: ['scale', 'bias'], reuse: true, table: false },
  },
  lowers: ['batch_norm'],
  hlsClass: (flowNode) => nodeOf(flowNode, 'batch_norm').hlsClass,
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'batch_norm');
    const config = context.layerConfig;
    const input = context.inputTypes[0] as FixedType;
    const scaleType = resolvePrecision(config.precision('scale'), () => null, context.modelDefault);
    const biasType = resolvePrecision(config.precision('bias'), () => null, context.modelDefault);
    // infer_precision.py _infer_bn_precision.
    const infer = () => {
      const signed = scaleType.signed || input.signed;
      const width = input.width + scaleType.width;
      const integers = input.intBits + scaleType.intBits;
      const outSigned = signed || biasType.signed;
      const outInt = Math.max(integers + (biasType.signed && !signed ? 1 : 0), biasType.intBits + (signed && !biasType.signed ? 1 : 0)) + 1;
      return plainFixed(outInt + Math.max(width - integers, biasType.width - biasType.intBits), outInt, outSigned);
    };
    const layer: HwLayerOf<'batch_norm'> = {
      kind: 'batch_norm',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      channels: node.scale.length,
      scaleType,
      biasType,
      scale: quantizeValues(node.scale, scaleType),
      bias: quantizeValues(node.bias, biasType),
    };
    return { layer, outputType: resolvePrecision(config.precision('result'), infer, context.modelDefault) };
  },
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0] as FixedType;
    const product = mulType(input, layer.scaleType);
    const sum = addType(product, layer.biasType);
    const f = sum.width - sum.intBits;
    const shiftP = BigInt(f - (product.width - product.intBits));
    const shiftB = BigInt(f - (layer.biasType.width - layer.biasType.intBits));
    return (inputs[0] ?? []).map((x, i) => {
      const c = i % layer.channels;
      return castRaw(((x * (layer.scale[c] ?? 0n)) << shiftP) + ((layer.bias[c] ?? 0n) << shiftB), sum, outputType);
    });
  },
  emit(layer, context) {
    const input = context.inputType(0);
    const product = mulType(input, layer.scaleType);
    const sum = addType(product, layer.biasType);
    const f = sum.width - sum.intBits;
    const sp = 2 ** (f - (product.width - product.intBits));
    const sb = 2 ** (f - (layer.biasType.width - layer.biasType.intBits));
    const scales = layer.scale.map(Number);
    const biases = layer.bias.map(Number);
    const xr = rangeOf(input);
    let min = 0;
    let max = 0;
    scales.forEach((s, c) => {
      const b = (biases[c] ?? 0) * sb;
      const corners = [xr.min * s * sp + b, xr.max * s * sp + b];
      min = Math.min(min, ...corners);
      max = Math.max(max, ...corners);
    });
    const range = { min, max, fractionBits: f };
    context.requireExact(range, 'a batch normalization');
    const scale = context.constant('scale', scales.map((s) => s * sp));
    const bias = context.constant('bias', biases.map((b) => b * sb));
    context.w.block(`for (let i = 0, c = 0; i < ${context.output}.length; i++, c = c + 1 === ${layer.channels} ? 0 : c + 1)`, () => {
      context.w.line('let r;');
      context.cast(range, context.outputType, `${context.input(0)}[i] * ${scale}[c] + ${bias}[c]`, 'r');
      context.w.line(`${context.output}[i] = r;`);
    });
  },
  verilog: batchNormVerilog,
  multipliers: (layer) => layer.scale.filter((s) => s !== 0n).length,
  datapath(layer, context) {
    const input = context.inputTypes[0] as FixedType;
    const product = mulType(input, layer.scaleType);
    const sum = addType(product, layer.biasType);
    const out = context.outputType;
    const n = lanes(context.outputShape, context.ioType);
    const plans = new Map<string, Operator>();
    for (let e = 0; e < n; e++) {
      const plan = constantMultiplier(input, layer.scale[e % layer.channels] ?? 0n, layer.scaleType, context.family);
      const key = JSON.stringify(plan);
      const known = plans.get(key);
      plans.set(key, { op: 'const_mul', count: (known?.count ?? 0) + 1, a: { width: input.width, signed: input.signed }, b: { width: layer.scaleType.width, signed: layer.scaleType.signed }, plan });
    }
    return {
      steps: [
        logic('multiply', [...plans.values()], n * product.width),
        logic('add bias', [{ op: 'add', count: n, width: product.width }], n * sum.width),
        logic('cast to result_t', [{ op: 'cast', count: n, from: sum, to: out }], n * out.width),
      ],
      storage: [],
      outputBits: n * out.width,
      iterationIi: 1,
      notes: [`${n} lanes`],
    };
  },
  tokens: (_layer, context) => tokenwisePlan(context.inputShapes, context.outputShape, context.ioType),
});
