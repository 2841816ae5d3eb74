import { createBrowserRouter } from 'react-router';
import { FleetPage } from '../features/fleet/FleetPage.js';
import { GatewayPage } from '../features/gateway/GatewayPage.js';
import { AppShell } from './AppShell.js';
import { NotFoundPage } from './NotFoundPage.js';

/** Contract 4's routes: `/` is the fleet, `/gateways/:namespace/:name` one gateway; view state is in the query. */
export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { path: '/', element: <FleetPage /> },
      { path: '/gateways/:namespace/:name', element: <GatewayPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
