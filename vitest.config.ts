import { defineConfig } from 'vitest/config';

// One run over every workspace package; each package may add its own vitest.config.ts
// (the web app does, for jsdom).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'scripts'],
  },
});
