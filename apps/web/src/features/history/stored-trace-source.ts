import { GatewayTrace } from '@natscope/api';
import { fetchJson } from '../../api/fetch-json.js';
import { gatewayApi } from '../../api/queries.js';
import { traceApiQuery } from '../../lib/trace-link.js';
import type { TraceSource } from '../trace/trace-source.js';

/**
 * Traces through the rules of kept reading `id` (the page as it was then), on the server like a live trace. The pod is
 * the reading's own, so the page's pod choice plays no part; a kept reading never changes, nor does its trace.
 */
export function storedTraceSource(id: number): TraceSource {
  return (namespace, name, _pod, fields) => {
    const query = traceApiQuery(fields);
    return {
      queryKey: ['history', 'trace', namespace, name, id, query],
      queryFn: ({ signal }) =>
        fetchJson(`${gatewayApi(namespace, name)}/readings/${id}/trace?${query}`, GatewayTrace, signal),
    };
  };
}
