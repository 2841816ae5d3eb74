import type { ErrorCode } from '@natscope/api';
import type { Collector } from '../collector/collector.js';

/**
 * The running totals /metrics reports as counters, kept from the collector's events: failed listings, and
 * failed readings per pod and error code. Made when the server is wired, before the first pass.
 */
export class CollectionTotals {
  listingErrors = 0;
  /** `namespace/pod` → error code → failed attempts. */
  readonly podErrors = new Map<string, Map<ErrorCode, number>>();
  readonly unsubscribe: () => void;

  constructor(collector: Collector) {
    this.unsubscribe = collector.subscribe((event) => {
      if (event.type === 'listing-failed') this.listingErrors++;
      else if (event.type === 'error') {
        const key = `${event.pod.info.namespace}/${event.pod.info.name}`;
        let byCode = this.podErrors.get(key);
        if (!byCode) this.podErrors.set(key, (byCode = new Map()));
        byCode.set(event.error.code, (byCode.get(event.error.code) ?? 0) + 1);
      }
    });
  }

  /** A pod's failed attempts by code. */
  errorsOf(namespace: string, pod: string): ReadonlyMap<ErrorCode, number> {
    return this.podErrors.get(`${namespace}/${pod}`) ?? new Map();
  }
}
