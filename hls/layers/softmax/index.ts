// Softmax as current hls4ml main's nnet_activation.h (Vivado/Vitis; tables.ts for the sizes, types
// and tables, reference.ts and emit.ts for the arithmetic, datapath.ts for the hardware): softmax_stable (the default), softmax_latency, softmax_legacy and softmax_argmax,
// over the last axis.
// - stable: x_max = reduce(x, Op_max); d_i = inp_norm_t(x_max - x_i); exp_res_i = accum_t(exp_table[top
//   bits of d_i]); latency addresses the exp table by the top bits of x_i itself.
// - exp_sum = inv_inp_t(reduce(exp_res, Op_add<accum_t>)), each add cast to accum_t (nnet_common.h);
//   inv = invert_table[top bits of exp_sum]; res_i = res_T(exp_res_i * inv), the product at full width.
// - legacy: res_i = invert_table[index of sum_j exp_table[index of x_j - x_i]], sums in table_t.
// - argmax: res[idx] = 1 for the first strictly greatest input.
// accum_t is looked up like every accumulator (LayerName, LayerType, Model accum, Model default: the
// layer's _set_accum_t); exp_table_t, inv_table_t and inv_inp_t default to ap_fixed<18,8,AP_RND,AP_SAT>
// (fpga_backend.py's Softmax attributes).
import { sameType, formatFixedType, type FixedType } from '@ngt/fxp';
import { DEFAULT_TABLE_PRECISIONS } from '../../config/defaults.js';
import type { HwLayerOf } from '../../ir/hardware.js';
import { tokenwisePlan } from '../../tokens/tokens.js';
import { defineLayerKind, nodeOf } from '../kind.js';
import { resolvePrecision } from '../shared/precision.js';
import { softmaxDatapath } from './datapath.js';
import { emitSoftmax } from './emit.js';
import { softmaxRow } from './reference.js';
import { buildSoftmaxTables, LEGACY_TABLE_TYPE, softmaxSizes } from './tables.js';
import { softmaxVerilog } from './verilog.js';
import type { Signal } from '../../rtl/netlist.js';

export const softmax = defineLayerKind({
  kind: 'softmax',
  classes: {
    // fpga_backend.py's Softmax attributes; accum's own default (18,8,RND,SAT) is what a generated config
    // lists, while a config that names no softmax accum falls back to the Model's as every accumulator.
    Softmax: { variables: ['table', 'exp_table', 'inv_table', 'inv_inp', 'accum'], reuse: true, table: true, generated: { accum: 'fixed<18,8,RND,SAT>' } },
  },
  lowers: ['softmax'],
  hlsClass: () => 'Softmax',
  lower(flowNode, hlsClass, context) {
    const node = nodeOf(flowNode, 'softmax');
    const config = context.layerConfig;
    const input = context.inputTypes[0] as FixedType;
    const outputType = resolvePrecision(config.precision('result'), () => null, context.modelDefault);
    const implementation = config.softmaxImplementation;
    const table = (variable: string): FixedType => {
      const fallback = DEFAULT_TABLE_PRECISIONS.get(variable) as FixedType;
      return resolvePrecision(config.precision(variable), () => fallback, fallback);
    };
    const legacy = implementation === 'legacy';
    if (legacy) {
      const configured = table('table');
      if (!sameType(configured, LEGACY_TABLE_TYPE)) {
        context.note(`${node.name}: hls4ml's softmax config has no table_t, so its legacy tables are nnet::activ_config's ap_fixed<18,8>, not the configured ${formatFixedType(configured)}`);
      }
    }
    const expTableType = legacy ? LEGACY_TABLE_TYPE : table('exp_table');
    const invTableType = legacy ? LEGACY_TABLE_TYPE : table('inv_table');
    const invInputType = table('inv_inp');
    const accumType = resolvePrecision(config.precision('accum'), () => null, context.modelDefault);
    const norm = config.precision('inp_norm');
    const sizes = softmaxSizes({
      name: node.name,
      implementation,
      ioType: context.ioType,
      input,
      // fix_softmax_table_size.py reads inv_table_t's width whatever the implementation.
      invTableType: table('inv_table'),
      tableSize: config.tableSize,
      normType: norm === 'auto' ? null : norm,
    });
    for (const warning of sizes.warnings) context.note(warning);
    const tables = buildSoftmaxTables({
      name: node.name,
      implementation,
      sizes,
      expAddress: sizes.normType ?? input,
      invAddress: invInputType,
      expTableType,
      invTableType,
    });
    const layer: HwLayerOf<'softmax'> = {
      kind: 'softmax',
      name: node.name,
      hlsClass,
      inputs: node.inputs,
      output: node.output,
      implementation,
      expTableType,
      invTableType,
      accumType,
      invInputType,
      normType: sizes.normType,
      length: context.outputShape[context.outputShape.length - 1] ?? 1,
      tables,
    };
    return { layer, outputType };
  },
  reference(layer, inputs, inputTypes, outputType) {
    const input = inputTypes[0] as FixedType;
    const x = inputs[0] ?? [];
    const n = layer.length;
    const out: bigint[] = [];
    for (let start = 0; start < x.length; start += n) out.push(...softmaxRow(layer, x.slice(start, start + n), input, outputType));
    return out;
  },
  emit: (layer, context) => emitSoftmax(layer, context),
  verilog: (layer, context) => softmaxVerilog(context.m, layer, context.inputs[0] as Signal, context.inputTypes[0] as FixedType, context.outputType),
  multipliers: (layer) => (layer.implementation === 'stable' || layer.implementation === 'latency' ? 1 : 0),
  datapath: softmaxDatapath,
  tokens: (_layer, context) => tokenwisePlan(context.inputShapes, context.outputShape, context.ioType),
});
