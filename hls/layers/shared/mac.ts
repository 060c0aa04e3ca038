// The multiply-accumulate shared by Dense and Conv, as hls4ml's Vivado kernels compute it
// (nnet_dense_latency.h, nnet_dense_resource.h, nnet_conv1d_latency.h, nnet_conv2d_latency.h):
//   acc = (accum_t) bias;  for each term in order: acc = (accum_t)(acc + (accum_t)(x * w));  res = (res_t) acc.
// x * w is exact in (W1 + W2, I1 + I2). Terms with a zero weight are left out, as hls4ml's n_zeros
// accounting does: (accum_t)(acc + 0) == acc, so the bits are the same; only the multiplier count changes.
import { CodeWriter, addType, castRaw, mulType, type FixedType } from '@ngt/fxp';
import { rangeOf, type EmitContext, type RawRange } from './emit-context.js';

/** For every output element (in output order): the bias as an accum_t raw and its (input index, weight raw) terms in order. */
export interface MacPlan {
  readonly biasAccum: readonly bigint[];
  /** starts[e] .. starts[e + 1] index `inputs` and `weights` for output element e. */
  readonly starts: readonly number[];
  readonly inputs: readonly number[];
  readonly weights: readonly bigint[];
  /** The same terms repeated over positions (a convolution's output pixels), or null. */
  readonly repeat: MacRepeat | null;
}

/**
 * A plan for one output pixel applied at every pixel: output element p * n + e (n = biasAccum.length)
 * is element e's terms with input indices offset by bases[p], into the input scattered into a
 * zero-padded image (input index i at scatter[i], paddedSize values). A padded value is 0, and
 * (accum_t)(acc + (accum_t)(0 * w)) == acc, so the bits are those of leaving the term out.
 */
export interface MacRepeat {
  readonly bases: readonly number[];
  readonly scatter: readonly number[];
  readonly paddedSize: number;
}

export interface MacTypes {
  readonly input: FixedType;
  readonly weight: FixedType;
  readonly accum: FixedType;
  readonly result: FixedType;
}

export class MacPlanBuilder {
  private readonly biasAccum: bigint[] = [];
  private readonly starts: number[] = [0];
  private readonly inputs: number[] = [];
  private readonly weights: bigint[] = [];

  /** Opens the next output element. */
  output(biasAccum: bigint): void {
    this.biasAccum.push(biasAccum);
    this.starts.push(this.inputs.length);
  }

  term(input: number, weight: bigint): void {
    if (weight === 0n) return;
    this.inputs.push(input);
    this.weights.push(weight);
    this.starts[this.starts.length - 1] = this.inputs.length;
  }

  build(repeat: MacRepeat | null = null): MacPlan {
    return { biasAccum: this.biasAccum, starts: this.starts, inputs: this.inputs, weights: this.weights, repeat };
  }
}

export function macReference(plan: MacPlan, input: readonly bigint[], types: MacTypes): bigint[] {
  const product = mulType(types.input, types.weight);
  const sum = addType(types.accum, types.accum);
  const repeat = plan.repeat;
  let x = input;
  if (repeat) {
    const padded = new Array<bigint>(repeat.paddedSize).fill(0n);
    repeat.scatter.forEach((at, i) => {
      padded[at] = input[i] ?? 0n;
    });
    x = padded;
  }
  const out: bigint[] = [];
  for (const base of repeat?.bases ?? [0]) {
    plan.biasAccum.forEach((bias, e) => {
      let acc = bias;
      for (let k = plan.starts[e] ?? 0; k < (plan.starts[e + 1] ?? 0); k++) {
        const p = castRaw((x[base + (plan.inputs[k] ?? 0)] ?? 0n) * (plan.weights[k] ?? 0n), product, types.accum);
        acc = castRaw(acc + p, sum, types.accum);
      }
      out.push(castRaw(acc, types.accum, types.result));
    });
  }
  return out;
}

/**
 * Calls body(source, outBase) once for a flat plan (the input, output offset 0); for a repeated one,
 * scatters the input into the zero-padded buffer and calls it inside the loop over the bases (`base`
 * and `outBase` in scope).
 */
export function openRepeat(plan: MacPlan, context: EmitContext, body: (x: string, outBase: string) => void): void {
  const repeat = plan.repeat;
  if (!repeat) {
    body(context.input(0), '0');
    return;
  }
  const w = context.w;
  const padded = context.constant('padded', new Float64Array(repeat.paddedSize));
  const scatter = context.constant('scatter', repeat.scatter as number[]);
  const bases = context.constant('bases', repeat.bases as number[]);
  w.line(`for (let i = 0; i < ${scatter}.length; i++) ${padded}[${scatter}[i]] = ${context.input(0)}[i];`);
  w.block(`for (let p = 0; p < ${repeat.bases.length}; p++)`, () => {
    w.line(`const base = ${bases}[p], outBase = p * ${plan.biasAccum.length};`);
    body(padded, 'outBase');
  });
}

export function macEmit(plan: MacPlan, context: EmitContext, types: MacTypes): void {
  const w = context.w;
  const weights = plan.weights.map(Number);
  let wMin = 0;
  let wMax = 0;
  for (const value of weights) {
    wMin = Math.min(wMin, value);
    wMax = Math.max(wMax, value);
  }
  const xRange = rangeOf(types.input);
  const corners = [xRange.min * wMin, xRange.min * wMax, xRange.max * wMin, xRange.max * wMax];
  const productRange: RawRange = {
    min: Math.min(...corners),
    max: Math.max(...corners),
    fractionBits: xRange.fractionBits + rangeOf(types.weight).fractionBits,
  };
  context.requireExact(productRange, 'a product');
  const accum = rangeOf(types.accum);
  const sumRange: RawRange = { min: 2 * accum.min, max: 2 * accum.max, fractionBits: accum.fractionBits };
  const imul = Math.max(Math.abs(productRange.min), Math.abs(productRange.max)) < 2 ** 31 && xRange.max < 2 ** 31;
  if (wrapsModulo(types, productRange, xRange.max)) {
    emitWrappingMac(plan, context, types, productRange, weights);
    return;
  }
  const starts = context.constant('starts', plan.starts as number[]);
  const inputs = context.constant('inputs', plan.inputs as number[]);
  const weightArray = context.constant('weights', weights);
  const bias = context.constant('bias', plan.biasAccum.map(Number));
  openRepeat(plan, context, (x, outBase) => {
    const at = plan.repeat ? `base + ${inputs}[k]` : `${inputs}[k]`;
    w.block(`for (let e = 0; e < ${plan.biasAccum.length}; e++)`, () => {
      w.line(`let acc = ${bias}[e];`);
      w.block(`for (let k = ${starts}[e], end = ${starts}[e + 1]; k < end; k++)`, () => {
        w.line(`const prod = ${imul ? `Math.imul(${x}[${at}], ${weightArray}[k])` : `${x}[${at}] * ${weightArray}[k]`};`);
        w.line('let p;');
        context.cast(productRange, types.accum, 'prod', 'p');
        w.line('const total = acc + p;');
        context.cast(sumRange, types.accum, 'total', 'acc');
      });
      w.line('let r;');
      context.cast(accum, types.result, 'acc', 'r');
      w.line(`${context.output}[${outBase} + e] = r;`);
    });
  });
}

/**
 * A wrapping accumulator (AP_WRAP, no saturation bits, W <= 32) computes modulo 2^W, and so does the
 * truncating cast of each product to it: (accum_t)(acc + (accum_t)p) == (acc + floor(p / 2^s)) mod 2^W.
 * Modular addition is associative, so the terms can be summed in 32-bit integers (|0, exact modulo
 * 2^32, a multiple of 2^W) and wrapped once at the end: the same bits in a fraction of the operations.
 */
function wrapsModulo(types: MacTypes, productRange: RawRange, xMax: number): boolean {
  const accum = types.accum;
  const shift = productRange.fractionBits - rangeOf(accum).fractionBits;
  return (
    accum.overflow === 'AP_WRAP' &&
    accum.saturationBits === 0 &&
    // an unsigned accumulator's raws must fit the Int32Array the straight-line form keeps them in
    (accum.signed ? accum.width <= 32 : accum.width <= 31) &&
    (accum.quantization === 'AP_TRN' || shift <= 0) &&
    shift <= 31 &&
    Math.max(Math.abs(productRange.min), Math.abs(productRange.max)) < 2 ** 31 &&
    xMax < 2 ** 31 &&
    // a left shift (more accum fraction bits than the product has) must stay within 32 bits
    (shift >= 0 || Math.max(Math.abs(productRange.min), Math.abs(productRange.max)) * 2 ** -shift < 2 ** 31)
  );
}

/** Loops over baked weight arrays (fully unrolled code with literal weights was slower: V8 does not optimize functions that large). */
function emitWrappingMac(plan: MacPlan, context: EmitContext, types: MacTypes, productRange: RawRange, weights: readonly number[]): void {
  const w = context.w;
  const x = context.input(0);
  const accum = types.accum;
  const shift = productRange.fractionBits - rangeOf(accum).fractionBits;
  const scaled = (product: string): string => (shift > 0 ? `(${product} >> ${shift})` : shift < 0 ? `(${product} << ${-shift})` : product);
  // Two's complement wrap to W bits: sign-extended for a signed accumulator, zero-extended for an unsigned one.
  const pad = 32 - accum.width;
  const wrap = accum.width === 32 ? (v: string) => `(${v} | 0)` : (v: string) => `((${v} << ${pad}) ${accum.signed ? '>>' : '>>>'} ${pad})`;
  const accumRange = rangeOf(accum);
  const starts = context.constant('starts', plan.starts as number[]);
  const inputs = context.constant('inputs', plan.inputs as number[]);
  const weightArray = context.constant('weights', weights as number[]);
  const bias = context.constant('bias', plan.biasAccum.map(Number));
  const count = plan.biasAccum.length;
  if (context.unrollWeights && !plan.repeat && plan.inputs.length <= UNROLL_TERM_LIMIT) {
    emitUnrolledWrappingMac(plan, context, types, weights, scaled, wrap);
    return;
  }
  const span = count > 0 ? (plan.starts[1] ?? 0) - (plan.starts[0] ?? 0) : 0;
  const contiguous = !plan.repeat && count > 0 && plan.inputs.length === count * span && plan.inputs.every((input, k) => input === k % span);
  if (contiguous) {
    // Every output reads every input in order (no zero weights, no padding): direct indexing.
    w.line(`const W = ${weightArray}, B = ${bias}, X = ${x}, O = ${context.output};`);
    w.block(`for (let e = 0, base = 0; e < ${count}; e++, base += ${span})`, () => {
      w.line('let acc = B[e];');
      w.line(`for (let i = 0; i < ${span}; i++) acc = (acc + ${scaled('Math.imul(X[i], W[base + i])')}) | 0;`);
      w.line(`acc = ${wrap('acc')};`);
      w.line('let r;');
      context.cast(accumRange, types.result, 'acc', 'r');
      w.line('O[e] = r;');
    });
    return;
  }
  // Closure constants into locals, so the JIT keeps them in registers across the loop.
  w.line(`const S = ${starts}, I = ${inputs}, W = ${weightArray}, B = ${bias}, O = ${context.output};`);
  openRepeat(plan, context, (source, outBase) => {
    const at = plan.repeat ? 'base + I[k]' : 'I[k]';
    w.line(`const X = ${source};`);
    w.block(`for (let e = 0; e < ${plan.biasAccum.length}; e++)`, () => {
      w.line('let acc = B[e];');
      w.line(`for (let k = S[e], end = S[e + 1]; k < end; k++) acc = (acc + ${scaled(`Math.imul(X[${at}], W[k])`)}) | 0;`);
      w.line(`acc = ${wrap('acc')};`);
      w.line('let r;');
      context.cast(accumRange, types.result, 'acc', 'r');
      w.line(`O[${outBase} + e] = r;`);
    });
  });
}

/** Layers with at most this many multiply terms get straight-line code with the weights as literals. */
const UNROLL_TERM_LIMIT = 50_000;
/** Terms per generated function: small enough for V8 to optimise, large enough to amortise the call. */
const TERMS_PER_FUNCTION = 256;

/**
 * The wrapping MAC as straight-line code: each output's sum is one expression of Math.imul by literal
 * weights (zero weights already left out), split over functions of about TERMS_PER_FUNCTION terms that
 * load the inputs they use into locals once. The sum of the scaled terms is exact in a double (each is
 * below 2^31 and there are far fewer than 2^22 of them), so one wrap at the end gives the modulo-2^W
 * result. Measured on the jet tagger: about 2.5x the loop form.
 */
function emitUnrolledWrappingMac(
  plan: MacPlan,
  context: EmitContext,
  types: MacTypes,
  weights: readonly number[],
  scaled: (product: string) => string,
  wrap: (value: string) => string,
): void {
  const w = context.w;
  const x = context.input(0);
  const count = plan.biasAccum.length;
  const accumulators = context.constant('acc', new Int32Array(count));
  let first = 0;
  while (first < count) {
    let last = first;
    let terms = 0;
    while (last < count && (last === first || terms < TERMS_PER_FUNCTION)) {
      terms += (plan.starts[last + 1] ?? 0) - (plan.starts[last] ?? 0);
      last += 1;
    }
    const body = new CodeWriter();
    const used = new Set<number>();
    for (let k = plan.starts[first] ?? 0; k < (plan.starts[last] ?? 0); k++) used.add(plan.inputs[k] ?? 0);
    for (const index of [...used].sort((a, b) => a - b)) body.line(`const x${index} = X[${index}];`);
    for (let e = first; e < last; e++) {
      const sum = [String(plan.biasAccum[e] ?? 0n)];
      for (let k = plan.starts[e] ?? 0; k < (plan.starts[e + 1] ?? 0); k++) sum.push(scaled(`Math.imul(x${plan.inputs[k] ?? 0}, ${weights[k] ?? 0})`));
      body.line(`A[${e}] = ${wrap(`(${sum.join(' + ')})`)};`);
    }
    const name = context.declareFunction('mac', ['X', 'A'], body);
    w.line(`${name}(${x}, ${accumulators});`);
    first = last;
  }
  const accumRange = rangeOf(types.accum);
  w.block(`for (let e = 0; e < ${count}; e++)`, () => {
    w.line(`const acc = ${accumulators}[e];`);
    w.line('let r;');
    context.cast(accumRange, types.result, 'acc', 'r');
    w.line(`${context.output}[e] = r;`);
  });
}

/**
 * The config template's multiplier_limit: DIV_ROUNDUP(n_in * n_out, RF) - n_zeros / RF for Latency;
 * Resource keeps its weights in memory and instantiates block_factor = DIV_ROUNDUP(n_in * n_out, RF).
 * Conv counts its kernel the same way.
 */
export function macMultipliers(weights: readonly bigint[], strategy: 'latency' | 'resource', reuseFactor: number): number {
  const zeros = weights.filter((weight) => weight === 0n).length;
  const blocks = Math.ceil(weights.length / reuseFactor);
  return strategy === 'latency' ? blocks - Math.floor(zeros / reuseFactor) : blocks;
}
