// Activations without tables (nnet_activation.h): linear (also QONNX activation quantizers, which hls4ml
// turns into a linear activation of the quantizer's type), relu, leaky_relu, and relu_max / Clip.
import { castRaw, fractionBits, mulType, type FixedType } from '@ngt/fxp';
import { UnsupportedLayerError } from '../errors.js';
import type { HwLayerOf, PlainActivation } from '../ir/hardware.js';
import { rangeOf } from '../simulate/emit-context.js';
import { defineHwLayer, defineLowering, quantizeDouble, resolvePrecision } from './definition.js';
import { exactTypeFor } from './fixed-math.js';
import { paramType, tableActivation } from './table-activation.js';

export const activationLowering = defineLowering({
  kind: 'activation',
  // hls4ml's class names (converters/onnx/core.py activation_map), as hls/config/layer-types.ts gives them.
  hlsClass: (node) => ({ relu: 'ReLU', leaky_relu: 'LeakyReLU', elu: 'ELU', clip: 'Clip' })[node.activation.kind as string] ?? 'Activation',
  lower(node, hlsClass, context) {
    const outputType = resolvePrecision(context.layerConfig.precision('result'), () => null, context.modelDefault);
    const base = { name: node.name, hlsClass, inputs: node.inputs, output: node.output };
    const fn = node.activation;
    let activation: PlainActivation;
    switch (fn.kind) {
      case 'linear':
      case 'relu':
        activation = { kind: fn.kind };
        break;
      case 'leaky_relu': {
        // ParametrizedActivation: leaky_relu<input_t, param_t, output_t>(data, alpha, res), the template
        // writing alpha as a literal that converts to param_t (core_templates.py).
        const param = paramType(context, fn.alpha);
        activation = { kind: 'leaky_relu', alpha: quantizeDouble(fn.alpha, param), paramType: param };
        break;
      }
      case 'clip': {
        const boundType = exactTypeFor([fn.min, fn.max]);
        activation = { kind: 'clip', min: quantizeDouble(fn.min, boundType), max: quantizeDouble(fn.max, boundType), boundType };
        break;
      }
      case 'sigmoid':
      case 'tanh':
      case 'softsign':
      case 'softplus':
        return tableActivation(node.name, hlsClass, node.inputs, node.output, fn.kind, context, outputType);
      case 'elu':
        // hls4ml's ONNX parser reads alpha with a default of 0.01 where ONNX says 1.0; ngt reads the model as ONNX does.
        return tableActivation(node.name, hlsClass, node.inputs, node.output, 'elu', context, outputType, fn.alpha);
      case 'selu':
        // nnet_activation.h selu has SELU's constants built in; ONNX lets a model choose others.
        if (fn.alpha !== Math.fround(1.6732632423543772) || fn.gamma !== Math.fround(1.0507009873554805)) {
          throw new UnsupportedLayerError(`layer '${node.name}': Selu must have ONNX's default alpha and gamma (the constants hls4ml's selu has built in), not alpha ${fn.alpha}, gamma ${fn.gamma}`);
        }
        return tableActivation(node.name, hlsClass, node.inputs, node.output, 'selu', context, outputType);
      default:
        throw new UnsupportedLayerError(`layer '${node.name}': activation must be one of relu, leaky_relu, clip, sigmoid, tanh, softsign, softplus, elu, selu, not '${fn.kind}'`);
    }
    const layer: HwLayerOf<'activation'> = { ...base, kind: 'activation', activation };
    return { layer, outputType };
  },
});

/** QONNX Quant on activations: the linear activation whose result type is the quantizer's (hls4ml quant_opt.py). */
export const quantizeLowering = defineLowering({
  kind: 'quantize',
  hlsClass: () => 'Activation',
  lower(node, hlsClass) {
    const layer: HwLayerOf<'activation'> = { kind: 'activation', name: node.name, hlsClass, inputs: node.inputs, output: node.output, activation: { kind: 'linear' } };
    return { layer, outputType: node.type };
  },
});

/** x < bound with the bound a raw of boundType, as a threshold on x's raws: x < ceil(bound * 2^Fx). */
function lowerThreshold(bound: bigint, boundType: FixedType, input: FixedType): bigint {
  const shift = fractionBits(input) - fractionBits(boundType);
  if (shift >= 0) return bound << BigInt(shift);
  const d = 1n << BigInt(-shift);
  const floor = bound >= 0n ? bound / d : -((-bound + d - 1n) / d);
  return floor * d === bound ? floor : floor + 1n;
}

/** x > bound as x > floor(bound * 2^Fx). */
function upperThreshold(bound: bigint, boundType: FixedType, input: FixedType): bigint {
  const shift = fractionBits(input) - fractionBits(boundType);
  if (shift >= 0) return bound << BigInt(shift);
  const d = 1n << BigInt(-shift);
  return bound >= 0n ? bound / d : -((-bound + d - 1n) / d);
}

export const activationLayer = defineHwLayer({
  kind: 'activation',
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0] as FixedType;
    const fn = layer.activation;
    return (inputs[0] ?? []).map((x) => {
      switch (fn.kind) {
        case 'linear':
          return castRaw(x, input, outputType);
        case 'relu':
          return x > 0n ? castRaw(x, input, outputType) : 0n;
        case 'leaky_relu':
          return x > 0n ? castRaw(x, input, outputType) : castRaw(fn.alpha * x, mulType(fn.paramType, input), outputType);
        case 'clip':
          if (x < lowerThreshold(fn.min, fn.boundType, input)) return castRaw(fn.min, fn.boundType, outputType);
          if (x > upperThreshold(fn.max, fn.boundType, input)) return castRaw(fn.max, fn.boundType, outputType);
          return castRaw(x, input, outputType);
      }
    });
  },
  emit(layer, context) {
    const w = context.w;
    const x = context.input(0);
    const input = context.inputType(0);
    const out = context.output;
    const fn = layer.activation;
    const range = rangeOf(input);
    w.block(`for (let i = 0; i < ${out}.length; i++)`, () => {
      w.line(`const x = ${x}[i];`);
      w.line('let r;');
      switch (fn.kind) {
        case 'linear':
          context.cast(range, context.outputType, 'x', 'r');
          break;
        case 'relu':
          w.block('if (x > 0)', () => context.cast({ ...range, min: 1 }, context.outputType, 'x', 'r'));
          w.line('else r = 0;');
          break;
        case 'leaky_relu': {
          const alpha = Number(fn.alpha);
          const corners = [range.min * alpha, range.max * alpha, 0];
          const productRange = { min: Math.min(...corners), max: Math.max(...corners), fractionBits: range.fractionBits + fractionBits(fn.paramType) };
          context.requireExact(productRange, 'leaky_relu alpha * x');
          w.block('if (x > 0)', () => context.cast({ ...range, min: 1 }, context.outputType, 'x', 'r'));
          w.block('else', () => context.cast(productRange, context.outputType, `x * ${alpha}`, 'r'));
          break;
        }
        case 'clip': {
          const low = lowerThreshold(fn.min, fn.boundType, input);
          const high = upperThreshold(fn.max, fn.boundType, input);
          const minOut = castRaw(fn.min, fn.boundType, context.outputType);
          const maxOut = castRaw(fn.max, fn.boundType, context.outputType);
          w.line(`if (x < ${Number(low)}) r = ${Number(minOut)};`);
          w.line(`else if (x > ${Number(high)}) r = ${Number(maxOut)};`);
          w.block('else', () => context.cast(range, context.outputType, 'x', 'r'));
          break;
        }
      }
      w.line(`${out}[i] = r;`);
    });
  },
  multipliers: (layer) => (layer.activation.kind === 'leaky_relu' ? 1 : 0),
});
