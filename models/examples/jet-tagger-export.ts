// The jet tagger as ONNX: a float model (Gemm + Relu, softmax output) and a QONNX model with Quant
// nodes on the input, weights, biases and every ReLU output, the way QKeras models arrive via
// qonnx's converter. Also the QONNX model's forward pass, to report its accuracy.
import { GraphBuilder, float32Tensor } from '../onnx-writer/index.js';
import { powerOfTwoScale, quantize } from './quant.js';
import type { QuantSpec } from './quant.js';
import type { Mlp } from './train-mlp.js';

export const QONNX_DOMAIN = 'qonnx.custom_op.general';

/** Where the QONNX model quantizes: one spec for the input, per layer for weights, biases and ReLU outputs. */
export interface QuantPlan {
  input: QuantSpec;
  weights: QuantSpec[];
  biases: QuantSpec[];
  /** One per hidden layer (the last layer feeds softmax unquantized). */
  activations: QuantSpec[];
}

const DOC = 'ngt example: synthetic 5-class jet tagger (g, q, W, Z, t), 16 standardised features. Made by models/examples/make-examples.ts.';

export function floatJetTagger(mlp: Mlp): Uint8Array {
  const g = new GraphBuilder('jet_tagger', { docString: DOC });
  let value = g.input('x', [null, mlp.layers[0]!.inputs]);
  mlp.layers.forEach((layer, l) => {
    const w = g.initializer(`dense_${l + 1}_weight`, float32Tensor([layer.outputs, layer.inputs], layer.weights));
    const b = g.initializer(`dense_${l + 1}_bias`, float32Tensor([layer.outputs], layer.bias));
    value = g.node('Gemm', [value, w, b], { transB: 1 }, { name: `dense_${l + 1}` });
    if (l + 1 < mlp.layers.length) value = g.node('Relu', [value], {}, { name: `relu_${l + 1}` });
  });
  const y = g.node('Softmax', [value], { axis: -1 }, { name: 'softmax', outputs: ['y'] });
  g.output(y, [null, mlp.layers[mlp.layers.length - 1]!.outputs]);
  return g.toBytes();
}

function quantNode(g: GraphBuilder, value: string, spec: QuantSpec, name: string): string {
  const scale = g.initializer(`${name}_scale`, float32Tensor([], [spec.scale]));
  const zeroPoint = g.initializer(`${name}_zeropt`, float32Tensor([], [spec.zeroPoint]));
  const bits = g.initializer(`${name}_bitwidth`, float32Tensor([], [spec.bits]));
  return g.node(
    'Quant',
    [value, scale, zeroPoint, bits],
    { signed: spec.signed ? 1 : 0, narrow: spec.narrow ? 1 : 0, rounding_mode: 'ROUND' },
    { name, domain: QONNX_DOMAIN },
  );
}

export function qonnxJetTagger(mlp: Mlp, plan: QuantPlan): Uint8Array {
  const g = new GraphBuilder('jet_tagger_qonnx', { docString: DOC, domains: { [QONNX_DOMAIN]: 1 } });
  let value = quantNode(g, g.input('x', [null, mlp.layers[0]!.inputs]), plan.input, 'quant_input');
  mlp.layers.forEach((layer, l) => {
    const w = g.initializer(`dense_${l + 1}_weight`, float32Tensor([layer.outputs, layer.inputs], layer.weights));
    const b = g.initializer(`dense_${l + 1}_bias`, float32Tensor([layer.outputs], layer.bias));
    const wq = quantNode(g, w, plan.weights[l]!, `quant_dense_${l + 1}_weight`);
    const bq = quantNode(g, b, plan.biases[l]!, `quant_dense_${l + 1}_bias`);
    value = g.node('Gemm', [value, wq, bq], { transB: 1 }, { name: `dense_${l + 1}` });
    if (l + 1 < mlp.layers.length) {
      value = g.node('Relu', [value], {}, { name: `relu_${l + 1}` });
      value = quantNode(g, value, plan.activations[l]!, `quant_relu_${l + 1}`);
    }
  });
  const y = g.node('Softmax', [value], { axis: -1 }, { name: 'softmax', outputs: ['y'] });
  g.output(y, [null, mlp.layers[mlp.layers.length - 1]!.outputs]);
  return g.toBytes();
}

/**
 * Logits of the QONNX model, with weights first rounded to float32 as stored. Our own small forward
 * pass for the README; the project's float executor lives in models/, and tests check both this
 * figure and the model against onnxruntime.
 */
export function qonnxLogits(mlp: Mlp, plan: QuantPlan, x: Float64Array, count: number): Float64Array {
  let current = Float64Array.from(x, (value) => quantize(Math.fround(value), plan.input));
  mlp.layers.forEach((layer, l) => {
    const weights = Float64Array.from(layer.weights, (w) => quantize(Math.fround(w), plan.weights[l]!));
    const bias = Float64Array.from(layer.bias, (b) => quantize(Math.fround(b), plan.biases[l]!));
    const hidden = l + 1 < mlp.layers.length;
    const out = new Float64Array(count * layer.outputs);
    for (let r = 0; r < count; r++) {
      for (let o = 0; o < layer.outputs; o++) {
        let sum = bias[o]!;
        for (let i = 0; i < layer.inputs; i++) sum += weights[o * layer.inputs + i]! * current[r * layer.inputs + i]!;
        out[r * layer.outputs + o] = hidden ? quantize(Math.max(0, sum), plan.activations[l]!) : sum;
      }
    }
    current = out;
  });
  return current;
}

/**
 * QKeras-like choices: 8-bit signed input with scale 2^-4 (range [-8, 8) for standardised features),
 * 6-bit weights and 8-bit biases with the smallest power-of-two scale that covers each tensor, and
 * 8-bit unsigned ReLU outputs scaled to cover the largest activation seen on the training data.
 */
export function chooseQuantPlan(mlp: Mlp, hiddenMaxima: number[]): QuantPlan {
  const maxAbs = (values: Float64Array): number => values.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
  const signed = (bits: number, scale: number): QuantSpec => ({ scale, zeroPoint: 0, bits, signed: true, narrow: false });
  return {
    input: signed(8, 2 ** -4),
    weights: mlp.layers.map((layer) => signed(6, powerOfTwoScale(maxAbs(layer.weights), 6, true))),
    biases: mlp.layers.map((layer) => signed(8, powerOfTwoScale(maxAbs(layer.bias), 8, true))),
    activations: hiddenMaxima.map((max) => ({ scale: powerOfTwoScale(max, 8, false), zeroPoint: 0, bits: 8, signed: false, narrow: false })),
  };
}
