// The distributed-arithmetic adder graph (da.ts, datapath/adder-graph.ts) in Verilog: one wire per
// node, exactly as wide as its range, assigned a ± (b << s) with the shift as a concatenation of zero
// bits; then each output's constant (the bias) and sign, and its one cast to result_t. No multiply
// operator anywhere. Each wire is computed modulo 2^W of its width: its exact value fits W bits, and a
// sum's low W bits depend only on its operands' low bits, so truncating an operand to the wire's width
// (or dropping one shifted past it) leaves the bits exact. A Conv instantiates the graph once per
// output pixel (the padded cells are constant zeros), as hls4ml's conv DA calls the kernel per pixel.
import { castRaw, invariant } from '@ngt/fxp';
import { castSignal } from '../../rtl/cast.js';
import { literal, resize, type ModuleBuilder, type Signal } from '../../rtl/netlist.js';
import { elementReader, packElements } from '../../rtl/values.js';
import { rangeWidth, type AdderGraph } from '../../datapath/adder-graph.js';
import { daExactTypes, daGraph, type DaPlan } from './da.js';

/** `value` << shift as a `width`-bit expression (null: zero). */
function shifted(value: Signal | null, shift: number, width: number): string | null {
  if (value === null || shift >= width) return null;
  if (shift === 0) return resize(value, width);
  return `{${resize(value, width - shift)}, ${shift}'h0}`;
}

function instantiate(m: ModuleBuilder, graph: AdderGraph, plan: DaPlan, source: (k: number) => Signal | null, tag: string): Signal[] {
  const values: (Signal | null)[] = [];
  graph.nodes.forEach((node, i) => {
    if (node.kind === 'input') {
      values.push(source(node.index));
      return;
    }
    const width = rangeWidth(node.min, node.max);
    const a = shifted(values[node.a] ?? null, 0, width);
    const b = shifted(values[node.b] ?? null, node.shift, width);
    const zero = literal(width, 0n);
    const expr = node.reversed ? `${b ?? zero} - ${a ?? zero}` : `${a ?? zero} ${node.subtract ? '-' : '+'} ${b ?? zero}`;
    values.push(m.wire(`${tag}_n${i}`, width, node.min < 0n, expr));
  });
  const exactTypes = daExactTypes(plan, graph);
  return graph.outputs.map((output, e) => {
    const type = exactTypes[e];
    invariant(type !== undefined, `no exact type for output ${e}`);
    const width = type.width;
    const term = shifted(output.node === null ? null : (values[output.node] ?? null), output.shift, width);
    // An output with no term (all its weights quantized to zero) is its bias alone: cast here, so no
    // exact wire is left that its cast would never read (Verilator's UNUSEDSIGNAL).
    if (term === null) return m.wire(`${tag}_y${e}`, plan.types.result.width, plan.types.result.signed, literal(plan.types.result.width, castRaw(output.constant, type, plan.types.result)));
    const constant = output.constant !== 0n ? literal(width, output.constant) : null;
    let expr: string;
    if (output.negate) expr = `${constant ?? literal(width, 0n)} - ${term}`;
    else expr = constant === null ? term : `${constant} + ${term}`;
    const exact = m.wire(`${tag}_e${e}`, width, type.signed, expr);
    return castSignal(m, exact, type, plan.types.result, `${tag}_y${e}`);
  });
}

/** `onePixel`: the bus is one pixel's window itself (a pointwise Conv's token in io_stream), so a repeated plan is applied once, at base 0. */
export function daVerilog(m: ModuleBuilder, plan: DaPlan, input: Signal, prefix: string, onePixel = false): Signal {
  const graph = daGraph(plan);
  const x = elementReader(m, input, plan.types.input, `${prefix}_x`);
  const repeat = plan.terms.repeat;
  if (!repeat || onePixel) return packElements(m, instantiate(m, graph, plan, (k) => x(plan.inputs[k] ?? 0), prefix), `${prefix}_out`);
  const element = new Int32Array(repeat.paddedSize).fill(-1);
  repeat.scatter.forEach((at, i) => {
    element[at] = i;
  });
  const outputs = repeat.bases.flatMap((base, p) =>
    instantiate(m, graph, plan, (k) => {
      const at = element[base + (plan.inputs[k] ?? 0)] ?? -1;
      return at < 0 ? null : x(at);
    }, `${prefix}_p${p}`),
  );
  return packElements(m, outputs, `${prefix}_out`);
}
