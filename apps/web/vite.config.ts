import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API comes from a running natscope server (demo mode is enough:
// `NATSCOPE_SOURCE=demo pnpm --filter @natscope/server run start`); the built app is served by that server itself.
const apiTarget = process.env.NATSCOPE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
});
