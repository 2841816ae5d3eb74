import { defineProject } from 'vitest/config';

// Pure web logic and components run in jsdom; React Flow needs the ResizeObserver stub from the setup file.
export default defineProject({
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/setup.ts'],
  },
});
