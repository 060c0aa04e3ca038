// Overflow counts: how many values wrapped or saturated, per layer and per variable (result, accum, ...),
// as the bit-accurate interpreter computes them. Every cast that lands outside its type's range (before
// AP_WRAP / AP_SAT... adjust it) is one; the variable is the layer's type the cast goes to.
import { formatFixedType, observeCasts, type FixedType } from '@ngt/fxp';
import type { HwLayer, HwModel } from '../ir/hardware.js';
import { interpret } from './interpret.js';

export interface OverflowCount {
  /** The layer, or the input's name for its quantization on entry. */
  readonly layer: string;
  /** hls4ml's variable: result, accum, inp_norm, inv_inp, ... (input: the input layer's result). */
  readonly variable: string;
  readonly type: string;
  /** 'wrap' for AP_WRAP types, else 'saturate'. */
  readonly mode: 'wrap' | 'saturate';
  /** Casts that overflowed, of all casts to that variable. */
  readonly overflows: number;
  readonly casts: number;
}

function sameType(a: FixedType, b: FixedType): boolean {
  return a.width === b.width && a.intBits === b.intBits && a.signed === b.signed && a.quantization === b.quantization && a.overflow === b.overflow && a.saturationBits === b.saturationBits;
}

/** A layer's variables in the order a cast's type is matched against them (accumulators before the result). */
function variablesOf(layer: HwLayer, result: FixedType): [string, FixedType][] {
  const variables: [string, FixedType][] = [];
  if (layer.kind === 'dense' || layer.kind === 'conv' || layer.kind === 'pool') variables.push(['accum', layer.accumType]);
  if (layer.kind === 'softmax') {
    if (layer.normType) variables.push(['inp_norm', layer.normType]);
    variables.push(['accum', layer.accumType], ['inv_inp', layer.invInputType]);
  }
  variables.push(['result', result]);
  return variables;
}

/** Overflow counts over `count` samples (only the variables that were cast to at least once). */
export function countOverflows(model: HwModel, inputs: readonly Float64Array[], count: number): OverflowCount[] {
  const counts = new Map<string, { layer: string; variable: string; type: FixedType; overflows: number; casts: number }>();
  let step = -1;
  const typeOf = (name: string): FixedType => model.tensors.get(name)?.type as FixedType;
  const steps = model.layers.map((layer) => variablesOf(layer, typeOf(layer.output)));
  const record = (layer: string, variable: string, type: FixedType, overflowed: boolean): void => {
    const key = `${layer}\u0000${variable}`;
    let entry = counts.get(key);
    if (!entry) counts.set(key, (entry = { layer, variable, type, overflows: 0, casts: 0 }));
    entry.casts += 1;
    if (overflowed) entry.overflows += 1;
  };
  observeCasts((type, overflowed) => {
    if (step < 0) {
      const input = model.inputs.find((name) => sameType(typeOf(name), type)) ?? model.inputs[0] ?? 'input';
      record(input, 'input', type, overflowed);
      return;
    }
    const layer = model.layers[step];
    const variable = steps[step]?.find(([, candidate]) => sameType(candidate, type))?.[0];
    // Casts to other types (table lookups' own types, constants) are not a layer variable's overflow.
    if (layer && variable) record(layer.name, variable, type, overflowed);
  });
  try {
    interpret(model, inputs, count, [], (next) => {
      step = next;
    });
  } finally {
    observeCasts(null);
  }
  return [...counts.values()].map((entry) => ({
    layer: entry.layer,
    variable: entry.variable,
    type: formatFixedType(entry.type),
    mode: entry.type.overflow === 'AP_WRAP' || entry.type.overflow === 'AP_WRAP_SM' ? 'wrap' : 'saturate',
    overflows: entry.overflows,
    casts: entry.casts,
  }));
}
