// The contract between hls/config (hls4ml-compatible configuration files) and the rest of hls/ (passes,
// hardware layers, simulation). hls4ml's names and defaults: hls4ml/utils/config.py,
// hls4ml/model/graph.py (HLSConfig.get_precision, get_reuse_factor, get_strategy).
import type { FixedType } from '@ngt/fxp';

/** hls4ml's strategies for Dense and Conv; 'distributed_arithmetic' is da4ml's adder graphs (hls4ml >= 1.1). */
export type Strategy = 'latency' | 'resource' | 'distributed_arithmetic';
export type IoType = 'io_parallel' | 'io_stream';
export type Granularity = 'model' | 'type' | 'name';
export type SoftmaxImplementation = 'stable' | 'latency' | 'legacy' | 'argmax';

/** A precision from the file: a type, or 'auto' (inferred by the precision-inference pass as hls4ml does). */
export type PrecisionSpec = FixedType | 'auto';

/** Which layer a question is about: its name in the model and its hls4ml class name (Dense, Conv2D, ReLU, Softmax, ...). */
export interface LayerQuery {
  readonly name: string;
  readonly type: string;
}

/** Everything the configuration says about one layer, after hls4ml's lookup order. */
export interface LayerConfig {
  /**
   * The precision of one variable ('result', 'weight', 'bias', 'accum', 'table', 'exp_table',
   * 'inv_table', 'scale', ...), looked up as hls4ml does: LayerName+variable, LayerName default,
   * LayerType+variable, LayerType default, Model+variable, Model default.
   */
  precision(variable: string): PrecisionSpec;
  /** Notes for table types among `variables` written inside Precision, which hls4ml does not read, when they differ from the ones used. */
  unreadTableNotes(variables: readonly string[]): string[];
  readonly reuseFactor: number;
  readonly strategy: Strategy;
  /** Softmax 'implementation' (hls4ml's Strategy on a Softmax layer); 'stable' by default. */
  readonly softmaxImplementation: SoftmaxImplementation;
  /** Activation table size (hls4ml 'table_size'); 1024 by default. */
  readonly tableSize: number;
  /** Write this layer's output in --trace runs (hls4ml 'Trace'). */
  readonly trace: boolean;
}

export interface HlsConfig {
  /** Where it came from, for messages ('<built-in default>' when none). */
  readonly source: string;
  readonly projectName: string;
  /** OutputDir as the file gives it, null when it gives none (hls4ml then writes to my-hls-test). */
  readonly outputDir: string | null;
  /** FPGA part, hls4ml default xcvu13p-flga2577-2-e. */
  readonly part: string;
  /** Clock period in ns, default 5. */
  readonly clockPeriod: number;
  /**
   * ClockUncertainty as hls4ml passes it to set_clock_uncertainty: nanoseconds, or a percentage of the
   * period (default 12.5%, hls4ml's Vivado default); clockUncertaintyFraction resolves it.
   */
  readonly clockUncertainty: { readonly ns: number } | { readonly percent: number };
  readonly ioType: IoType;
  /** The ONNX model the file names (top-level OnnxModel), if any. */
  readonly model: string | null;
  readonly granularity: Granularity;
  layer(query: LayerQuery): LayerConfig;
}
