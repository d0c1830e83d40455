import { defineConfig } from 'vitest/config';

// The packaging-layout test runs on its own (npm run test:packaging): it needs a production build
// in dist/ and runs electron-builder, which takes seconds, not milliseconds.
export default defineConfig({
  test: {
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 180_000,
  },
});
