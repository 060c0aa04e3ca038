// Reuse factors as hls4ml accepts them for a dense product of n_in x n_out (hls4ml/backends/fpga/
// fpga_backend.py: _validate_reuse_factor, get_valid_reuse_factors, get_closest_reuse_factor): an
// invalid one is moved to the closest valid one (the smaller on a tie), with a note instead of
// hls4ml's printed warning.

export function isValidReuseFactor(nIn: number, nOut: number, reuseFactor: number): boolean {
  const multfactor = Math.min(nIn, reuseFactor);
  const multiplierLimit = Math.ceil((nIn * nOut) / multfactor);
  return (
    (multiplierLimit % nOut === 0 || reuseFactor >= nIn) &&
    (reuseFactor % nIn === 0 || reuseFactor < nIn) &&
    (nIn * nOut) % reuseFactor === 0
  );
}

export function validReuseFactors(nIn: number, nOut: number): number[] {
  const valid: number[] = [];
  for (let rf = 1; rf <= nIn * nOut; rf++) if (isValidReuseFactor(nIn, nOut, rf)) valid.push(rf);
  return valid;
}

/** The reuse factor hls4ml would use for `chosen`, and whether it moved. */
export function closestReuseFactor(nIn: number, nOut: number, chosen: number): number {
  if (isValidReuseFactor(nIn, nOut, chosen)) return chosen;
  const valid = validReuseFactors(nIn, nOut);
  const position = valid.findIndex((rf) => rf >= chosen);
  if (position === 0) return valid[0] ?? 1;
  if (position === -1) return valid[valid.length - 1] ?? 1;
  const before = valid[position - 1] ?? 1;
  const after = valid[position] ?? 1;
  return after - chosen < chosen - before ? after : before;
}
