import { existsSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig, type Plugin } from 'vitest/config'
import { unstable_readConfig } from 'wrangler'

/** The API_LIMITER rate limit of a wrangler config, as wrangler itself reads it. */
function apiRateLimit(configPath: string): { limit: number; period: number } {
  const binding = unstable_readConfig({ config: configPath }).ratelimits.find((r) => r.name === 'API_LIMITER')
  if (!binding) throw new Error(`${configPath}: no API_LIMITER rate limit`)
  return binding.simple
}

/**
 * Where `npm test` builds the corpus (`pretest` → `build:test`): never src/generated, which `npm run dev` serves.
 * The Worker projects run the real entry (src/index.ts) and wrangler configs; testBuild() points the entry's
 * imports of src/generated/ here.
 */
const TEST_GENERATED = resolve('test/generated')
const DEV_GENERATED = resolve('src/generated')

/** The D1 migrations of the test build (none yet: the worker-d1 tests then fail on missing tables). */
const D1_MIGRATIONS = join(TEST_GENERATED, 'd1')

/** Resolves any import into src/generated/ (the index and records src/index.ts bundles) to the test build instead. */
function testBuild(): Plugin {
  return {
    name: 'verbatim-test-build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.')) return null
      const target = resolve(dirname(importer.split('?')[0] as string), source)
      return target.startsWith(`${DEV_GENERATED}/`) ? join(TEST_GENERATED, relative(DEV_GENERATED, target)) : null
    },
  }
}

export default defineConfig({
  test: {
    projects: [
      {
        // Pure functions of the prebuild, in Node.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        // The real Worker inside workerd, configured from the wrangler.toml that deploys.
        // The API rate limit is raised here so hundreds of test requests from one address are not throttled;
        // the limit itself is tested by the "ratelimit" project.
        plugins: [
          testBuild(),
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { ratelimits: { API_LIMITER: { namespace_id: '1001', simple: { limit: 1_000_000, period: 60 } } } },
          }),
        ],
        // Generous timeout: the first request in an isolate parses the index, slow on a busy machine.
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'], exclude: ['test/worker/ratelimit/**'], testTimeout: 30_000 },
      },
      {
        // The same Worker with a 5-requests-a-minute API limit (test/fixtures/wrangler.ratelimit.toml).
        // The deployed configs' limits are provided too: Retry-After must be the period that deploys.
        plugins: [testBuild(), cloudflareTest({ wrangler: { configPath: './test/fixtures/wrangler.ratelimit.toml' } })],
        test: {
          name: 'ratelimit',
          include: ['test/worker/ratelimit/**/*.test.ts'],
          testTimeout: 30_000,
          provide: {
            rateLimitUnderTest: apiRateLimit('./test/fixtures/wrangler.ratelimit.toml'),
            deployedRateLimits: {
              'wrangler.toml': apiRateLimit('./wrangler.toml'),
              'wrangler.d1.toml': apiRateLimit('./wrangler.d1.toml'),
            },
          },
        },
      },
      {
        // The same Worker tests against the D1 backend (wrangler.d1.toml), its migrations applied to the test D1.
        plugins: [
          testBuild(),
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.d1.toml' },
            miniflare: {
              ratelimits: { API_LIMITER: { namespace_id: '1001', simple: { limit: 1_000_000, period: 60 } } },
              bindings: { TEST_MIGRATIONS: existsSync(D1_MIGRATIONS) ? await readD1Migrations(D1_MIGRATIONS) : [] },
            },
          })),
        ],
        test: {
          name: 'worker-d1',
          include: ['test/worker/**/*.test.ts', 'test/worker-d1/**/*.test.ts'],
          // Not on D1: the hostile fixture is a bundled Worker of its own, and the rate limit has its own project.
          // Every other test/worker file runs on both backends; the relevance suite lists each backend's known failures (onD1).
          exclude: ['test/worker/ratelimit/**', 'test/worker/hostile.test.ts', 'test/worker/markdown.test.ts'],
          setupFiles: ['test/worker-d1/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The same Worker tests against PostgreSQL through Hyperdrive (wrangler.pg.toml): its localConnectionString is the
        // local server that test/worker-pg/global-setup.ts starts and loads (scripts/pg/server.sh, npm run build:pg).
        plugins: [
          testBuild(),
          cloudflareTest({
            wrangler: { configPath: './wrangler.pg.toml' },
            miniflare: { ratelimits: { API_LIMITER: { namespace_id: '1001', simple: { limit: 1_000_000, period: 60 } } } },
          }),
        ],
        test: {
          name: 'worker-pg',
          include: ['test/worker/**/*.test.ts', 'test/worker-pg/**/*.test.ts'],
          // As worker-d1: the hostile and Markdown fixtures are a bundled Worker of their own, the rate limit has its own project.
          exclude: ['test/worker/ratelimit/**', 'test/worker/hostile.test.ts', 'test/worker/markdown.test.ts'],
          globalSetup: ['test/worker-pg/global-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // PostgreSQL in Node, each file on a disposable server of its own (never the shared one above), test/pg-node:
        // stopped in the middle of a run under the real PostgreSQL Worker in workerd, and a build:pg that fails.
        test: { name: 'pg-node', include: ['test/pg-node/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        // Pages and embeds in Debian's Chromium against `wrangler dev` on a free loopback port.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          // One Chromium at a time: timing-sensitive UI tests stay reliable on small machines.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
})
