import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/app/**/*.test.ts',
      'test/main/**/*.test.ts',
      'test/renderer/**/*.test.ts',
      'test/architecture/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
  },
});
