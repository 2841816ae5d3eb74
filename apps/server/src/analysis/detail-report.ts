import { parse } from '@natscope/iptables';
import type { PodReading } from '../collector/read-pod.js';
import { counterSnapshot, fillRates, fillRatesByLine } from './rates.js';
import { inspectDump } from './analyse-dump.js';

/** How many serialised reports to keep: enough for everyone looking at a few gateways, bounded for a big fleet. */
const CACHE_SIZE = 32;
const cache = new Map<string, string>();

/**
 * The full report of a reading as JSON, with per-second rates since the previous good reading. Built on
 * demand (a detail view is rare next to fleet polls and /metrics, and a 500-rule report serialises to
 * ~450 KB) and kept in a small LRU keyed by pod and reading time, so a page polling one gateway costs one
 * build per reading.
 */
export function reportJson(target: string, reading: PodReading): string {
  const key = `${target}@${reading.at}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const report = inspectDump(reading.raw, reading.stderr, target);
  const previous = reading.previous;
  if (previous && previous.shape === reading.analysis.shape) fillRatesByLine(report, reading.at, previous, reading.analysis.lines);
  else fillRates(report, reading.at, previous?.raw ? counterSnapshot(parse(previous.raw, { file: target }), previous.at) : null);
  const json = JSON.stringify(report);
  cache.set(key, json);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return json;
}
