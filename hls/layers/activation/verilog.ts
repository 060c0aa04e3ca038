// The plain activations in Verilog, per element as the reference computes them (index.ts): a compare
// on the raw (x > 0 is "not negative and not zero"), a select, the cast to result_t.
import { castRaw, maxRaw, minRaw, mulType, type FixedType } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, slice, type ModuleBuilder, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements } from '../../rtl/values.js';
import type { HwLayerOf } from '../../ir/hardware.js';

/** x > 0 on x's raw. */
function positive(m: ModuleBuilder, x: Signal): Signal {
  const nonzero = x.width === 1 ? x.name : `|${x.name}`;
  return m.wire('pos', 1, false, x.signed ? `~${slice(x, x.width - 1, x.width - 1)} & (${nonzero})` : nonzero);
}

/** x < bound (raw of x's type, any size) as a 1-bit expression. */
function lessThan(x: Signal, type: FixedType, bound: bigint): string {
  if (bound <= minRaw(type)) return "1'b0";
  if (bound > maxRaw(type)) return "1'b1";
  return type.signed ? `($signed(${x.name}) < $signed(${literal(type.width, bound)}))` : `(${x.name} < ${literal(type.width, bound)})`;
}

function greaterThan(x: Signal, type: FixedType, bound: bigint): string {
  if (bound >= maxRaw(type)) return "1'b0";
  if (bound < minRaw(type)) return "1'b1";
  return type.signed ? `($signed(${x.name}) > $signed(${literal(type.width, bound)}))` : `(${x.name} > ${literal(type.width, bound)})`;
}

export function activationVerilog(
  m: ModuleBuilder,
  layer: HwLayerOf<'activation'>,
  bus: Signal,
  input: FixedType,
  output: FixedType,
  thresholds: { readonly low: bigint; readonly high: bigint } | null,
  binaryType: FixedType,
): Signal {
  const fn = layer.activation;
  const W = output.width;
  const zero = literal(W, 0n);
  const out = elementsOf(m, bus, input, 'act_x').map((x, e) => {
    switch (fn.kind) {
      case 'linear':
        return castSignal(m, x, input, output, `act_y${e}`);
      case 'relu': {
        const cast = castSignal(m, x, input, output, `act_c${e}`);
        return m.wire(`act_y${e}`, W, output.signed, `${positive(m, x).name} ? ${cast.name} : ${zero}`);
      }
      case 'leaky_relu': {
        const type = mulType(fn.paramType, input);
        const product = m.wire(`act_p${e}`, type.width, type.signed, `${resize(x, type.width)} * ${literal(type.width, fn.alpha)}`);
        const [high, low] = [castSignal(m, x, input, output, `act_c${e}`), castSignal(m, product, type, output, `act_n${e}`)];
        return m.wire(`act_y${e}`, W, output.signed, `${positive(m, x).name} ? ${high.name} : ${low.name}`);
      }
      case 'clip': {
        const bounds = thresholds as { low: bigint; high: bigint };
        const cast = castSignal(m, x, input, output, `act_c${e}`);
        const [minOut, maxOut] = [castRaw(fn.min, fn.boundType, output), castRaw(fn.max, fn.boundType, output)];
        return m.wire(`act_y${e}`, W, output.signed, `${lessThan(x, input, bounds.low)} ? ${literal(W, minOut)} : (${greaterThan(x, input, bounds.high)} ? ${literal(W, maxOut)} : ${cast.name})`);
      }
      case 'binary_tanh': {
        const [plus, minus] = [castRaw(1n, binaryType, output), castRaw(-1n, binaryType, output)];
        const negative = input.signed ? slice(x, x.width - 1, x.width - 1) : "1'b0";
        return m.wire(`act_y${e}`, W, output.signed, `${negative} ? ${literal(W, minus)} : ${literal(W, plus)}`);
      }
    }
  });
  return packElements(m, out, 'act_out');
}
