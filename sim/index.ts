// sim/: the cycle-accurate dataflow simulator (streams, FIFOs, valid/ready handshakes, VCD, FIFO depth
// optimisation) over the hardware IR and the per-layer schedules of hls/schedule.
export { simulateCycles, type CycleOptions, type CycleResult, type Firing, type FifoTimeline, type LayerTimeline } from './simulate.js';
export { optimizeFifoDepths, type FifoOptimization } from './fifo-opt.js';
export { SimulationError, DeadlockError, CycleLimitError, SimulationOptionsError } from './errors.js';
export { buildRtl, RtlUnsupportedError, type RtlDesign, type RtlOptions, type RtlPort } from './rtl/top.js';
export { cosimulate, exportRtl, type CosimOptions, type CosimResult, type TokenMismatch } from './rtl/cosim.js';
