import { GatewayDetail, GatewayList } from '@natscope/api';
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from './fetch-json.js';

/** The one place query keys are spelled: components ask for options, never for keys. */
export const gatewayKeys = {
  all: ['gateways'] as const,
  list: () => [...gatewayKeys.all, 'list'] as const,
  detail: (namespace: string, name: string, pod: string | null) =>
    [...gatewayKeys.all, 'detail', namespace, name, pod ?? ''] as const,
};

/** How often to poll, in milliseconds; false pauses. */
export type RefreshInterval = number | false;

/** The fleet: every gateway's summary. */
export function gatewayListQuery(refetchInterval: RefreshInterval) {
  return queryOptions({
    queryKey: gatewayKeys.list(),
    queryFn: ({ signal }) => fetchJson('/api/gateways', GatewayList, signal),
    refetchInterval,
  });
}

/** One gateway read through one pod (the server picks the first running pod when `pod` is null). */
export function gatewayDetailQuery(namespace: string, name: string, pod: string | null, refetchInterval: RefreshInterval) {
  const search = pod ? `?pod=${encodeURIComponent(pod)}` : '';
  return queryOptions({
    queryKey: gatewayKeys.detail(namespace, name, pod),
    queryFn: ({ signal }) =>
      fetchJson(`/api/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}${search}`, GatewayDetail, signal),
    refetchInterval,
  });
}
