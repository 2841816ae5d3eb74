import { defineConfig } from 'vitest/config';

// The fixture builder's own tests (scripts/fixtures): counter filling, the catalog and the netns helpers.
export default defineConfig({
  test: {
    name: 'scripts',
    include: ['**/*.test.ts'],
  },
});
