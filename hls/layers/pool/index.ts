// Max and average pooling, io_parallel, channels last (nnet_pooling.h pooling1d_cl / pooling2d_cl /
// global_pooling*_cl). The window loops run over the stride, so hls4ml computes pools whose size equals
// their stride; padded cells hold pad_val (the type's bit pattern with only the MSB set for max, 0 for
// average). max returns the largest input as accum_t; avg sums into accum_t (each add cast), then
// divides by the patch size (overlapping pixels, or the whole window with count_pad) truncating toward
// zero (ap_fixed operator/ by an unsigned); the result is cast to res_t.
//
// Hardware: one output value is a reduction tree over the window's w = prod(pool) values of its
// channel (comparators and selects for max, adders for average), then the average's multiply by 1/n
// and the cast. io_parallel: every output value side by side. io_stream: the window scan of
// tokens/window-scan.ts with line buffers, one iteration per padded input pixel every cycle:
//   token ─ line buffer, window ─|─ tree ─ [times 1/n] ─ cast ─|─ output token
import { addType, castRaw, type FixedType } from '@ngt/fxp';
import { elementCount, stridesOf } from '../../../models/index.js';
import { logic, type Datapath, type Step } from '../../datapath/ir.js';
import { lanes } from '../../datapath/lanes.js';
import { adderTreeSteps } from '../../datapath/mac-datapath.js';
import { constantMultiplier } from '../../datapath/multiplier.js';
import { UnsupportedLayerError } from '../../errors.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { tokenCount, tokenwiseProgram } from '../../tokens/tokens.js';
import { windowScanProgram } from '../../tokens/window-scan.js';
import { defineLayerKind, nodeOf, type LayerContext } from '../kind.js';
import { poolClass } from '../shared/class-names.js';
import { rangeOf } from '../shared/emit-context.js';
import { ceilLog2, plainFixed, resolvePrecision } from '../shared/precision.js';
import { poolVerilog } from './verilog.js';

const poolInfo = { variables: ['accum'], reuse: true, table: false };

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

function datapathOf(layer: HwLayerOf<'pool'>, context: LayerContext): Datapath {
  const input = context.inputTypes[0] as FixedType;
  const out = context.outputType;
  const n = lanes(layer.outShape, context.ioType);
  const window = elementCount(layer.pool);
  const steps: Step[] = [];
  if (context.ioType === 'io_stream') steps.push({ kind: 'register', name: 'line buffer, window', bits: 0 });
  let value = input;
  if (layer.mode === 'max') {
    let terms = window;
    for (let level = 1; terms > 1; level++) {
      const pairs = Math.floor(terms / 2) * n;
      terms = Math.ceil(terms / 2);
      steps.push(logic(`comparator tree level ${level}`, [{ op: 'compare', count: pairs, width: input.width }], terms * n * input.width));
      steps.push(logic(`select level ${level}`, [{ op: 'select', count: pairs, inputs: 2, width: input.width }], terms * n * input.width));
    }
  } else {
    const accum = layer.accumType;
    steps.push(...adderTreeSteps('adder tree level', new Array<number>(n).fill(window), accum.width));
    const plan = constantMultiplier(accum, BigInt(Math.round(2 ** accum.width / window)), accum, context.family);
    steps.push(logic('times 1/n', [{ op: 'const_mul', count: n, a: { width: accum.width, signed: accum.signed }, b: { width: accum.width, signed: accum.signed }, plan }], n * accum.width));
    value = accum;
  }
  steps.push(logic('cast to result_t', [{ op: 'cast', count: n, from: value, to: out }], n * out.width));
  const channels = layer.inShape[layer.inShape.length - 1] ?? 1;
  const rows = layer.pool[0] ?? 1;
  const rowLength = layer.inShape.length >= 3 ? (layer.inShape[layer.inShape.length - 2] ?? 1) : 1;
  const storage = context.ioType === 'io_stream' && rows > 1 ? [{ op: 'fifo' as const, count: rows - 1, depth: rowLength, width: channels * input.width }] : [];
  return { steps, storage, outputBits: n * out.width, iterationIi: 1, notes: [`${layer.mode} over ${window}`] };
}

export const pool = defineLayerKind({
  kind: 'pool',
  classes: Object.fromEntries(
    ['MaxPooling1D', 'MaxPooling2D', 'AveragePooling1D', 'AveragePooling2D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D'].map((name) => [name, poolInfo]),
  ),
  lowers: ['pool'],
  hlsClass(flowNode) {
    const node = nodeOf(flowNode, 'pool');
    return poolClass(node.global, node.mode, node.kernel.length);
  },
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'pool');
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
  verilog: (layer, context) => poolVerilog(layer, windowsOf(layer), padRaw(layer, context.inputTypes[0] as FixedType), context),
  multipliers: () => 0,
  datapath: datapathOf,
  tokens(layer, context) {
    if (context.ioType === 'io_parallel') return { wire: false, tokensIn: [1], tokensOut: 1, program: tokenwiseProgram(1, 1) };
    const program = windowScanProgram({
      inSpatial: layer.inShape.slice(0, -1),
      outSpatial: layer.outShape.slice(0, -1),
      kernel: layer.pool,
      strides: layer.pool,
      dilations: layer.pool.map(() => 1),
      pads: layer.pads,
    });
    return { wire: false, tokensIn: [tokenCount(layer.inShape, 'io_stream')], tokensOut: tokenCount(layer.outShape, 'io_stream'), program };
  },
});
