// The order in which a dense product's terms reach each accumulator. It only changes bits when the
// accumulator saturates (AP_SAT...), but then it must be hls4ml's:
//  - Latency (nnet_dense_latency.h): acc[j] starts at the bias, then mult[ii][jj] for ii ascending.
//  - Resource (nnet_dense_resource.h, weights transposed to [n_out][n_in]), RF <= n_in
//    (dense_resource_rf_leq_nin): ReuseLoop ir = 0..RF-1, then in_index = ir, ir + RF, ... so output j
//    receives inputs in the order ir + s * RF. RF > n_in with RF % n_in == 0 (rf_gt_nin_rem0): w_index =
//    ir + RF * im visits each output's inputs in ascending order. Valid reuse factors
//    (hls/config/reuse-factor.ts) never reach dense_resource_rf_gt_nin.
import type { Strategy } from '../../config/types.js';

/** For each output, its input indices in accumulation order. */
export function accumulationOrder(nIn: number, nOut: number, strategy: Strategy, reuseFactor: number): number[][] {
  const ascending = Array.from({ length: nIn }, (_, i) => i);
  if (strategy === 'latency' || reuseFactor >= nIn) return Array.from({ length: nOut }, () => ascending);
  const order: number[] = [];
  for (let ir = 0; ir < reuseFactor; ir++) for (let i = ir; i < nIn; i += reuseFactor) order.push(i);
  return Array.from({ length: nOut }, () => order);
}
