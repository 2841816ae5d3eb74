import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router } from 'express';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>natscope</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>natscope</h1>
<p>The web app is not built yet. Build it with</p>
<pre>pnpm --filter @natscope/web run build</pre>
<p>and reload this page (<code>npm start</code> builds it for you). The API works already:
<a href="/api/gateways">/api/gateways</a>, <a href="/metrics">/metrics</a>.</p>
</body></html>
`;

/**
 * Serves the built web app from `dist` with an SPA fallback: any GET that is not an API path and not a file
 * gets index.html, so deep links like /gateways/ns/name load the app. Without a build, a page says how to
 * make one.
 */
export function webAppRoutes(dist: string | null): Router {
  const router = Router();
  const root = dist ? resolve(dist) : null;
  const index = root ? join(root, 'index.html') : null;
  const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/') || path === '/metrics';
  if (root && index && existsSync(index)) {
    // Vite names assets by content hash, so they may be cached for good; index.html never.
    router.use('/assets', express.static(join(root, 'assets'), { immutable: true, maxAge: '365d', fallthrough: true }));
    router.use(express.static(root, { index: false, maxAge: 0 }));
    router.get('/{*splat}', (req, res, next) => {
      if (isApi(req.path)) return next();
      res.set('Cache-Control', 'no-cache').sendFile(index);
    });
  } else {
    router.get('/{*splat}', (req, res, next) => {
      if (isApi(req.path)) return next();
      res.status(200).type('html').send(NOT_BUILT);
    });
  }
  return router;
}
