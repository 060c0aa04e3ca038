// A configuration with some precisions replaced: what a sweep point or a quantization candidate is.
// Everything else (reuse factors, strategies, tables, part, clock) is the base configuration's, so a
// comparison changes only what it names.
import type { HlsConfig, LayerConfig, PrecisionSpec, Strategy } from '../config/index.js';

/** Types (or 'auto') by precision variable, for every layer or for layers by name (case-insensitive, as hls4ml). */
export interface PrecisionOverrides {
  readonly all?: ReadonlyMap<string, PrecisionSpec>;
  readonly layers?: ReadonlyMap<string, ReadonlyMap<string, PrecisionSpec>>;
  /** ReuseFactor and Strategy of every layer (a sweep's other axes). */
  readonly reuseFactor?: number;
  readonly strategy?: Strategy;
}

export function withPrecisions(base: HlsConfig, overrides: PrecisionOverrides, source: string): HlsConfig {
  const byLowerName = new Map([...(overrides.layers ?? [])].map(([name, types]) => [name.toLowerCase(), types]));
  return {
    source,
    projectName: base.projectName,
    outputDir: base.outputDir,
    part: base.part,
    clockPeriod: base.clockPeriod,
    clockUncertainty: base.clockUncertainty,
    ioType: base.ioType,
    model: base.model,
    granularity: byLowerName.size > 0 ? 'name' : base.granularity,
    layer(query): LayerConfig {
      const layer = base.layer(query);
      const own = byLowerName.get(query.name.toLowerCase());
      return {
        ...layer,
        reuseFactor: overrides.reuseFactor ?? layer.reuseFactor,
        strategy: overrides.strategy ?? layer.strategy,
        precision: (variable) => {
          const wanted = variable.endsWith('_t') ? variable.slice(0, -2) : variable;
          return own?.get(wanted) ?? overrides.all?.get(wanted) ?? layer.precision(variable);
        },
      };
    },
  };
}
