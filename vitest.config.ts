import { defineConfig } from 'vitest/config';

// `npm test` runs everything: unit and integration tests beside the code and in tests/integration,
// then the end-to-end tests in real headless Chromium with an emulated Meta Quest 3.
export default defineConfig({
  test: {
    reporters: ['default', './tests/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{contract,protocols,scenes,server,client}/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
