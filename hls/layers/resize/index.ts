// Resize, nearest (hls4ml's UpSampling1D/2D and ONNX Resize: templates/vivado/nnet_utils/nnet_image.h
// resize_nearest, nnet_image_stream.h). io_parallel: wiring, output pixel (i, j) reads input pixel
// ((i * y_ratio) >> 16, (j * x_ratio) >> 16) with ratio = (in << 16) / out + 1. io_stream: integer
// ratios only (the stream template asserts them); it buffers one input row, then writes that row's
// ratio_h * width * ratio_w output pixels, so each output token waits for the end of its input row.
// The model's own nearest mapping (models/layers/resize.ts) must be the template's, else the layer is
// refused: the hardware would compute something else than the model.
import type { FixedType } from '@ngt/fxp';
import { UnsupportedLayerError } from '../../errors.js';
import { wiringDatapath } from '../../datapath/ir.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import type { Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements } from '../../rtl/values.js';
import { repackProgram, type TokenNeed } from '../../tokens/repack.js';
import { tokenCount } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf } from '../kind.js';
import { REPACK_DATAPATH } from '../shared/repack-needs.js';

/** [height, width, channels] of a one-sample shape [H, W, C] or [W, C] (height 1). */
function image(shape: readonly number[]): [number, number, number] {
  return shape.length === 3 ? [shape[0] ?? 1, shape[1] ?? 1, shape[2] ?? 1] : [1, shape[0] ?? 1, shape[1] ?? 1];
}

/** Input index of each output element, as resize_nearest computes it. */
export function templateSources(inShape: readonly number[], outShape: readonly number[]): Int32Array {
  const [height, width, channels] = image(inShape);
  const [newHeight, newWidth] = image(outShape);
  const yRatio = Math.floor((height << 16) / newHeight) + 1;
  const xRatio = Math.floor((width << 16) / newWidth) + 1;
  const sources = new Int32Array(newHeight * newWidth * channels);
  for (let i = 0; i < newHeight; i++) {
    for (let j = 0; j < newWidth; j++) {
      const y2 = Math.floor((i * yRatio) / 65536);
      const x2 = Math.floor((j * xRatio) / 65536);
      for (let k = 0; k < channels; k++) sources[(i * newWidth + j) * channels + k] = (y2 * width + x2) * channels + k;
    }
  }
  return sources;
}

export const resize = defineLayerKind({
  kind: 'resize',
  classes: { Resize: { variables: [], reuse: false, table: false } },
  lowers: ['resize'],
  hlsClass: () => 'Resize',
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'resize');
    const inShape = context.inputShapes[0] ?? [];
    const outShape = context.outputShape;
    const where = `layer '${node.name}'`;
    if (inShape.length < 2 || inShape.length > 3) {
      throw new UnsupportedLayerError(`${where}: Resize must be 1-D or 2-D ([W, C] or [H, W, C] per sample, as hls4ml's UpSampling1D/2D), not shape [${inShape.join(', ')}]`);
    }
    if (inShape.at(-1) !== outShape.at(-1)) throw new UnsupportedLayerError(`${where}: Resize must keep the channel count ${inShape.at(-1)} (the template scales height and width), not make it ${outShape.at(-1)}`);
    const sources = templateSources(inShape, outShape);
    const differs = sources.findIndex((source, index) => source !== node.sources[index]);
    if (differs >= 0) {
      throw new UnsupportedLayerError(
        `${where}: the model's nearest mapping must be hls4ml's resize_nearest (floor(j * out / in) for integer scales), not differ at output element ${differs} (input ${node.sources[differs]}, the template reads ${sources[differs]}); export with integer scales`,
      );
    }
    const [height, width] = image(inShape);
    const [newHeight, newWidth] = image(outShape);
    if (context.ioType === 'io_stream' && (newHeight % height !== 0 || newWidth % width !== 0)) {
      throw new UnsupportedLayerError(`${where}: io_stream Resize must scale by whole numbers (nnet_image_stream.h asserts it), not ${height}x${width} to ${newHeight}x${newWidth}`);
    }
    const layer: HwLayerOf<'resize'> = { kind: 'resize', name: node.name, hlsClass, inputs: node.inputs, output: node.output, inShape, outShape };
    // resize_nearest<input_t, config>: the output has the input's type.
    return { layer, outputType: context.inputTypes[0] as FixedType };
  },
  reference(layer, inputs) {
    const x = inputs[0] ?? [];
    return Array.from(templateSources(layer.inShape, layer.outShape), (source) => x[source] ?? 0n);
  },
  emit(layer, context) {
    const sources = context.constant('sources', Array.from(templateSources(layer.inShape, layer.outShape)));
    context.w.line(`for (let i = 0; i < ${context.output}.length; i++) ${context.output}[i] = ${context.input(0)}[${sources}[i]];`);
  },
  verilog(layer, context) {
    if (context.ioType !== 'io_parallel') return { unsupported: 'io_stream resize (a buffered input row)' };
    // io_parallel: wires, each output element a copy of its template source (the output type is the input's).
    const x = elementsOf(context.m, context.inputs[0] as Signal, context.inputTypes[0] as FixedType, 'rs_x');
    return packElements(context.m, Array.from(templateSources(layer.inShape, layer.outShape), (source) => x[source] as Signal), 'rs_out');
  },
  multipliers: () => 0,
  datapath: (_layer, context) => (context.ioType === 'io_parallel' ? wiringDatapath('resize: wiring') : { ...REPACK_DATAPATH, notes: ['io_stream resize: one input row buffered (not costed)'] }),
  tokens(layer, context) {
    const tokensIn = tokenCount(layer.inShape, context.ioType);
    if (context.ioType === 'io_parallel') return { wire: true, tokens: tokensIn };
    const [height, width] = image(layer.inShape);
    const [newHeight, newWidth] = image(layer.outShape);
    const needs: TokenNeed[] = [];
    for (let i = 0; i < newHeight; i++) {
      const row = Math.floor(i / (newHeight / height));
      for (let j = 0; j < newWidth; j++) needs.push({ port: 0, tokens: (row + 1) * width });
    }
    return { wire: false, tokensIn: [tokensIn], tokensOut: needs.length, program: repackProgram(needs, [tokensIn]) };
  },
});
