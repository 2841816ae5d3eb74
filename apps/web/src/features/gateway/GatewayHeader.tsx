import type { GatewayDetail } from '@natscope/api';
import { Link } from 'react-router';
import { BackendBadge, ConditionBadge, SeverityCounts } from '../../lib/badges.js';
import { formatAge } from '../../lib/format.js';

/** The gateway page's title line: where it is, its health, what it maps, which pod was read and how long ago. */
export function GatewayHeader({
  detail,
  ageSeconds,
  refreshError,
  offline = false,
  onChoosePod,
}: {
  detail: GatewayDetail;
  ageSeconds: number | null;
  refreshError: string | null;
  /** Opened in the browser: the breadcrumb leads back to `/open`, and the one pod is the file's. */
  offline?: boolean;
  onChoosePod: (pod: string) => void;
}) {
  return (
    <div className="gateway__head">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {offline ? (
          <>
            <Link to="/open">Open a dump</Link> <span aria-hidden="true">/</span>{' '}
            <span>{detail.source === 'file' ? 'local file' : detail.namespace}</span>
          </>
        ) : (
          <>
            <Link to="/">Fleet</Link> <span aria-hidden="true">/</span> <span>{detail.namespace}</span>
          </>
        )}
      </nav>
      <h1 className="gateway__title">{detail.name}</h1>
      <ConditionBadge gateway={detail} />
      <BackendBadge backend={detail.backend} />
      {/* Counts of a gateway never read would be zeros that look like an empty gateway: leave them out. */}
      {detail.collectedAt !== null && (
        <>
          <SeverityCounts counts={detail.diagnostics} />
          <span className="gateway__facts">
            {detail.counts.fip} FIP · {detail.counts.dnat} DNAT · {detail.counts.snat} SNAT · {detail.counts.rules}{' '}
            rules
          </span>
        </>
      )}
      <span className="spacer" />
      {offline ? (
        <span className="gateway__pod" title="Where this reading comes from">
          {detail.source === 'file' ? 'file' : 'pod'} <strong>{detail.pod}</strong>
        </span>
      ) : detail.pods.length > 1 ? (
        <label className="field field--inline">
          <span>pod</span>
          <select value={detail.pod} onChange={(e) => onChoosePod(e.target.value)} aria-label="Pod of this HA gateway">
            {detail.pods.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} ({p.phase}
                {p.ready ? '' : ', not ready'})
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="gateway__pod" title="The pod this reading comes from">
          pod <strong>{detail.pod}</strong>
        </span>
      )}
      <span className={detail.stale ? 'age age--stale' : 'age'} title={detail.collectedAt ?? ''}>
        read {formatAge(ageSeconds)}
      </span>
      {refreshError && (
        <span className="badge badge--stale" title={refreshError}>
          refresh failed
        </span>
      )}
    </div>
  );
}
