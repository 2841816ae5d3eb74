import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API comes from a running natscope server (demo mode is enough:
// `NATSCOPE_SOURCE=demo pnpm --filter @natscope/server run start`); the built app is served by that server itself.
const apiTarget = process.env.NATSCOPE_API ?? 'http://127.0.0.1:8080';

/**
 * `/open` works from `dist/` on any static server (no natscope server, no rewrite rules): the same index.html is also
 * written as `open/index.html`, which such a server answers `/open/` with; the router treats `/open/` as `/open`.
 */
const openPage: Plugin = {
  name: 'natscope-open-page',
  apply: 'build',
  writeBundle(options) {
    const dir = options.dir ?? 'dist';
    mkdirSync(join(dir, 'open'), { recursive: true });
    copyFileSync(join(dir, 'index.html'), join(dir, 'open', 'index.html'));
  },
};

// The version an incident bundle's manifest names: the workspace's.
const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export default defineConfig({
  plugins: [react(), openPage],
  define: { 'import.meta.env.VITE_NATSCOPE_VERSION': JSON.stringify(version) },
  server: { host: '127.0.0.1', proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
});
