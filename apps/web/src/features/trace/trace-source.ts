import type { GatewayTrace } from '@natscope/api';
import { createContext } from 'react';
import type { TraceFields } from '../../lib/trace-link.js';

/** The query of one trace: a key no other source shares, and how to get the answer. */
export interface TraceQueryOptions {
  queryKey: readonly unknown[];
  queryFn: (context: { signal: AbortSignal }) => Promise<GatewayTrace>;
}

/**
 * Where a gateway page's traces come from, given the gateway, the pod (null: the server's choice) and valid fields: the
 * server's trace route for a live gateway, the page's own worker for a dump opened in the browser.
 */
export type TraceSource = (
  namespace: string,
  name: string,
  pod: string | null,
  fields: TraceFields,
) => TraceQueryOptions;

/** The source around a GatewayReading; null means the server's (`gatewayTraceQuery`). */
export const TraceSourceContext = createContext<TraceSource | null>(null);
