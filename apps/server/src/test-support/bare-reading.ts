// A collector's state without a cluster, for tests and benchmarks of its listeners (the history recorder).
import { NO_FACTS } from '../analysis/summarize-report.js';
import type { GatewayState, PodState } from '../collector/gateway-state.js';
import type { PodReading } from '../collector/read-pod.js';
import { scanCounters } from '../collector/scan-counters.js';

/** A good reading of `raw` at `at`, with the counter scan the collector makes and no fleet facts (listeners do not read them). */
export function bareReading(raw: string, at: number, backend: 'legacy' | 'nft' = 'legacy'): PodReading {
  const scan = scanCounters(raw, `${backend}\n`);
  return {
    at,
    stderr: '',
    raw,
    counters: scan.counters,
    previous: null,
    analysis: {
      shape: scan.shape,
      lines: scan.lines,
      backend,
      facts: NO_FACTS,
      addresses: [],
      diagnostics: [],
      mappings: { labels: [], offsets: new Uint32Array(1), ruleIndex: new Uint32Array(0) },
    },
  };
}

/** A gateway of one Running pod, not read yet. */
export function bareGateway(namespace: string, name: string): { gw: GatewayState; pod: PodState } {
  const pod: PodState = {
    info: {
      namespace,
      name: `vpc-nat-gw-${name}-0`,
      labels: {},
      annotations: {},
      phase: 'Running',
      ready: true,
      containers: [],
    },
    good: null,
    error: null,
    attempted: true,
    durationSeconds: null,
  };
  return { gw: { namespace, name, pods: [pod], version: 1 }, pod };
}
