import { defineConfig } from 'vitest/config';

// Integration tests always run against an embedded PostgreSQL started by the global setup; when
// DATABASE_URL is set they run a second time against that server (CI points it at the machine's
// PostgreSQL), so both engines are covered on every run.
const integrationFiles = [
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'packages/db/test/**/*.test.ts',
];

// `*.embedded.test.ts` files exercise the embedded cluster itself; they run once, not per engine.
const integration = (name: string, engine: 'embedded' | 'external') => ({
  test: {
    name,
    include: integrationFiles,
    exclude: [
      '**/node_modules/**',
      '**/*.unit.test.ts',
      ...(engine === 'external' ? ['**/*.embedded.test.ts'] : []),
    ],
    globalSetup: ['test/global-setup.ts'],
    env: { KEBAO_TEST_ENGINE: engine },
    provide: { engine },
    pool: 'forks' as const,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/*/test/**/*.unit.test.ts',
            'apps/web/src/**/*.test.ts',
          ],
        },
      },
      integration('integration', 'embedded'),
      ...(process.env.DATABASE_URL ? [integration('integration-external', 'external')] : []),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          pool: 'forks' as const,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
