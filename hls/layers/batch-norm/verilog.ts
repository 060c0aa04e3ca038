// Scale and bias in Verilog, per element as the reference computes it (index.ts): x * scale at the
// exact product width (both operands extended to it, so the low bits are the exact product), product
// and bias aligned on the sum's fraction bits and added at the sum's width (exact), one cast to res_t.
// The channel of element e is e % channels: a token holds whole rows of channels (io_parallel: the
// tensor; io_stream: a pixel), so a token that does not is refused.
import { addType, fractionBits, mulType, type FixedType } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements, type VerilogContext } from '../../rtl/values.js';
import type { HwLayerOf } from '../../ir/hardware.js';

/** The signal times 2^shift, as a `width`-bit expression (extended by its sign, zeros appended). */
function aligned(signal: Signal, shift: number, width: number): string {
  if (shift === 0) return resize(signal, width);
  return `{${resize(signal, width - shift)}, ${literal(shift, 0n)}}`;
}

export function batchNormVerilog(layer: HwLayerOf<'batch_norm'>, context: VerilogContext): Signal | { readonly unsupported: string } {
  const { m } = context;
  const input = context.inputTypes[0] as FixedType;
  const bus = context.inputs[0] as Signal;
  const count = bus.width / input.width;
  if (count % layer.channels !== 0) return { unsupported: `a ${context.ioType} token of ${count} values that is not whole rows of the ${layer.channels} channels (the channel would depend on the token's position)` };
  const product = mulType(input, layer.scaleType);
  const sum = addType(product, layer.biasType);
  const shiftProduct = fractionBits(sum) - fractionBits(product);
  const shiftBias = fractionBits(sum) - fractionBits(layer.biasType);
  const out = elementsOf(m, bus, input, 'bn_x').map((x, e) => {
    const c = e % layer.channels;
    const p = m.wire(`bn_p${e}`, product.width, product.signed, `${resize(x, product.width)} * ${literal(product.width, layer.scale[c] ?? 0n)}`);
    const bias = literal(sum.width, (layer.bias[c] ?? 0n) << BigInt(shiftBias));
    const s = m.wire(`bn_s${e}`, sum.width, sum.signed, `${aligned(p, shiftProduct, sum.width)} + ${bias}`);
    return castSignal(m, s, sum, context.outputType, `bn_y${e}`);
  });
  return packElements(m, out, 'bn_out');
}
