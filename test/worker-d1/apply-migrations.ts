/**
 * Setup of the worker-d1 project: applies the D1 migrations (npm run build:d1, read in vitest.config.ts)
 * to the test D1 database before the test files run. Already-applied migrations are skipped.
 */
import { applyD1Migrations, env } from 'cloudflare:test'

const bindings = env as unknown as { DB: D1Database; TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] }
await applyD1Migrations(bindings.DB, bindings.TEST_MIGRATIONS)
