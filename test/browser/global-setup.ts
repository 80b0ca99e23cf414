/**
 * Starts `wrangler dev` on free loopback ports for the browser tests, waits until they answer, and stops them after:
 * the app with the deployed wrangler.toml over the test build (test/fixtures/app.worker.ts reads test/generated/,
 * never src/generated/, which `npm run dev` serves), and the same app over the hostile fixture
 * (test/fixtures/wrangler.hostile.toml). The indexes are already built: `npm test` runs `pretest` (build:test) first.
 */
import type { TestProject } from 'vitest/node'
import { type DevServer, startWranglerDev } from '../../scripts/dev/wrangler-dev'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    hostileUrl: string
  }
}

export default async function setup(project: TestProject) {
  const started = await Promise.allSettled([
    startWranglerDev({ config: 'wrangler.toml', script: 'test/fixtures/app.worker.ts' }),
    startWranglerDev({ config: 'test/fixtures/wrangler.hostile.toml' }),
  ])
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const stopAll = () => Promise.all(servers.map((s: DevServer) => s.stop())).then(() => undefined)
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) {
    await stopAll()
    throw failed.reason
  }
  const [main, hostile] = servers as [DevServer, DevServer]
  project.provide('baseUrl', main.baseUrl)
  project.provide('hostileUrl', hostile.baseUrl)
  return stopAll
}
