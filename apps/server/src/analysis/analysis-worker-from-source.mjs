// The analysis worker's entry when the server runs from source (tsx, vitest): a worker thread starts without
// the parent's loaders, so it registers tsx before importing the TypeScript entry. The bundled server
// (build.ts) starts dist/server/analysis-worker.js directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
