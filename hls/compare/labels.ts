// Class labels for accuracy: integer class indices [N], or one-hot / score rows [N, C] read by argmax.
import { ModelInputError, type NpyArray } from '../../models/index.js';

export function labelsFromNpy(array: NpyArray, samples: number, source: string): Int32Array {
  if (array.shape[0] !== samples) throw new ModelInputError(`${source}: labels must have ${samples} rows (one per input sample), not ${array.shape[0] ?? 0}`);
  if (array.dtype === 'float32' || array.dtype === 'float64') {
    if (array.shape.length !== 2) throw new ModelInputError(`${source}: float labels must be one-hot rows of shape [N, C], not [${array.shape.join(', ')}]`);
    return argmaxRows(array.data as Float32Array | Float64Array, samples, array.shape[1] ?? 0);
  }
  if (array.shape.length !== 1 && !(array.shape.length === 2 && array.shape[1] === 1)) {
    throw new ModelInputError(`${source}: integer labels must have shape [N], not [${array.shape.join(', ')}]`);
  }
  const labels = new Int32Array(samples);
  for (let index = 0; index < samples; index++) {
    const value = Number(array.data[index] ?? -1);
    if (!Number.isInteger(value) || value < 0) throw new ModelInputError(`${source}: label ${index} must be a class index >= 0, not ${value}`);
    labels[index] = value;
  }
  return labels;
}

/** The index of the largest value in each row (the first on ties, as numpy's argmax). */
export function argmaxRows(data: ArrayLike<number>, rows: number, columns: number): Int32Array {
  const result = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    let best = 0;
    let bestValue = data[row * columns] ?? -Infinity;
    for (let column = 1; column < columns; column++) {
      const value = data[row * columns + column] ?? -Infinity;
      if (value > bestValue) {
        bestValue = value;
        best = column;
      }
    }
    result[row] = best;
  }
  return result;
}
