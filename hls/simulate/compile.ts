// The compiled functional simulator: the hardware IR lowered once to generated JavaScript (one function
// per layer over flat typed arrays of raws, constants and weights baked into the closure, no allocation
// per sample), run over a batch. Models whose arithmetic needs more than 53 bits anywhere take the
// separate wide path: the exact bigint interpreter (STYLE.md: BigInt only on a separate wide path).
import { CodeWriter, emitDoubleCast, quantizeTruncated, truncateNumber, fractionBits, rawToNumber, type FixedType } from '@ngt/fxp';
import { SimulationInputError } from '../errors.js';
import type { HwModel } from '../ir/hardware.js';
import { emitLayer } from '../layers/registry.js';
import { EmitContext, EmitShared, NeedsWidePath, bufferKind } from '../layers/shared/emit-context.js';
import { checkInputs, sampleSize } from './inputs.js';
import { interpret } from './interpret.js';

export interface Simulator {
  readonly model: HwModel;
  /** 'compiled' (generated JavaScript) or 'wide' (the bigint interpreter), and why when wide. */
  readonly path: 'compiled' | 'wide';
  readonly reason: string | null;
  /**
   * Raw values of the requested tensors, default the outputs: [count * size] each; exact integers for
   * tensors up to 53 bits wide, rounded to the nearest double for wider ones (the wide path computes
   * them exactly).
   */
  run(inputs: readonly Float64Array[], count: number, tensors?: readonly string[]): Map<string, Float64Array>;
  /** The generated source, for inspection (empty on the wide path). */
  readonly source: string;
}

type Driver = (inputs: readonly Float64Array[], count: number, captures: readonly Capture[]) => void;

interface Capture {
  readonly buffer: number;
  readonly size: number;
  readonly target: Float64Array;
}

export interface CompileOptions {
  /**
   * Multiply-accumulates as straight-line code with literal weights ('always'), as loops over weight
   * arrays ('never'), or ('auto') loops first and straight-line code once a run has at least
   * UNROLL_MIN_SAMPLES samples: the straight-line form runs about 2.5x faster but V8 takes ~0.3 s to
   * warm it up, which only pays off on large batches (sweeps compile many configs and run each once).
   */
  readonly unroll?: 'auto' | 'always' | 'never';
}

const UNROLL_MIN_SAMPLES = 20_000;

export function compileModel(model: HwModel, options: CompileOptions = {}): Simulator {
  const unroll = options.unroll ?? 'auto';
  const build = (unrollWeights: boolean): Simulator => {
    try {
      return compiled(model, unrollWeights);
    } catch (error) {
      if (!(error instanceof NeedsWidePath)) throw error;
      return wide(model, error.reason);
    }
  };
  const first = build(unroll === 'always');
  if (unroll !== 'auto' || first.path === 'wide') return first;
  let unrolled: Simulator | null = null;
  return {
    ...first,
    run(inputs, count, tensors) {
      if (count < UNROLL_MIN_SAMPLES) return first.run(inputs, count, tensors);
      unrolled ??= build(true);
      return unrolled.run(inputs, count, tensors);
    },
  };
}

function wide(model: HwModel, reason: string): Simulator {
  return {
    model,
    path: 'wide',
    reason,
    source: '',
    run(inputs, count, tensors) {
      const raws = interpret(model, inputs, count, tensors);
      // Number() rounds a raw wider than 53 bits to the nearest double, so its value (raw * 2^-F, an
      // exact scaling) is the exact result correctly rounded to float64.
      return new Map([...raws].map(([name, values]) => [name, Float64Array.from(values, Number)]));
    },
  };
}

function compiled(model: HwModel, unrollWeights: boolean): Simulator {
  const shared = new EmitShared(unrollWeights);
  const bufferOf = new Map<string, number>();
  const buffers: (Int32Array | Float64Array)[] = [];
  for (const tensor of model.tensors.values()) {
    if (tensor.type.width > 53) throw new NeedsWidePath(`tensor '${tensor.name}' is ${tensor.type.width} bits wide`);
    bufferOf.set(tensor.name, buffers.length);
    const size = tensor.shape.reduce((a, b) => a * b, 1);
    buffers.push(bufferKind(tensor.type) === 'Int32Array' ? new Int32Array(size) : new Float64Array(size));
  }
  const w = new CodeWriter();
  model.layers.forEach((layer, index) => {
    const typeOf = (name: string) => model.tensors.get(name)?.type as FixedType;
    const context = new EmitContext(shared, layer.inputs.map((_, i) => `in${i}`), 'out', layer.inputs.map(typeOf), typeOf(layer.output));
    emitLayer(layer, context);
    w.line(`// ${layer.kind} '${layer.name.replace(/[\r\n]/g, ' ')}'`);
    w.block(`const layer${index} = function (${[...layer.inputs.map((_, i) => `in${i}`), 'out'].join(', ')})`, () => {
      for (const line of context.w.toString().split('\n')) w.line(line);
    });
    w.line(';');
  });
  for (const declaration of shared.functions) for (const line of declaration.split('\n')) w.line(line);
  const exactDouble = model.inputs.map((name) => {
    const type = model.tensors.get(name)?.type as FixedType;
    return (x: number) => Number(quantizeTruncated(truncateNumber(x, fractionBits(type), `input '${name}'`), type));
  });
  // emitDoubleCast calls this one with the truncated scaled value and its rounding bits (AP_WRAP with
  // saturation bits, AP_WRAP_SM), not with the double.
  const exactTruncated = model.inputs.map((name) => {
    const type = model.tensors.get(name)?.type as FixedType;
    return (t: number, roundBit: boolean, sticky: boolean, negative: boolean) => Number(quantizeTruncated({ t: BigInt(t), roundBit, sticky, negative }, type));
  });
  w.block('return function run(inputs, count, captures)', () => {
    w.block('for (let s = 0; s < count; s++)', () => {
      model.inputs.forEach((name, k) => {
        const size = sampleSize(model, name);
        const type = model.tensors.get(name)?.type as FixedType;
        w.block('', () => {
          w.line(`const source = inputs[${k}];`);
          w.line(`const target = buffers[${bufferOf.get(name)}];`);
          w.block(`for (let i = 0, o = s * ${size}; i < ${size}; i++)`, () => {
            w.line('const x = source[o + i];');
            w.line('let q;');
            emitDoubleCast(w, type, 'x', 'q', { prefix: 'd_', exactDouble: `exactDouble[${k}]`, exactTruncated: `exactTruncated[${k}]` });
            w.line('target[i] = q;');
          });
        });
      });
      model.layers.forEach((layer, index) => {
        const args = [...layer.inputs, layer.output].map((name) => `buffers[${bufferOf.get(name)}]`);
        w.line(`layer${index}(${args.join(', ')});`);
      });
      w.block('for (let c = 0; c < captures.length; c++)', () => {
        w.line('const capture = captures[c];');
        w.line('capture.target.set(buffers[capture.buffer], s * capture.size);');
      });
    });
  });
  const source = w.toString();
  const names = [...shared.constants.keys()];
  const factory = new Function('buffers', 'exactDouble', 'exactTruncated', ...names, source) as (...args: unknown[]) => Driver;
  const driver = factory(buffers, exactDouble, exactTruncated, ...names.map((name) => shared.constants.get(name)));
  return {
    model,
    path: 'compiled',
    reason: null,
    source,
    run(inputs, count, tensors) {
      checkInputs(model, inputs, count);
      for (const [k, data] of inputs.entries()) {
        for (const x of data) {
          if (!Number.isFinite(x)) throw new SimulationInputError(`${model.source}: input '${model.inputs[k]}' must hold finite numbers, not ${x}`);
        }
      }
      const wanted = tensors ?? model.outputs.map((output) => output.tensor);
      const captures = wanted.map((name) => {
        const size = sampleSize(model, name);
        return { buffer: bufferOf.get(name) ?? -1, size, target: new Float64Array(count * size) };
      });
      driver(inputs, count, captures);
      return new Map(wanted.map((name, i) => [name, captures[i]?.target ?? new Float64Array()]));
    },
  };
}

/** Exact values of raws of `type` (every one fits a double: W <= 53). */
export function rawsToValues(raws: ArrayLike<number>, type: FixedType): Float64Array {
  const f = fractionBits(type);
  if (Math.abs(f) < 1000) {
    const scale = 2 ** -f;
    return Float64Array.from({ length: raws.length }, (_, i) => (raws[i] ?? 0) * scale);
  }
  return Float64Array.from({ length: raws.length }, (_, i) => rawToNumber(BigInt(raws[i] ?? 0), f));
}
