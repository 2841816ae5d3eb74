/** Timing helpers shared by the benchmarks: wall time of a call, and the median of several after warmups. */

/** Milliseconds that `fn()` takes once. */
export function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of `values` (NaN for none). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Median milliseconds of `runs` calls after `warmups` untimed ones, with a GC before each timed call when exposed. */
export function measure(fn: () => unknown, { runs = 7, warmups = 3 }: { runs?: number; warmups?: number } = {}): number {
  for (let i = 0; i < warmups; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    times.push(time(fn));
  }
  return median(times);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
