import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { ApiRequestError } from '../../api/api-request-error.js';
import { gatewayDetailQuery } from '../../api/queries.js';
import { useRefresh } from '../../app/refresh.js';
import { EmptyState } from '../../lib/EmptyState.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { GatewayReading } from './GatewayReading.js';
import { useGatewayViewState } from './use-gateway-view-state.js';

/** `/gateways/:namespace/:name`: one gateway's NAT chains as a flow graph, an EIP table, the raw dump or desired vs actual. */
export function GatewayPage() {
  const { namespace = '', name = '' } = useParams();
  const [state, update] = useGatewayViewState();
  const refresh = useRefresh();
  const detail = useQuery(gatewayDetailQuery(namespace, name, state.pod, refresh.interval));
  useDocumentTitle(`${name} · ${namespace}`);

  if (detail.isPending)
    return (
      <p className="loading">
        Reading {namespace}/{name}…
      </p>
    );
  if (detail.isError && !detail.data)
    return (
      <GatewayLoadError
        error={detail.error}
        namespace={namespace}
        name={name}
        pod={state.pod}
        onClearPod={() => update({ pod: null })}
      />
    );
  return (
    <GatewayReading
      detail={detail.data}
      state={state}
      update={update}
      updatedAt={detail.dataUpdatedAt}
      refreshError={detail.isError ? detail.error.message : null}
    />
  );
}

function GatewayLoadError({
  error,
  namespace,
  name,
  pod,
  onClearPod,
}: {
  error: ApiRequestError;
  namespace: string;
  name: string;
  pod: string | null;
  onClearPod: () => void;
}) {
  const notFound = error.status === 404;
  return (
    // The whole page: its heading is the page's h1. The server's own words for a plain 404 repeat the heading, so only
    // a pod's 404 (which lists the gateway's pods) or another failure shows them.
    <EmptyState
      title={notFound ? `No gateway ${namespace}/${name}` : `${namespace}/${name} could not be read`}
      tone="error"
      level={1}
    >
      {(!notFound || pod) && <p>{error.message}</p>}
      {notFound && pod && (
        <p>
          The link names pod <code>{pod}</code>.{' '}
          <button type="button" className="btn btn--link" onClick={onClearPod}>
            Show the gateway's current pod instead
          </button>
        </p>
      )}
      {notFound && !pod && (
        <p>It may have been deleted or renamed, or it lives in a namespace the server does not watch.</p>
      )}
      <p>
        <Link to="/">Back to the fleet</Link>
      </p>
    </EmptyState>
  );
}
