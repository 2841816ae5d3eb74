import { createBrowserRouter } from 'react-router';
import { FleetPage } from '../features/fleet/FleetPage.js';
import { AppShell } from './AppShell.js';
import { NotFoundPage } from './NotFoundPage.js';

/**
 * Contract 4's routes: `/` is the fleet, `/gateways/:namespace/:name` one gateway, `/open` a dump opened in the browser;
 * view state is in the query.
 */
export const router = createBrowserRouter([
  {
    element: <AppShell />,
    // Shown while a lazily loaded page's code arrives on a direct visit.
    hydrateFallbackElement: <p className="loading">Loading natscope…</p>,
    children: [
      { path: '/', element: <FleetPage /> },
      {
        path: '/gateways/:namespace/:name',
        // Its own chunk: React Flow, dagre and the image export load only when a gateway is opened.
        lazy: async () => ({ Component: (await import('../features/gateway/GatewayPage.js')).GatewayPage }),
      },
      {
        // A dump opened in the browser (no server needed): parse and inspect in a worker, then the gateway view.
        path: '/open',
        lazy: async () => ({ Component: (await import('../features/offline/OpenPage.js')).OpenPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
