// Bundles the server for `npm start`: natscope's TypeScript (this app and the workspace packages) into ESM
// chunks that plain node runs, npm packages left in node_modules. Running on plain node instead of tsx saves
// the loader thread's memory (about 100 MB with client-node loaded) and its start-up time.
import { rm } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** npm packages the bundle imports at run time (resolved from apps/server/node_modules). */
export const EXTERNAL = [
  '@kubernetes/client-node',
  'better-sqlite3',
  'express',
  'ws',
  'zod',
  'selfsigned',
  'autocannon',
  'yaml',
];

/** The analysis worker's entry (analysis-pool.ts starts it as analysis-worker.js beside its own chunk). */
const ANALYSIS_WORKER = fileURLToPath(new URL('./src/analysis/analysis-worker.ts', import.meta.url));

/**
 * Bundles `entry` into `outdir` (emptied first) as `<entry's name>.js`, with the analysis worker as
 * `analysis-worker.js` beside it; dynamic imports become chunks that load on demand.
 */
export async function bundle(entry: string, outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { [basename(entry, extname(entry))]: entry, 'analysis-worker': ANALYSIS_WORKER },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    logLevel: 'warning',
    external: EXTERNAL,
  });
}

/**
 * The node flags `npm start` runs the bundle with (package.json's start script; a test keeps the two in step),
 * measured with bench/fleet.bench.ts. A small young generation: the server's garbage is short-lived exec
 * buffers and JSON, and V8's default semi-space (16 MB) costs about 25 MB of RSS for no measurable speed. A
 * heap that grows by half its live size between full collections instead of up to four times: under 50
 * clients polling the fleet V8 otherwise let the old generation reach ~290 MB around 70 MB of live data.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];

/** Where `npm start` runs the server from. */
export const SERVER_BUNDLE = fileURLToPath(new URL('./dist/server/', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundle(fileURLToPath(new URL('./src/main.ts', import.meta.url)), SERVER_BUNDLE);
}
