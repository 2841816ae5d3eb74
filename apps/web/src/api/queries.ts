import { AddressIndex, GatewayDetail, GatewayDiff, GatewayList, HistoryPage, HistoryStatus } from '@natscope/api';
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from './fetch-json.js';

/** The one place query keys are spelled: components ask for options, never for keys. */
export const gatewayKeys = {
  all: ['gateways'] as const,
  list: () => [...gatewayKeys.all, 'list'] as const,
  addresses: () => [...gatewayKeys.all, 'addresses'] as const,
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

/** Addresses change only when a gateway's rules do: a search reuses them this long before asking again. */
const ADDRESSES_STALE_MS = 60_000;

/**
 * Every gateway's mapped addresses, for the fleet's address search. Not part of the fleet list (a big fleet
 * maps tens of thousands); the fleet page enables this only while its filter names an address, and then
 * polls it no more often than once a minute (the server answers 304 while no rules changed).
 */
export function addressIndexQuery(refetchInterval: RefreshInterval, enabled: boolean) {
  return queryOptions({
    queryKey: gatewayKeys.addresses(),
    queryFn: ({ signal }) => fetchJson('/api/addresses', AddressIndex, signal),
    staleTime: ADDRESSES_STALE_MS,
    refetchInterval: refetchInterval === false ? false : Math.max(refetchInterval, ADDRESSES_STALE_MS),
    enabled,
  });
}

/** One gateway read through one pod (the server picks the first running pod when `pod` is null). */
export function gatewayDetailQuery(
  namespace: string,
  name: string,
  pod: string | null,
  refetchInterval: RefreshInterval,
) {
  const search = pod ? `?pod=${encodeURIComponent(pod)}` : '';
  return queryOptions({
    queryKey: gatewayKeys.detail(namespace, name, pod),
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}${search}`,
        GatewayDetail,
        signal,
      ),
    refetchInterval,
  });
}

/** Whether the server keeps history (and why not): the gateway page shows its timeline only when it does. */
export function historyStatusQuery() {
  return queryOptions({
    queryKey: ['history', 'status'] as const,
    queryFn: ({ signal }) => fetchJson('/api/history/status', HistoryStatus, signal),
    staleTime: 30_000,
  });
}

/** The API path of one gateway. */
export const gatewayApi = (namespace: string, name: string) =>
  `/api/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;

/** The newest entries of a gateway's timeline since `since` (ISO 8601), polled with the page. */
export function gatewayHistoryQuery(namespace: string, name: string, since: string, refetchInterval: RefreshInterval) {
  return queryOptions({
    queryKey: ['history', 'timeline', namespace, name, since] as const,
    queryFn: ({ signal }) =>
      fetchJson(
        `${gatewayApi(namespace, name)}/history?since=${encodeURIComponent(since)}&limit=1000`,
        HistoryPage,
        signal,
      ),
    refetchInterval,
  });
}

/** A kept reading as the gateway page showed it then. It never changes: fetched once. */
export function storedReadingQuery(namespace: string, name: string, id: number) {
  return queryOptions({
    queryKey: ['history', 'reading', namespace, name, id] as const,
    queryFn: ({ signal }) => fetchJson(`${gatewayApi(namespace, name)}/readings/${id}`, GatewayDetail, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** What changed between two kept readings (`to`: an id, or `latest`). */
export function readingDiffQuery(namespace: string, name: string, from: number, to: number | 'latest') {
  return queryOptions({
    queryKey: ['history', 'diff', namespace, name, from, to] as const,
    queryFn: ({ signal }) =>
      fetchJson(`${gatewayApi(namespace, name)}/diff?from=${from}&to=${to}`, GatewayDiff, signal),
    staleTime: to === 'latest' ? 0 : Number.POSITIVE_INFINITY,
  });
}
