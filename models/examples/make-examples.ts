// Regenerates every file in models/examples: `npm run examples`. Seeded throughout, so running it
// again writes the same bytes (test/models/examples.test.ts checks the data set and conv models).
// A script, not a library module: importing it regenerates the files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { examplesFolder } from '../default-model.js';
import { CONV1D_SEED, CONV2D_SEED, makeConv1dExample, makeConv2dExample } from './conv-examples.js';
import { examplesReadme } from './examples-readme.js';
import { JET_CLASSES, JET_FEATURES, JET_SEED, makeJetSplits, testSplitFiles } from './jet-dataset.js';
import { chooseQuantPlan, floatJetTagger, qonnxJetTagger, qonnxLogits } from './jet-tagger-export.js';
import { Random } from './random.js';
import { makeTinyDenseExample, TINY_SEED } from './tiny-dense.js';
import { argmaxRows, initMlp, mlpActivations, trainMlp } from './train-mlp.js';

const JET_TRAINING_SEED = JET_SEED + 1;
const EPOCHS = 12;

async function onnxruntimePredictions(model: Uint8Array, x: Float32Array, count: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  const { y } = await session.run({ x: new ort.Tensor('float32', x, [count, JET_FEATURES.length]) });
  return y!.data as Float32Array;
}

/** The smallest gap between the top two probabilities: if it is far above float32 rounding, every runtime agrees on the argmax. */
function smallestMargin(probabilities: Float32Array, width: number): number {
  let smallest = Infinity;
  for (let r = 0; r < probabilities.length / width; r++) {
    const row = Array.from(probabilities.subarray(r * width, (r + 1) * width)).sort((a, b) => b - a);
    smallest = Math.min(smallest, row[0]! - row[1]!);
  }
  return smallest;
}

async function main(): Promise<void> {
  const folder = examplesFolder();
  const files: [string, Uint8Array | string][] = [];
  const started = performance.now();

  const { train, test, standardisation } = makeJetSplits(new Random(JET_SEED));
  const split = testSplitFiles(test);
  files.push(['jet-tagger-test-x.npy', split.x], ['jet-tagger-test-y.npy', split.y]);

  const random = new Random(JET_TRAINING_SEED);
  const mlp = initMlp([JET_FEATURES.length, 64, 32, 32, JET_CLASSES.length], random);
  const losses: number[] = [];
  const trainingStarted = performance.now();
  trainMlp(mlp, train.features, train.labels, {
    epochs: EPOCHS,
    batchSize: 256,
    learningRate: 3e-3,
    random,
    onEpoch: (epoch, loss) => {
      losses.push(loss);
      console.log(`epoch ${epoch + 1}/${EPOCHS}: loss ${loss.toFixed(4)}`);
    },
  });
  console.log(`trained in ${((performance.now() - trainingStarted) / 1000).toFixed(1)} s`);

  const floatModel = floatJetTagger(mlp);
  files.push(['jet-tagger.onnx', floatModel]);
  const testX = Float32Array.from(test.features);
  const probabilities = await onnxruntimePredictions(floatModel, testX, test.count);
  const predicted = argmaxRows(probabilities, JET_CLASSES.length);
  const confusion = JET_CLASSES.map(() => JET_CLASSES.map(() => 0));
  let floatCorrect = 0;
  predicted.forEach((p, i) => {
    confusion[test.labels[i]!]![p]!++;
    if (p === test.labels[i]) floatCorrect++;
  });
  console.log(`float accuracy ${floatCorrect / test.count}; smallest top-2 probability gap ${smallestMargin(probabilities, JET_CLASSES.length).toExponential(2)}`);

  const hidden = mlpActivations(mlp, train.features, train.count).slice(0, -1);
  const plan = chooseQuantPlan(mlp, hidden.map((values) => values.reduce((max, value) => Math.max(max, value), 0)));
  files.push(['jet-tagger-qonnx.onnx', qonnxJetTagger(mlp, plan)]);
  const qonnxPredicted = argmaxRows(qonnxLogits(mlp, plan, test.features, test.count), JET_CLASSES.length);
  const qonnxCorrect = qonnxPredicted.reduce((sum, p, i) => sum + (p === test.labels[i] ? 1 : 0), 0);
  console.log(`QONNX accuracy ${qonnxCorrect / test.count}`);

  const conv1d = makeConv1dExample(new Random(CONV1D_SEED));
  const conv2d = makeConv2dExample(new Random(CONV2D_SEED));
  files.push(['conv1d-small.onnx', conv1d.onnx], ['conv2d-small.onnx', conv2d.onnx]);
  const tiny = makeTinyDenseExample(new Random(TINY_SEED));
  files.push(['tiny-dense.onnx', tiny.onnx]);

  const sizes = files.map(([name, bytes]): [string, number] => [name, bytes.length]);
  const readme = examplesReadme({
    trainCount: train.count,
    testCount: test.count,
    epochs: EPOCHS,
    losses,
    floatCorrect,
    qonnxCorrect,
    confusion,
    standardisation,
    plan,
    conv1d: { correct: conv1d.testCorrect, total: conv1d.test.labels.length },
    conv2d: { correct: conv2d.testCorrect, total: conv2d.test.labels.length },
    tiny: { correct: tiny.testCorrect, total: tiny.testTotal },
    sizes,
  });
  files.push(['README.md', readme]);
  for (const [name, bytes] of files) writeFileSync(join(folder, name), bytes);
  console.log(`wrote ${files.length} files to ${folder} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
