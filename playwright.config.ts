import { defineConfig, devices } from '@playwright/test';
import { createServer } from 'node:net';

// The e2e suite runs against the real server in demo mode (real client-node talking to the embedded kube-sim), after
// building the web app. The port is free-chosen once in the runner and handed to workers through the environment.
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

process.env.NATSCOPE_E2E_PORT ??= String(await freePort());
const port = Number(process.env.NATSCOPE_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    acceptDownloads: true,
    viewport: { width: 1600, height: 1000 },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1600, height: 1000 },
        // Debian's Chromium; Playwright downloads no browser here.
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
        },
      },
    },
  ],
  webServer: {
    command: `pnpm --filter @natscope/web run build && pnpm --filter @natscope/server run start`,
    url: `${baseURL}/api/healthz`,
    env: {
      NATSCOPE_SOURCE: 'demo',
      PORT: String(port),
      HOST: '127.0.0.1',
      NATSCOPE_POLL_SECONDS: '2',
      NATSCOPE_EXEC_TIMEOUT_SECONDS: '3',
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
