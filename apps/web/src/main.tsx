import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { shouldRetry } from './api/should-retry.js';
import { router } from './app/router.js';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // A failed reading is shown with its cause after one retry (the next poll retries anyway); a 404 or 400 at once.
    queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 2_000 },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html lost its #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
