// Synthesized ('yosys') and placed-and-routed ('pnr') figures joined to a report beside the estimates
// (DESIGN.md contract 3): per layer, the cells of the layer's own module (one module per process, as
// sim/rtl/top.ts emits them); in total, the whole design's (the stream FIFOs and the top's glue too).
// A layer with no module of its own (a ReLU folded into its Dense's output stage, a wiring layer) gets
// no 'yosys' reading: its cells are counted in the module that computes it.
import { findPart, verilogName, type Part } from '../../hls/index.js';
import type { ClockReading, Report, ResourceReading, UtilizationReading } from '../../reports/index.js';
import type { RtlDesign } from '../../sim/index.js';
import { buildRtl } from '../../sim/index.js';
import { familyOfPart, synthesize, type CellCounts, type Ice40BuildResult, type SynthesisResult } from '../../synth/index.js';
import { startProgress } from '../support/progress.js';
import type { SynthResult } from './run-synth.js';

type Resources = Omit<ResourceReading, 'source'>;

function columns(counts: CellCounts): Resources {
  return { dsp: counts.dsp, lut: counts.lut, ff: counts.ff, bram18: counts.bram18 };
}

function utilization(total: Resources, capacity: Report['resources']['capacity'], source: ResourceReading['source']): UtilizationReading {
  return {
    dsp: (100 * total.dsp) / capacity.dsp,
    lut: (100 * total.lut) / capacity.lut,
    ff: (100 * total.ff) / capacity.ff,
    bram18: (100 * total.bram18) / capacity.bram18,
    source,
  };
}

/** Each process's module name, by the layer it runs. */
function modulesByLayer(design: Pick<RtlDesign, 'network'>): Map<string, string> {
  return new Map(design.network.processes.map((process, p) => [process.layer.name, `p${p}_${verilogName(process.layer.name)}`]));
}

function percentOff(estimate: number, measured: number): string {
  if (measured === 0) return estimate === 0 ? '0%' : 'n/a';
  const error = ((estimate - measured) / measured) * 100;
  return `${error >= 0 ? '+' : ''}${error.toFixed(1)}%`;
}

/** The report with 'yosys' readings per layer and in total, and notes saying how they were made. */
export function withYosysReadings(report: Report, design: Pick<RtlDesign, 'network'>, synthesis: SynthesisResult): Report {
  const modules = modulesByLayer(design);
  const source = 'yosys' as const;
  const layers = report.layers.map((layer) => {
    const module = synthesis.stat.modules.get(modules.get(layer.name) ?? '');
    return module ? { ...layer, resources: [...layer.resources.filter((r) => r.source !== source), { ...columns(module.total), source }] } : layer;
  });
  const total = columns(synthesis.stat.total);
  const inLayers = [...modules.values()].reduce((sum, name) => sum + (synthesis.stat.modules.get(name)?.total.lut ?? 0), 0);
  const estimate = report.resources.totals.find((reading) => reading.source === 'estimate');
  const errors = estimate ? `estimate error: LUT ${percentOff(estimate.lut, total.lut)}, FF ${percentOff(estimate.ff, total.ff)}, DSP ${percentOff(estimate.dsp, total.dsp)}` : '';
  const notes = [
    `yosys: ${synthesis.tool.version} (${synthesis.tool.build}), ${synthesis.family} flow, ${Math.round(synthesis.yosysMs / 1000)} s${synthesis.cached ? ' (cached)' : ''}; whole design ${total.lut.toLocaleString('en-US')} LUT, ${total.ff.toLocaleString('en-US')} FF, ${total.dsp} DSP, ${synthesis.stat.total.carry.toLocaleString('en-US')} carry cells; ${(total.lut - inLayers).toLocaleString('en-US')} LUT outside the layer modules (FIFOs, top); longest path ${synthesis.logicDepth} cells${errors ? `; ${errors}` : ''}; log ${synthesis.logPath}`,
  ];
  return {
    ...report,
    layers,
    resources: {
      ...report.resources,
      totals: [...report.resources.totals.filter((r) => r.source !== source), { ...total, source }],
      utilization: [...report.resources.utilization.filter((r) => r.source !== source), utilization(total, report.resources.capacity, source)],
    },
    notes: [...report.notes, ...notes],
  };
}

/** The report with nextpnr's figures ('pnr'): logic cells, DSPs, block RAMs and the achieved Fmax. */
export function withPnrReadings(report: Report, build: Ice40BuildResult, part: Part): Report {
  const source = 'pnr' as const;
  const total: Resources = build.resources;
  const clock: ClockReading = { mhz: build.fmaxMhz, source };
  const target = 1000 / report.config.clockPeriodNs;
  const lc = build.utilisation['ICESTORM_LC'];
  const warnings =
    build.fmaxMhz < target ? [`nextpnr's Fmax ${build.fmaxMhz.toFixed(2)} MHz misses the ${target.toFixed(2)} MHz clock (ClockPeriod ${report.config.clockPeriodNs} ns) by ${(((target - build.fmaxMhz) / target) * 100).toFixed(1)}%`] : [];
  return {
    ...report,
    resources: {
      ...report.resources,
      totals: [...report.resources.totals.filter((r) => r.source !== source), { ...total, source }],
      utilization: [...report.resources.utilization.filter((r) => r.source !== source), utilization(total, report.resources.capacity, source)],
    },
    maxClock: [...report.maxClock.filter((r) => r.source !== source), clock],
    warnings: [...report.warnings, ...warnings],
    notes: [
      ...report.notes,
      `pnr: ${build.tools.nextpnr}, ${part.name} (${lc ? `${lc.used} of ${lc.available} logic cells` : 'no logic-cell count'}), Fmax ${build.fmaxMhz.toFixed(2)} MHz, ${Math.round(build.pnrMs / 1000)} s; pnr LUT = ICESTORM_LC used (one LUT4 + FF each), FF = SB_DFF cells; the design includes ngt build's pin shell`,
    ],
  };
}

/** ngt synth --yosys: the RTL of the design just simulated, synthesized for the part's family; its cells join the report as 'yosys'. */
export async function withYosys(result: SynthResult): Promise<Report> {
  const { schedules, fifoDepths } = result.rtl;
  const design = buildRtl(result.model, { ioType: result.report.config.ioType, schedules, fifoDepths });
  const family = familyOfPart(findPart(result.report.config.part));
  // Yosys prints a few hundred passes; the bar counts them without knowing the total.
  const progress = startProgress(`yosys ${family}`, 1000);
  let passes = 0;
  try {
    const synthesis = await synthesize(design, { family, onPass: (pass) => progress.update(Math.min(++passes, 999), pass) });
    return withYosysReadings(result.report, design, synthesis);
  } finally {
    progress.stop();
  }
}
