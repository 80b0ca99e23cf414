/**
 * Starts `wrangler dev` on free loopback ports for the browser tests, waits until it answers, and stops it after.
 * The index is already built: `npm test` runs `pretest` (build:index) first.
 */
import type { TestProject } from 'vitest/node'
import { startWranglerDev } from '../../scripts/dev/wrangler-dev'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

export default async function setup(project: TestProject) {
  const server = await startWranglerDev()
  project.provide('baseUrl', server.baseUrl)
  return () => server.stop()
}
