// The report data model: one JSON document per run (report.json), read by the terminal, Markdown and
// HTML renderers. reports/ reads result data only, so this file is the whole contract with the flow.
//
// DESIGN.md contract 3: every resource or timing figure says where it came from. A figure is therefore
// a list of readings, one per source ('estimate' from our cost model, 'yosys' from synthesized cell
// counts, 'cosim' from RTL simulation), so an estimate and a Yosys count can sit side by side and the
// renderers can show the error between them. A list holds at most one reading per source.

/** Bumped on any change that an old reader would misread. */
export const schemaVersion = 2;

/** The value of the top-level `schema` field, so a stray JSON file is not taken for a report. */
export const schemaName = 'ngt-report';

export type FigureSource = 'estimate' | 'yosys' | 'cosim' | 'pnr';
/** 'pnr': placed and routed (nextpnr's utilisation and Fmax; ngt build). Added in schema 2, additively. */
export const figureSources: readonly FigureSource[] = ['estimate', 'yosys', 'cosim', 'pnr'];

/** A count of clock cycles (latency or initiation interval) from one source. */
export interface CycleReading {
  readonly cycles: number;
  readonly source: FigureSource;
}

/** FPGA resources from one source. bram18 counts 18 Kb block RAM halves, as Vivado reports them. */
export interface ResourceReading {
  readonly dsp: number;
  readonly lut: number;
  readonly ff: number;
  readonly bram18: number;
  readonly source: FigureSource;
}

/** Resource utilization in percent of the part's capacity, from one source. */
export interface UtilizationReading {
  readonly dsp: number;
  readonly lut: number;
  readonly ff: number;
  readonly bram18: number;
  readonly source: FigureSource;
}

/** The whole model's latency from one source, in cycles and in ns at the configured clock. */
export interface ModelLatencyReading {
  readonly cycles: number;
  readonly ns: number;
  readonly source: FigureSource;
}

/** Highest clock the design is expected to close at, from one source. */
export interface ClockReading {
  readonly mhz: number;
  readonly source: FigureSource;
}

/** hls4ml's strategies for Dense and Conv, as the config reader names them (hls/config/types.ts Strategy). */
export const reportStrategies = ['latency', 'resource', 'distributed_arithmetic'] as const;
export type ReportStrategy = (typeof reportStrategies)[number];

export const resourceKeys = ['dsp', 'lut', 'ff', 'bram18'] as const;
export type ResourceKey = (typeof resourceKeys)[number];

export interface PartCapacity {
  readonly dsp: number;
  readonly lut: number;
  readonly ff: number;
  readonly bram18: number;
}

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

export interface ModelInfo {
  readonly name: string;
  /** The file the model was read from, as the user named it. */
  readonly source: string;
}

export interface ConfigSummary {
  readonly part: string;
  readonly clockPeriodNs: number;
  readonly ioType: 'io_parallel' | 'io_stream';
  /**
   * What was run, in a few words: the model default and whatever differs from hls4ml's defaults (per-layer
   * types, reuse factors, strategy, io type, clock). Schema 2.
   */
  readonly label: string;
  /** The configuration file as given (path and text), or null for the defaults. Schema 2. */
  readonly file: { readonly path: string; readonly text: string } | null;
  /** Default precision, reuse factor and strategy of the model section, for the header. */
  readonly defaultPrecision: string;
  readonly defaultReuseFactor: number;
  readonly defaultStrategy: ReportStrategy;
}

export interface LayerRow {
  readonly name: string;
  /** hls4ml class name: Dense, ReLU, Softmax, Conv2D, ... */
  readonly kind: string;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  /** Precision strings by variable: result, weight, bias, accum, table, ... ('result' always present). */
  readonly precision: Readonly<Record<string, string>>;
  readonly reuseFactor: number;
  readonly strategy: ReportStrategy;
  readonly latency: readonly CycleReading[];
  readonly ii: readonly CycleReading[];
  readonly resources: readonly ResourceReading[];
}

export interface ResourceSummary {
  readonly part: string;
  readonly capacity: PartCapacity;
  /** Sum over the layers, one reading per source. */
  readonly totals: readonly ResourceReading[];
  /** totals / capacity * 100, one reading per source of `totals`. */
  readonly utilization: readonly UtilizationReading[];
}

/** When one layer is busy with one sample: cycles [startCycle, endCycle). */
export interface TimelineSpan {
  readonly layer: string;
  readonly sample: number;
  readonly startCycle: number;
  readonly endCycle: number;
}

export interface Timeline {
  readonly source: FigureSource;
  readonly spans: readonly TimelineSpan[];
}

/** One FIFO's occupancy: [cycle, occupancy] points, cycles increasing; constant until the next point. */
export interface FifoSeries {
  readonly name: string;
  readonly depth: number;
  readonly points: readonly (readonly [number, number])[];
}

export interface FifoOccupancy {
  readonly source: FigureSource;
  readonly fifos: readonly FifoSeries[];
}

/** One precision configuration of the same model, measured against the float reference. */
export interface ComparisonRow {
  readonly name: string;
  /** Samples the errors were measured on. */
  readonly samples: number;
  readonly maxAbsError: number;
  readonly meanAbsError: number;
  /** Fraction (0..1) of samples whose argmax matches the float model's. */
  readonly argmaxAgreement: number;
  /** Fraction (0..1) of samples classified correctly, when labels were given. */
  readonly accuracy: number | null;
  /** The float model's accuracy on the same samples, when labels were given. Schema 2. */
  readonly floatAccuracy: number | null;
  /** Multipliers in the design after pruning zero weights (structural, exact). */
  readonly multipliers: number;
  readonly resources: readonly ResourceReading[];
  readonly latency: readonly CycleReading[];
}

/** Casts to one layer variable that landed outside its type (wrapped or saturated), over `casts`. */
export interface OverflowRow {
  readonly layer: string;
  readonly variable: string;
  readonly type: string;
  readonly mode: 'wrap' | 'saturate';
  readonly overflows: number;
  readonly casts: number;
}

/** Overflow counts of the bit-accurate simulation of `samples` of the `of` samples given. Schema 2. */
export interface OverflowSummary {
  readonly samples: number;
  readonly of: number;
  /** Only the variables with at least one overflow. */
  readonly rows: readonly OverflowRow[];
}

export interface Report {
  readonly schema: typeof schemaName;
  readonly schemaVersion: typeof schemaVersion;
  readonly tool: ToolInfo;
  /** ISO 8601 date-time of the run. */
  readonly date: string;
  readonly model: ModelInfo;
  readonly config: ConfigSummary;
  readonly layers: readonly LayerRow[];
  readonly resources: ResourceSummary;
  readonly latency: readonly ModelLatencyReading[];
  readonly ii: readonly CycleReading[];
  readonly maxClock: readonly ClockReading[];
  readonly timeline: Timeline | null;
  readonly fifoOccupancy: FifoOccupancy | null;
  readonly comparisons: readonly ComparisonRow[];
  readonly overflows: OverflowSummary | null;
  /**
   * What is wrong with the design, in words and by how much (it does not fit the part, misses the clock,
   * values overflow): the renderers show these first. Schema 2.
   */
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
}
