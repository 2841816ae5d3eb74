import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet } from 'react-router';
import { gatewayKeys, gatewayListQuery, historyStatusQuery } from '../api/queries.js';
import { REFRESH_CHOICES, RefreshProvider, useRefresh } from './refresh.js';
import { ThemeProvider, useTheme, type ThemeChoice } from './theme.js';

/** The frame around every page: brand, cluster context, live-refresh control, theme, and the demo and history banners. */
export function AppShell() {
  return (
    <ThemeProvider>
      <RefreshProvider>
        {/* One banner landmark holds the brand bar and the demo notice, so no page content sits outside a landmark. */}
        <header className="app-top">
          <Header />
          <DemoBanner />
          <HistoryBanner />
        </header>
        <main className="page">
          <Outlet />
        </main>
      </RefreshProvider>
    </ThemeProvider>
  );
}

function Header() {
  const theme = useTheme();
  const refresh = useRefresh();
  const list = useQuery(gatewayListQuery(false));
  const queryClient = useQueryClient();
  const fetching = useIsFetching({ queryKey: gatewayKeys.all }) > 0;
  return (
    <div className="app-header">
      <Link to="/" className="brand" aria-label="natscope: back to the fleet">
        <span className="brand__mark" aria-hidden="true">
          ⇄
        </span>
        natscope
      </Link>
      {list.data && (
        <span className="app-header__context" title="Kubernetes context the server reads">
          context <strong>{list.data.context}</strong>
        </span>
      )}
      <Link
        to="/open"
        className="app-header__open"
        data-testid="open-link"
        title="Open a dump or an incident bundle in this browser"
      >
        Open a dump
      </Link>
      <span className="spacer" />
      <div className="refresh" role="group" aria-label="Live refresh">
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void queryClient.invalidateQueries({ queryKey: gatewayKeys.all })}
          aria-busy={fetching}
          title="Read the server's latest data now"
        >
          ↻ Refresh
        </button>
        <button
          type="button"
          className={`btn btn--small ${refresh.paused ? 'btn--warning' : ''}`}
          aria-pressed={refresh.paused}
          onClick={() => refresh.setPaused(!refresh.paused)}
          title={refresh.paused ? 'Live refresh is paused: data does not update' : 'Pause live refresh'}
        >
          {refresh.paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        <label className="field field--inline">
          <span>every</span>
          <select
            value={refresh.seconds}
            onChange={(e) => refresh.setSeconds(Number(e.target.value))}
            aria-label="Refresh interval"
          >
            {REFRESH_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s} s
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field field--inline">
        <span>theme</span>
        <select value={theme.choice} onChange={(e) => theme.choose(e.target.value as ThemeChoice)} aria-label="Theme">
          <option value="system">system</option>
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </label>
    </div>
  );
}

function DemoBanner() {
  const list = useQuery(gatewayListQuery(false));
  if (list.data?.source !== 'demo') return null;
  return (
    <div className="banner banner--demo" role="note">
      <strong>Demo data.</strong> The server found no cluster and shows built-in demo gateways. Point it at a cluster
      with <code>KUBECONFIG</code> or run it in-cluster with <code>NATSCOPE_SOURCE=kubernetes</code>.
    </div>
  );
}

/**
 * History that stopped (a full disk, a corrupt file) or a note from its start (a corrupt file set aside): said on every
 * page, since the live view goes on without it. Nothing on a server that keeps history as it should, nor in a static
 * build (no server to ask).
 */
function HistoryBanner() {
  const status = useQuery(historyStatusQuery());
  const reason = status.data?.reason;
  if (!reason) return null;
  return (
    <div className="banner banner--warning" role="status" data-testid="history-off">
      <strong>History.</strong> {reason}
      {status.data?.enabled ? '' : ' The live view goes on; no reading is kept until natscope is restarted.'}
    </div>
  );
}
