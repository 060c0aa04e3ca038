// Max and average pooling, io_parallel, channels last (nnet_pooling.h pooling1d_cl / pooling2d_cl /
// global_pooling*_cl). The window loops run over the stride, so hls4ml computes pools whose size equals
// their stride; padded cells hold pad_val (the type's bit pattern with only the MSB set for max, 0 for
// average). max returns the largest input as accum_t; avg sums into accum_t (each add cast), then
// divides by the patch size (overlapping pixels, or the whole window with count_pad) truncating toward
// zero (ap_fixed operator/ by an unsigned); the result is cast to res_t.
import { addType, castRaw, type FixedType } from '@ngt/fxp';
import { UnsupportedLayerError } from '../errors.js';
import type { HwLayerOf } from '../ir/hardware.js';
import { rangeOf } from '../simulate/emit-context.js';
import { ceilLog2, defineHwLayer, defineLowering, plainFixed, resolvePrecision } from './definition.js';
import { elementCount, stridesOf } from '../../models/index.js';

export const poolLowering = defineLowering({
  kind: 'pool',
  hlsClass: (node) => `${node.global ? 'Global' : ''}${node.mode === 'max' ? 'Max' : 'Average'}Pooling${node.kernel.length}D`,
  lower(node, hlsClass, context) {
    if (node.kernel.some((size, axis) => size !== node.strides[axis])) {
      throw new UnsupportedLayerError(`layer '${node.name}': pooling size must equal its stride (nnet_pooling.h loops over the stride), not [${node.kernel.join(', ')}] with stride [${node.strides.join(', ')}]`);
    }
    const input = context.inputTypes[0] as FixedType;
    const inferAccum = () => {
      if (node.mode === 'max') return input;
      const extra = ceilLog2(elementCount(node.kernel));
      return plainFixed(input.width + 2 * extra, input.intBits + extra, input.signed);
    };
    const layer: HwLayerOf<'pool'> = {
      kind: 'pool',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      mode: node.mode,
      inShape: context.inputShapes[0] ?? [],
      outShape: context.outputShape,
      pool: node.kernel,
      pads: node.pads,
      countIncludePad: node.countIncludePad,
      accumType: resolvePrecision(context.layerConfig.precision('accum'), inferAccum, context.modelDefault),
    };
    return { layer, outputType: resolvePrecision(context.layerConfig.precision('result'), () => input, context.modelDefault) };
  },
});

interface Window {
  /** Input indices inside the image, or -1 for a padded cell. */
  readonly cells: readonly number[];
  readonly patch: number;
}

const windowsCache = new WeakMap<object, Window[]>();

/** Every output element's window, in output order (pixels row-major, channels innermost). */
function windowsOf(layer: HwLayerOf<'pool'>): Window[] {
  const cached = windowsCache.get(layer);
  if (cached) return cached;
  const rank = layer.pool.length;
  const channels = layer.inShape[rank] ?? 1;
  const inStrides = stridesOf(layer.inShape);
  const outSpatial = layer.outShape.slice(0, rank);
  const area = elementCount(layer.pool);
  const windows: Window[] = [];
  for (let pixel = 0; pixel < elementCount(outSpatial); pixel++) {
    const position: number[] = [];
    let rest = pixel;
    for (let axis = rank - 1; axis >= 0; axis--) {
      position[axis] = rest % (outSpatial[axis] ?? 1);
      rest = Math.floor(rest / (outSpatial[axis] ?? 1));
    }
    for (let c = 0; c < channels; c++) {
      const cells: number[] = [];
      let overlap = 0;
      for (let k = 0; k < area; k++) {
        let restK = k;
        let offset = c;
        let inside = true;
        for (let axis = rank - 1; axis >= 0; axis--) {
          const size = layer.pool[axis] ?? 1;
          const coordinate = (position[axis] ?? 0) * size + (restK % size) - (layer.pads[axis] ?? 0);
          restK = Math.floor(restK / size);
          if (coordinate < 0 || coordinate >= (layer.inShape[axis] ?? 0)) inside = false;
          offset += coordinate * (inStrides[axis] ?? 0);
        }
        cells.push(inside ? offset : -1);
        if (inside) overlap += 1;
      }
      windows.push({ cells, patch: layer.countIncludePad ? area : overlap });
    }
  }
  windowsCache.set(layer, windows);
  return windows;
}

function padRaw(layer: HwLayerOf<'pool'>, input: FixedType): bigint {
  if (layer.mode === 'average') return 0n;
  // pad_val: x = 0; x[x.width - 1] = 1 -- the most negative value when signed, 2^(W-1) when not.
  return input.signed ? -(1n << BigInt(input.width - 1)) : 1n << BigInt(input.width - 1);
}

export const poolLayer = defineHwLayer({
  kind: 'pool',
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0] as FixedType;
    const x = inputs[0] ?? [];
    const pad = padRaw(layer, input);
    const sum = addType(layer.accumType, input);
    const f = sum.width - sum.intBits;
    const shiftAcc = BigInt(f - (layer.accumType.width - layer.accumType.intBits));
    const shiftX = BigInt(f - (input.width - input.intBits));
    return windowsOf(layer).map(({ cells, patch }) => {
      const values = cells.map((cell) => (cell < 0 ? pad : (x[cell] ?? 0n)));
      let acc: bigint;
      if (layer.mode === 'max') {
        acc = castRaw(values.reduce((a, b) => (b > a ? b : a)), input, layer.accumType);
      } else {
        acc = 0n;
        for (const value of values) acc = castRaw((acc << shiftAcc) + (value << shiftX), sum, layer.accumType);
        acc = acc / BigInt(patch);
      }
      return castRaw(acc, layer.accumType, outputType);
    });
  },
  emit(layer, context) {
    const input = context.inputType(0);
    const windows = windowsOf(layer);
    const area = windows[0]?.cells.length ?? 1;
    const cells = context.constant('cells', windows.flatMap((window) => window.cells));
    const patches = context.constant('patch', windows.map((window) => window.patch));
    const pad = Number(padRaw(layer, input));
    const w = context.w;
    const accum = rangeOf(layer.accumType);
    const xr = rangeOf(input);
    w.block(`for (let e = 0; e < ${windows.length}; e++)`, () => {
      w.line(`const base = e * ${area};`);
      w.line('let acc;');
      if (layer.mode === 'max') {
        w.line(`let m = ${cells}[base] < 0 ? ${pad} : ${context.input(0)}[${cells}[base]];`);
        w.block(`for (let k = 1; k < ${area}; k++)`, () => {
          w.line(`const v = ${cells}[base + k] < 0 ? ${pad} : ${context.input(0)}[${cells}[base + k]];`);
          w.line('if (v > m) m = v;');
        });
        context.cast({ ...xr, min: Math.min(xr.min, pad), max: Math.max(xr.max, pad) }, layer.accumType, 'm', 'acc');
      } else {
        const sum = addType(layer.accumType, input);
        const f = sum.width - sum.intBits;
        const sa = 2 ** (f - accum.fractionBits);
        const sx = 2 ** (f - xr.fractionBits);
        const range = { min: accum.min * sa + xr.min * sx, max: accum.max * sa + xr.max * sx, fractionBits: f };
        context.requireExact(range, 'an average pool sum');
        w.line('acc = 0;');
        w.block(`for (let k = 0; k < ${area}; k++)`, () => {
          w.line(`const v = ${cells}[base + k] < 0 ? 0 : ${context.input(0)}[${cells}[base + k]];`);
          context.cast(range, layer.accumType, `acc * ${sa} + v * ${sx}`, 'acc');
        });
        w.line(`acc = Math.trunc(acc / ${patches}[e]);`);
      }
      w.line('let r;');
      context.cast(accum, context.outputType, 'acc', 'r');
      w.line(`${context.output}[e] = r;`);
    });
  },
  multipliers: () => 0,
});
