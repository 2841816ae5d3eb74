import { GatewayTrace } from '@natscope/api';
import { useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import { gatewayKeys } from '../../api/queries.js';
import { fetchJson } from '../../api/fetch-json.js';
import { EMPTY_TRACE, traceApiQuery, traceProblems, type TraceFields } from '../../lib/trace-link.js';
import { TraceSourceContext, type TraceSource } from './trace-source.js';

/** The trace of one packet through one gateway pod's latest reading, by the server. Keyed under the gateway keys. */
const gatewayTraceQuery: TraceSource = (namespace, name, pod, fields) => {
  const search = new URLSearchParams(traceApiQuery(fields));
  if (pod) search.set('pod', pod);
  const query = search.toString();
  return {
    queryKey: [...gatewayKeys.all, 'trace', namespace, name, pod ?? '', query],
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/trace?${query}`,
        GatewayTrace,
        signal,
      ),
  };
};

/**
 * Runs the page's trace, if its link names a valid one; `problems` says why not otherwise. The trace comes from the
 * TraceSource around the page (a dump opened in the browser traces in its worker), else from the server.
 */
export function useGatewayTrace(namespace: string, name: string, pod: string | null, fields: TraceFields | null) {
  const problems = fields ? traceProblems(fields) : [];
  const source = useContext(TraceSourceContext) ?? gatewayTraceQuery;
  const { queryKey, queryFn } = source(namespace, name, pod, fields ?? EMPTY_TRACE);
  const query = useQuery<GatewayTrace, Error, GatewayTrace, readonly unknown[]>({
    queryKey,
    queryFn,
    // A trace depends on the rules, not on the counters each poll brings: no polling, and kept a while.
    staleTime: 60_000,
    retry: false,
    enabled: fields !== null && problems.length === 0,
  });
  return { query: fields && problems.length === 0 ? query : null, problems };
}
