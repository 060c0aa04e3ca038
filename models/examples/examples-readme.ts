// models/examples/README.md, written by make-examples.ts from the figures it measured, so the
// numbers in it are the numbers the committed files give (tests hold them to it).
import { JET_CLASSES, JET_FEATURES } from './jet-dataset.js';
import type { Standardisation } from './jet-dataset.js';
import type { QuantPlan } from './jet-tagger-export.js';
import type { QuantSpec } from './quant.js';

export interface ExampleFigures {
  trainCount: number;
  testCount: number;
  epochs: number;
  /** Mean training loss per epoch. */
  losses: number[];
  /** onnxruntime on jet-tagger.onnx over the test split. */
  floatCorrect: number;
  /** Our QONNX forward pass over the test split. */
  qonnxCorrect: number;
  /** confusion[true][predicted], float model under onnxruntime. */
  confusion: number[][];
  standardisation: Standardisation;
  plan: QuantPlan;
  conv1d: { correct: number; total: number };
  conv2d: { correct: number; total: number };
  tiny: { correct: number; total: number };
  /** File name to size in bytes. */
  sizes: [string, number][];
}

function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(2)}%`;
}

function spec(q: QuantSpec): string {
  return `${q.signed ? 'signed' : 'unsigned'} ${q.bits}-bit, scale 2^${Math.log2(q.scale)}`;
}

export function examplesReadme(f: ExampleFigures): string {
  const lines: string[] = [];
  const push = (...text: string[]): void => {
    lines.push(...text);
  };
  push(
    '# Example models',
    '',
    'Everything in this folder is made by `npm run examples` (`tsx models/examples/make-examples.ts`) from',
    'seeded generators: running it again rewrites the same bytes. This file is generated too.',
    '',
    '## Data: synthetic jet substructure',
    '',
    `A stand-in for hls4ml's jet-tagging data set (\`jet-dataset.ts\`): five balanced classes (${JET_CLASSES.join(', ')}), the`,
    'same 16 high-level features, drawn from class-conditional distributions: groomed mass with W, Z and top',
    'peaks (and grooming losses that make some boson and top jets look like QCD), N-subjettiness-like and',
    'energy-correlation ratios driven by two- and three-prong structure, and multiplicity and radiation',
    'width that separate gluons from quarks. Features are standardised with the training split\'s mean',
    'and standard deviation, so the model input is about N(0, 1) per feature.',
    '',
    `${f.trainCount} jets train the model; the held-back ${f.testCount} are shipped as`,
    '`jet-tagger-test-x.npy` (float32 [M, 16]) and `jet-tagger-test-y.npy` (int64 [M]; 0 g, 1 q, 2 W, 3 Z, 4 t).',
    '',
    '| feature | mean (raw) | std (raw) |',
    '|---|---:|---:|',
    ...JET_FEATURES.map((name, i) => `| ${name} | ${(f.standardisation.mean[i] ?? 0).toPrecision(5)} | ${(f.standardisation.std[i] ?? 0).toPrecision(5)} |`),
    '',
    '## jet-tagger.onnx',
    '',
    `MLP 16-64-32-32-5, ReLU, softmax output (\`train-mlp.ts\`: Float64 Adam, cross-entropy, batch 256, ${f.epochs} epochs,`,
    'cosine learning rate). Gemm layers with float32 weights; input `x` [N, 16], output `y` [N, 5] probabilities.',
    '',
    `**Test accuracy (onnxruntime): ${percent(f.floatCorrect / f.testCount)}** (${f.floatCorrect} / ${f.testCount}).`,
    '',
    '| epoch | mean training loss |',
    '|---:|---:|',
    ...f.losses.map((loss, epoch) => `| ${epoch + 1} | ${loss.toFixed(4)} |`),
    '',
    'Confusion matrix on the test split (rows: true class, columns: predicted):',
    '',
    `| | ${JET_CLASSES.join(' | ')} | accuracy |`,
    `|---|${JET_CLASSES.map(() => '---:').join('|')}|---:|`,
    ...f.confusion.map((row, c) => {
      const total = row.reduce((sum, n) => sum + n, 0);
      return `| ${JET_CLASSES[c]} | ${row.join(' | ')} | ${percent((row[c] ?? 0) / total)} |`;
    }),
    '',
    '## jet-tagger-qonnx.onnx',
    '',
    'The same trained weights with QONNX `Quant` nodes (domain `qonnx.custom_op.general`, rounding_mode',
    '`ROUND`, zero point 0, power-of-two scales), as QKeras models arrive through qonnx:',
    '',
    `- input: ${spec(f.plan.input)}`,
    ...f.plan.weights.map((w, l) => `- dense_${l + 1}: weights ${spec(w)}; bias ${spec(f.plan.biases[l]!)}`),
    ...f.plan.activations.map((a, l) => `- relu_${l + 1} output: ${spec(a)}`),
    '',
    `**Test accuracy: ${percent(f.qonnxCorrect / f.testCount)}** (${f.qonnxCorrect} / ${f.testCount}), from the script's own forward`,
    'pass (`qonnxLogits` in `jet-tagger-export.ts`); the tests check it against onnxruntime.',
    '',
    '## conv1d-small.onnx and conv2d-small.onnx',
    '',
    'Small convolutional models with seeded convolutions (random, except conv2d\'s first layer: perturbed line',
    'detectors) and a trained Gemm read-out (`conv-examples.ts`):',
    '',
    `- \`conv1d-small.onnx\` (test accuracy ${percent(f.conv1d.correct / f.conv1d.total)}, ${f.conv1d.correct} / ${f.conv1d.total}): classifies pulse shapes. Input [N, 3, 32] (channels`,
    '  first) -> Conv 1D k3 pads 1 -> Relu -> MaxPool 2 -> Conv 1D k3 pads 1 -> Relu -> MaxPool 2 -> Flatten -> Gemm -> Softmax [N, 4].',
    `- \`conv2d-small.onnx\` (test accuracy ${percent(f.conv2d.correct / f.conv2d.total)}, ${f.conv2d.correct} / ${f.conv2d.total}): classifies line orientation. Input [N, 1, 8, 8] ->`,
    '  Conv 3x3 pads 1 -> Relu -> depthwise Conv 3x3 stride 2 -> BatchNormalization -> Relu -> AveragePool 2 -> Flatten -> Gemm -> Softmax [N, 3].',
    '',
    '## tiny-dense.onnx',
    '',
    `An MLP 10-8-4 small enough for an iCE40UP5K (\`ngt build\`; \`tiny-dense.ts\`): Gemm -> Relu -> Gemm, logits out (no`,
    'softmax), trained on a seeded task of four Gaussian blobs in 10 dimensions. `tiny-dense-ice40.yaml` is its',
    `configuration for the iCE40 (ap_fixed<8,3>). Test accuracy ${percent(f.tiny.correct / f.tiny.total)} (${f.tiny.correct} / ${f.tiny.total}).`,
    '',
    '## Files',
    '',
    '| file | bytes |',
    '|---|---:|',
    ...f.sizes.map(([name, size]) => `| ${name} | ${size} |`),
    '',
  );
  return lines.join('\n');
}
