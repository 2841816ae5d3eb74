import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { gatewayViewSearch, parseGatewayViewState, type GatewayViewState } from '../../lib/url-state.js';

/** Changes the view state; `push` makes a history entry (a new view), otherwise the URL is replaced (typing a filter). */
export type UpdateGatewayView = (patch: Partial<GatewayViewState>, push?: boolean) => void;

/** A gateway page's view state (Contract 4's query) read from the URL, and the one way to change it. */
export function useGatewayViewState(): [GatewayViewState, UpdateGatewayView] {
  const [searchParams, setSearchParams] = useSearchParams();
  const update = useCallback<UpdateGatewayView>(
    (patch, push = false) =>
      setSearchParams((old) => gatewayViewSearch({ ...parseGatewayViewState(old), ...patch }), { replace: !push }),
    [setSearchParams],
  );
  return [parseGatewayViewState(searchParams), update];
}
