// A short label of the configuration a model was converted with: the model default and what differs
// from hls4ml's defaults, read from the converted layers (so a quantize result with per-layer types, or
// a QONNX model whose quantizers fix types, never reads as plain "fixed<16,6>").
import { formatFixedType, type FixedType } from '@ngt/fxp';
import type { HlsConfig } from '../config/types.js';
import type { HwModel } from '../ir/hardware.js';
import { modelDefaultPrecision } from './lower.js';

const same = (a: FixedType, b: FixedType): boolean => formatFixedType(a) === formatFixedType(b);

/** The reuse factors ('1', '2-8') and strategies ('latency', 'latency/resource') of the Dense and Conv layers. */
export function tuningOf(model: HwModel, config: HlsConfig): { reuseFactor: string; strategy: string } {
  const tuned = model.layers.flatMap((layer) => (layer.kind === 'dense' || layer.kind === 'conv' ? [layer] : []));
  const factors = [...new Set(tuned.map((layer) => layer.reuseFactor))].sort((a, b) => a - b);
  const strategies = [...new Set(tuned.map((layer) => layer.strategy))];
  const modelDefaults = config.layer({ name: '', type: '' });
  return {
    reuseFactor: factors.length <= 1 ? String(factors[0] ?? modelDefaults.reuseFactor) : `${factors[0]}-${factors[factors.length - 1]}`,
    strategy: strategies.length === 0 ? modelDefaults.strategy : strategies.join('/'),
  };
}

/** "fixed<16,6>, RF 1, latency", or e.g. "fixed<16,6> (3 of 9 layers other types), RF 1-4, latency/resource, io_stream, 3.125 ns". */
export function configLabel(model: HwModel, config: HlsConfig): string {
  const base = modelDefaultPrecision(config);
  const typed = model.layers.filter((layer) => layer.kind !== 'reshape' && layer.kind !== 'transpose' && layer.kind !== 'resize');
  const own = typed.filter((layer) => {
    const result = model.tensors.get(layer.output)?.type;
    const types = [result, ...(layer.kind === 'dense' || layer.kind === 'conv' ? [layer.weightType, layer.biasType, layer.accumType] : [])];
    return types.some((type) => type !== undefined && !same(type, base));
  });
  const tuning = tuningOf(model, config);
  const parts = [`${formatFixedType(base)}${own.length > 0 ? ` (${own.length} of ${typed.length} layers other types)` : ''}`, `RF ${tuning.reuseFactor}`, tuning.strategy];
  if (config.ioType !== 'io_parallel') parts.push(config.ioType);
  if (config.clockPeriod !== 5) parts.push(`${config.clockPeriod} ns`);
  return parts.join(', ');
}
