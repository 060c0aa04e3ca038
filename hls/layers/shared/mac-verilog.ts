// The MAC plan (mac.ts) in Verilog, as macReference computes it (nnet_dense_latency.h): each product
// x * w at full precision cast to accum_t, the accumulator starting at (accum_t) bias, every add cast
// back to accum_t, the result cast to result_t. Constant weights make each product a constant
// multiplication, which synthesis maps to shifts and adds or a DSP. When accum_t wraps without
// saturation bits, a chain of casts to accum_t is arithmetic modulo 2^W, so the sum is one W-bit
// addition (any association gives the same bits); a saturating accumulator keeps hls4ml's order.
import { addType, mulType, type FixedType } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, type ModuleBuilder, type Signal } from '../../rtl/netlist.js';
import { elementsOf, packElements } from '../../rtl/values.js';
import type { MacPlan, MacTypes } from './mac.js';

/** Whether casting a sum of two accum_t values back to accum_t is plain modular wrap-around. */
function wrapsModulo(accum: FixedType): boolean {
  return accum.overflow === 'AP_WRAP' && accum.saturationBits === 0;
}

export function macVerilog(m: ModuleBuilder, plan: MacPlan, input: Signal, types: MacTypes, prefix: string): Signal {
  if (plan.repeat) throw new Error('repeated MAC plans have no Verilog yet');
  const x = elementsOf(m, input, types.input, `${prefix}_x`);
  const product = mulType(types.input, types.weight);
  const sum = addType(types.accum, types.accum);
  const A = types.accum.width;
  const outputs: Signal[] = [];
  plan.biasAccum.forEach((bias, e) => {
    const terms: Signal[] = [];
    for (let k = plan.starts[e] ?? 0; k < (plan.starts[e + 1] ?? 0); k++) {
      const xi = x[plan.inputs[k] ?? 0] as Signal;
      // Both operands extended to the product's width: multiplication modulo 2^W of two's complement
      // patterns gives the exact product's low W bits, and the exact product fits in W bits.
      const exact = m.wire(`${prefix}_p${e}_${k}`, product.width, product.signed, `${resize(xi, product.width)} * ${literal(product.width, plan.weights[k] ?? 0n)}`);
      terms.push(castSignal(m, exact, product, types.accum, `${prefix}_q${e}_${k}`));
    }
    const start = literal(A, bias);
    let acc: Signal;
    if (wrapsModulo(types.accum)) {
      acc = m.wire(`${prefix}_acc${e}`, A, types.accum.signed, [start, ...terms.map((term) => term.name)].join(' + '));
    } else {
      acc = m.wire(`${prefix}_acc${e}_0`, A, types.accum.signed, start);
      terms.forEach((term, k) => {
        const total = m.wire(`${prefix}_s${e}_${k}`, sum.width, sum.signed, `${resize(acc, sum.width)} + ${resize(term, sum.width)}`);
        acc = castSignal(m, total, sum, types.accum, `${prefix}_acc${e}_${k + 1}`);
      });
    }
    outputs.push(castSignal(m, acc, types.accum, types.result, `${prefix}_y${e}`));
  });
  return packElements(m, outputs, `${prefix}_out`);
}
