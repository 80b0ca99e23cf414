import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

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
