import { GatewayTrace } from '@natscope/api';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { gatewayKeys } from '../../api/queries.js';
import { fetchJson } from '../../api/fetch-json.js';
import { EMPTY_TRACE, traceApiQuery, traceProblems, type TraceFields } from '../../lib/trace-link.js';

/** The trace of one packet through one gateway pod's latest reading. Keyed under the gateway keys (one key factory). */
function gatewayTraceQuery(namespace: string, name: string, pod: string | null, fields: TraceFields) {
  const search = new URLSearchParams(traceApiQuery(fields));
  if (pod) search.set('pod', pod);
  const query = search.toString();
  return queryOptions({
    queryKey: [...gatewayKeys.all, 'trace', namespace, name, pod ?? '', query] as const,
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/trace?${query}`,
        GatewayTrace,
        signal,
      ),
    // A trace depends on the rules, not on the counters each poll brings: no polling, and kept a while.
    staleTime: 60_000,
    retry: false,
  });
}

/** Runs the page's trace, if its link names a valid one; `problems` says why not otherwise. */
export function useGatewayTrace(namespace: string, name: string, pod: string | null, fields: TraceFields | null) {
  const problems = fields ? traceProblems(fields) : [];
  const query = useQuery({
    ...gatewayTraceQuery(namespace, name, pod, fields ?? EMPTY_TRACE),
    enabled: fields !== null && problems.length === 0,
  });
  return { query: fields && problems.length === 0 ? query : null, problems };
}
