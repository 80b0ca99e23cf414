import { existsSync } from 'node:fs'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

/** The D1 migrations `npm run build:d1` writes (none yet: the worker-d1 tests then fail on missing tables). */
const D1_MIGRATIONS = './src/generated/d1'

export default defineConfig({
  test: {
    projects: [
      {
        // Pure functions of the prebuild, in Node.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        // The real Worker inside workerd, configured from the wrangler.toml that deploys.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        // The first request in an isolate parses the index: allow for a loaded CI machine.
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        // The same Worker tests against the D1 backend (wrangler.d1.toml), its migrations applied to the test D1.
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.d1.toml' },
            miniflare: {
              bindings: { TEST_MIGRATIONS: existsSync(D1_MIGRATIONS) ? await readD1Migrations(D1_MIGRATIONS) : [] },
            },
          })),
        ],
        test: {
          name: 'worker-d1',
          include: ['test/worker/**/*.test.ts', 'test/worker-d1/**/*.test.ts'],
          setupFiles: ['test/worker-d1/apply-migrations.ts'],
          testTimeout: 20_000,
        },
      },
      {
        // Pages and embeds in Debian's Chromium against `wrangler dev` on a free loopback port.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
})
