import { useCallback } from 'react';
import { useSearchParams, type To } from 'react-router';
import { gatewayViewSearch, parseGatewayViewState, type GatewayViewState } from './url-state.js';

/**
 * Links within the gateway page: the current view state with a patch, as a `to` for react-router's Link. Real links
 * (not buttons) so a rule or an object can be opened in a new tab, and Back returns to where the user was.
 */
export function useViewLink(): (patch: Partial<GatewayViewState>) => To {
  const [search] = useSearchParams();
  return useCallback(
    (patch) => ({ search: `?${gatewayViewSearch({ ...parseGatewayViewState(search), ...patch }).toString()}` }),
    [search],
  );
}
