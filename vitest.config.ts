import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'console/web/dist/**'],
    globalSetup: ['domain/platform/testing/global-setup.ts'],
    setupFiles: ['domain/platform/testing/data-keys.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
