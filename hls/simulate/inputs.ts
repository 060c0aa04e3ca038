// Checks shared by the simulators: inputs in graph order, each [count * one sample's size] doubles.
import { SimulationInputError } from '../errors.js';
import type { HwModel } from '../ir/hardware.js';

export function sampleSize(model: HwModel, tensor: string): number {
  return (model.tensors.get(tensor)?.shape ?? []).reduce((a, b) => a * b, 1);
}

export function checkInputs(model: HwModel, inputs: readonly ArrayLike<number>[], count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new SimulationInputError(`${model.source}: the sample count must be a non-negative integer, not ${count}`);
  if (inputs.length !== model.inputs.length) {
    throw new SimulationInputError(`${model.source}: inputs must be ${model.inputs.length} array(s) (${model.inputs.join(', ')}), not ${inputs.length}`);
  }
  model.inputs.forEach((name, k) => {
    const expected = count * sampleSize(model, name);
    const actual = inputs[k]?.length ?? 0;
    if (actual !== expected) throw new SimulationInputError(`${model.source}: input '${name}' must hold ${expected} values for ${count} samples, not ${actual}`);
  });
}
