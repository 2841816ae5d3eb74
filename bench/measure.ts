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

/** Wall and CPU milliseconds (all threads, GC helpers included) that `fn()` takes once, and what it returned. */
export function timeWithCpu<T>(fn: () => T): { wall: number; cpu: number; value: T } {
  const cpuStart = process.cpuUsage();
  let value: T | undefined;
  const wall = time(() => {
    value = fn();
  });
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, value: value as T };
}

/**
 * Median wall and CPU milliseconds of `runs` calls after `warmups`. On a shared machine the wall time
 * includes waiting for a core; the CPU time says what the work itself cost.
 */
export function measureWithCpu(
  fn: () => unknown,
  { runs = 7, warmups = 3 }: { runs?: number; warmups?: number } = {},
): { wall: number; cpu: number } {
  for (let i = 0; i < warmups; i++) fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const { wall, cpu } = timeWithCpu(fn);
    walls.push(wall);
    cpus.push(cpu);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/** Median milliseconds of `runs` calls after `warmups` untimed ones, with a GC before each timed call when exposed. */
export function measure(
  fn: () => unknown,
  { runs = 7, warmups = 3 }: { runs?: number; warmups?: number } = {},
): number {
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
