// The project's own example model and its held-back test split: what every command that takes a
// model or data uses when none is given. Paths are resolved from this module, so they hold whether
// it runs from source (models/default-model.ts) or from the build (dist/models/default-model.js).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of models/examples in the source tree. */
export function examplesFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromSource = join(here, 'examples');
  // From <root>/dist/models the source tree's models/ is two levels up and back down.
  const fromBuild = join(here, '..', '..', 'models', 'examples');
  return existsSync(join(fromSource, 'jet-tagger.onnx')) || !existsSync(fromBuild) ? fromSource : fromBuild;
}

/** The float jet tagger: input 'x' [N, 16] standardised features, output 'y' [N, 5] probabilities. */
export function defaultModelPath(): string {
  return join(examplesFolder(), 'jet-tagger.onnx');
}

/** float32 [M, 16]: the jet tagger's held-back test features. */
export function defaultTestInputsPath(): string {
  return join(examplesFolder(), 'jet-tagger-test-x.npy');
}

/** int64 [M]: class labels (0 g, 1 q, 2 W, 3 Z, 4 t) for defaultTestInputsPath(). */
export function defaultTestLabelsPath(): string {
  return join(examplesFolder(), 'jet-tagger-test-y.npy');
}
