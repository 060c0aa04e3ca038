// The slow reference interpreter: the living spec the compiled simulator is diffed against. Every value
// is an exact bigint raw; each layer runs its declaration's reference (layers/*.ts) on @ngt/fxp.
import { type FixedType } from '@ngt/fxp';
import { SimulationInputError } from '../errors.js';
import type { HwModel } from '../ir/hardware.js';
import { quantizeDouble } from '../layers/shared/precision.js';
import { referenceLayer } from '../layers/registry.js';
import { checkInputs, sampleSize } from './inputs.js';

/**
 * Raw values of the requested tensors (default: the outputs) for `count` samples, [count * size] each.
 * `onStep` hears which step runs next: -1 for the inputs' quantization, else the layer's index.
 */
export function interpret(model: HwModel, inputs: readonly Float64Array[], count: number, tensors?: readonly string[], onStep?: (step: number) => void): Map<string, bigint[]> {
  checkInputs(model, inputs, count);
  const wanted = tensors ?? model.outputs.map((output) => output.tensor);
  const results = new Map<string, bigint[]>(wanted.map((name) => [name, []]));
  const typeOf = (name: string): FixedType => model.tensors.get(name)?.type as FixedType;
  for (let s = 0; s < count; s++) {
    const values = new Map<string, bigint[]>();
    onStep?.(-1);
    model.inputs.forEach((name, k) => {
      const size = sampleSize(model, name);
      const type = typeOf(name);
      const data = inputs[k] as Float64Array;
      const raws: bigint[] = [];
      for (let i = 0; i < size; i++) {
        const x = data[s * size + i] ?? NaN;
        if (!Number.isFinite(x)) throw new SimulationInputError(`${model.source}: input '${name}' must hold finite numbers, not ${x} (sample ${s}, element ${i})`);
        raws.push(quantizeDouble(x, type));
      }
      values.set(name, raws);
    });
    for (const [index, layer] of model.layers.entries()) {
      onStep?.(index);
      const layerInputs = layer.inputs.map((name) => values.get(name) ?? []);
      values.set(layer.output, referenceLayer(layer, layerInputs, layer.inputs.map(typeOf), typeOf(layer.output)));
    }
    for (const name of wanted) {
      const into = results.get(name);
      // One push per value: spreading a large image's raws would overflow the call stack.
      if (into) for (const raw of values.get(name) ?? []) into.push(raw);
    }
  }
  return results;
}
