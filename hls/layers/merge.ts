// Add (nnet_merge.h add: res[i] = data1[i] + data2[i], the exact sum cast to res_t) and
// scale-and-bias layers (nnet_batchnorm.h normalize: res = x * scale + bias, exact, cast once to res_t;
// BatchNormalization when not folded, ApplyAlpha for QONNX rescaling and constant arithmetic).
import { addType, castRaw, mulType, type FixedType } from '@ngt/fxp';
import type { HwLayerOf } from '../ir/hardware.js';
import { rangeOf } from '../simulate/emit-context.js';
import { defineHwLayer, defineLowering, plainFixed, quantizeValues, resolvePrecision } from './definition.js';

export const addLowering = defineLowering({
  kind: 'add',
  hlsClass: () => 'Add',
  lower(node, hlsClass, context) {
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
});

export const addLayer = defineHwLayer({
  kind: 'add',
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
  multipliers: () => 0,
});

export const batchNormLowering = defineLowering({
  kind: 'batch_norm',
  hlsClass: (node) => node.hlsClass,
  lower(node, hlsClass, context) {
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
});

export const batchNormLayer = defineHwLayer({
  kind: 'batch_norm',
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
  multipliers: (layer) => layer.scale.filter((s) => s !== 0n).length,
});
