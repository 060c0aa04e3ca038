// Activations without tables (nnet_activation.h): linear (also QONNX activation quantizers, which
// hls4ml turns into a linear activation of the quantizer's type, quant_opt.py), relu, leaky_relu
// (ParametrizedActivation: alpha a param_t), relu_max / Clip and binary_tanh (a QONNX BipolarQuant,
// bipolar_quant_opt.py: x >= 0 ? 1 : -1 whatever the configured precision, since hls4ml's
// XnorPrecisionType cannot be configured; ap_int<2> holds the same values as its 1-bit encoding). Per value a compare and a select
// (leaky_relu: a constant multiply on the negative side), then the cast to result_t: cheap enough to
// fold into the producer's output stage when the clock allows (hls/schedule).
//
//   x ─ [multiply by alpha] ─ compare, select ─ cast ─|─ y
import { castRaw, fixedType, fractionBits, invariant, mulType, type FixedType } from '@ngt/fxp';
import { logic, type Datapath, type Step } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import { constantMultiplier } from '../../datapath/multiplier.js';
import type { FlowNode } from '../../ir/flow.js';
import { TABLE_FUNCTIONS, type HwLayerOf, type PlainActivation } from '../../ir/hardware.js';
import { tokenwisePlan } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf, type LayerContext } from '../kind.js';
import type { Signal } from '../../rtl/netlist.js';
import { rangeOf } from '../shared/emit-context.js';
import { exactTypeFor } from '../shared/fixed-math.js';
import { paramType, quantizeDouble, resolvePrecision } from '../shared/precision.js';
import { activationVerilog } from './verilog.js';

const activationClass = { variables: ['table'], reuse: true, table: true };

/** binary_tanh's cache_T, ap_int<2>: the values +1 and -1. */
const BINARY_TYPE: FixedType = fixedType(2, 2);

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

function datapathOf(layer: HwLayerOf<'activation'>, context: LayerContext): Datapath {
  const input = context.inputTypes[0] as FixedType;
  const out = context.outputType;
  const n = lanes(context.outputShape, context.ioType);
  const cast = logic('cast to result_t', [{ op: 'cast', count: n, from: input, to: out }], n * out.width);
  const select = (count: number) => logic('select', [{ op: 'select', count, inputs: 2, width: out.width }], n * out.width);
  const fn = layer.activation;
  let steps: Step[];
  switch (fn.kind) {
    case 'linear':
      steps = [cast];
      break;
    case 'relu':
      steps = [cast, select(n)];
      break;
    case 'leaky_relu': {
      const plan = constantMultiplier(input, fn.alpha, fn.paramType, context.family);
      steps = [
        logic('multiply by alpha', [{ op: 'const_mul', count: n, a: { width: input.width, signed: input.signed }, b: { width: fn.paramType.width, signed: fn.paramType.signed }, plan }], n * mulType(input, fn.paramType).width),
        select(n),
        cast,
      ];
      break;
    }
    case 'clip':
      steps = [logic('compare with the bounds', [{ op: 'compare', count: 2 * n, width: input.width }], n * input.width), select(2 * n), cast];
      break;
    case 'binary_tanh':
      // The sign bit selects +1 or -1.
      steps = [select(n)];
      break;
  }
  return { steps, storage: [], outputBits: n * out.width, iterationIi: 1, notes: [`${n} lanes`] };
}

function plainActivation(flowNode: FlowNode): boolean {
  return flowNode.kind === 'quantize' || (flowNode.kind === 'activation' && !(TABLE_FUNCTIONS as readonly string[]).includes(flowNode.activation.kind));
}

export const activation = defineLayerKind({
  kind: 'activation',
  classes: {
    Activation: activationClass,
    ReLU: activationClass,
    Clip: activationClass,
    LeakyReLU: { variables: ['table', 'param'], reuse: true, table: true },
    Quant: { variables: [], reuse: true, table: false },
  },
  lowers: ['activation', 'quantize'],
  accepts: plainActivation,
  // hls4ml's class names (converters/onnx/core.py activation_map); a QONNX Quant keeps its own.
  hlsClass(flowNode) {
    if (flowNode.kind === 'quantize') return 'Quant';
    const kind = nodeOf(flowNode, 'activation').activation.kind;
    return ({ relu: 'ReLU', leaky_relu: 'LeakyReLU', clip: 'Clip' } as Record<string, string>)[kind] ?? 'Activation';
  },
  lower(flowNode, hlsClass, context) {
    const base = { name: flowNode.name, hlsClass, inputs: flowNode.inputs, output: flowNode.output };
    if (flowNode.kind === 'quantize') {
      // QONNX Quant on activations: the linear activation whose result type is the quantizer's (hls4ml quant_opt.py).
      return { layer: { ...base, kind: 'activation', activation: { kind: 'linear' } }, outputType: flowNode.type };
    }
    const node = nodeOf(flowNode, 'activation');
    const fn = node.activation;
    if (fn.kind === 'binary_tanh') return { layer: { ...base, kind: 'activation', activation: fn }, outputType: BINARY_TYPE };
    const outputType = resolvePrecision(context.layerConfig.precision('result'), () => null, context.modelDefault);
    let activation: PlainActivation;
    switch (fn.kind) {
      case 'linear':
      case 'relu':
        activation = { kind: fn.kind };
        break;
      case 'leaky_relu': {
        // ParametrizedActivation: leaky_relu<input_t, param_t, output_t>(data, alpha, res), the template
        // writing alpha as a literal that converts to param_t (core_templates.py).
        const param = paramType(context.layerConfig, fn.alpha, context.modelDefault);
        activation = { kind: 'leaky_relu', alpha: quantizeDouble(fn.alpha, param), paramType: param };
        break;
      }
      case 'clip': {
        const boundType = exactTypeFor([fn.min, fn.max]);
        activation = { kind: 'clip', min: quantizeDouble(fn.min, boundType), max: quantizeDouble(fn.max, boundType), boundType };
        break;
      }
      default:
        invariant(false, `activation '${fn.kind}' is not a plain activation`);
    }
    return { layer: { ...base, kind: 'activation', activation }, outputType };
  },
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
        case 'binary_tanh':
          return castRaw(x >= 0n ? 1n : -1n, BINARY_TYPE, outputType);
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
        case 'binary_tanh':
          w.line(`r = x >= 0 ? ${Number(castRaw(1n, BINARY_TYPE, context.outputType))} : ${Number(castRaw(-1n, BINARY_TYPE, context.outputType))};`);
          break;
      }
      w.line(`${out}[i] = r;`);
    });
  },
  verilog(layer, context) {
    const input = context.inputTypes[0] as FixedType;
    const fn = layer.activation;
    const thresholds = fn.kind === 'clip' ? { low: lowerThreshold(fn.min, fn.boundType, input), high: upperThreshold(fn.max, fn.boundType, input) } : null;
    return activationVerilog(context.m, layer, context.inputs[0] as Signal, input, context.outputType, thresholds, BINARY_TYPE);
  },
  multipliers: (layer) => (layer.activation.kind === 'leaky_relu' ? 1 : 0),
  datapath: datapathOf,
  tokens: (_layer, context) => tokenwisePlan(context.inputShapes, context.outputShape, context.ioType),
});
