import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/matchers.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
