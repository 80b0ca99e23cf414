/**
 * PostgreSQL stopped in the middle of a run: the real PostgreSQL Worker (wrangler.pg.toml in workerd, through its
 * Hyperdrive binding) over a disposable server of its own (./cluster.ts) loaded with the sample corpus. While the
 * server runs a search answers 200; searches in flight when it stops, and every request after, answer 503
 * problem+json with Retry-After within the backend deadline (never 500, never a hang) and pages say the service is
 * busy; once it is started again, searches answer 200 again. Runs in Node (the `pg-node` project of vitest.config.ts).
 */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unstable_startWorker } from 'wrangler'
import { BACKEND_RETRY_AFTER_S, BACKEND_TIMEOUT_MS } from '../../src/search/options'
import { type Cluster, disposableCluster } from './cluster'

const ROOT = resolve(import.meta.dirname, '../..')
/** Searches of the sample corpus that find quotes. */
const QUERIES = ['revenge', 'taken', 'minister', 'government']

let cluster: Cluster
let worker: Awaited<ReturnType<typeof unstable_startWorker>>

interface Answer {
  status: number
  ms: number
  type: string | null
  retryAfter: string | null
  body: string
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now()
  const res = await worker.fetch(`http://verbatim.test${path}`, { headers })
  const body = await res.text()
  return {
    status: res.status,
    ms: performance.now() - started,
    type: res.headers.get('content-type'),
    retryAfter: res.headers.get('retry-after'),
    body,
  }
}

/** The promise of issue #15: 503 problem+json with Retry-After, within the backend's deadline. */
function expectUnavailable(answer: Answer, what: string) {
  expect(answer.status, what).toBe(503)
  expect(answer.type, what).toContain('application/problem+json')
  expect(answer.retryAfter, what).toBe(String(BACKEND_RETRY_AFTER_S))
  expect((JSON.parse(answer.body) as { status: number }).status, what).toBe(503)
  expect(answer.ms, what).toBeLessThan(BACKEND_TIMEOUT_MS)
}

beforeAll(async () => {
  cluster = await disposableCluster()
  await cluster.start()
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/pg/build.ts', '--url', cluster.url], { cwd: ROOT })
  worker = await unstable_startWorker({
    config: resolve(ROOT, 'wrangler.pg.toml'),
    bindings: { HYPERDRIVE: { type: 'hyperdrive', id: '00000000000000000000000000000000', localConnectionString: cluster.url } },
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, logLevel: 'error' },
  })
  await worker.ready
}, 120_000)

afterAll(async () => {
  await worker?.dispose()
  await cluster?.remove()
}, 60_000)

// One scenario, in order: each test leaves the server as the next one expects it (running, stopped, running).
describe('PostgreSQL stopped in the middle of a run', () => {
  it('answers searches with 200 while the server runs', async () => {
    for (const q of QUERIES) {
      const answer = await get(`/api/search?q=${q}`)
      expect(answer.status, q).toBe(200)
      expect((JSON.parse(answer.body) as { total: number }).total, q).toBeGreaterThan(0)
    }
  })

  it('answers the searches in flight when the server stops with 503 problem+json and Retry-After within the deadline', async () => {
    // The searches are held in flight by a lock on the quotes, then the server stops under them.
    const admin = postgres(cluster.url, { max: 2, onnotice: () => {} })
    const lock = await admin.reserve()
    try {
      await lock`BEGIN`
      await lock`LOCK TABLE quotes IN ACCESS EXCLUSIVE MODE`
      const inFlight = QUERIES.map((q) => get(`/api/search?q=${q}`))
      const until = Date.now() + BACKEND_TIMEOUT_MS / 2
      let waiting = 0
      while (waiting < QUERIES.length && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 25))
        const [row] = await admin`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`
        waiting = (row as { n: number }).n
      }
      expect(waiting, 'searches waiting on the server when it stops').toBeGreaterThanOrEqual(QUERIES.length)
      await cluster.kill()
      const answers = await Promise.all(inFlight)
      for (const [i, answer] of answers.entries()) expectUnavailable(answer, `in flight: ${QUERIES[i]}`)
    } finally {
      lock.release()
      await admin.end({ timeout: 0 }).catch(() => {})
    }
  })

  it('answers every API request while the server is stopped with 503 problem+json and Retry-After, never 500', async () => {
    for (const path of [...QUERIES.map((q) => `/api/search?q=${q}`), '/api/quotes/q-1', '/api/speakers', '/api/stats']) {
      expectUnavailable(await get(path), path)
    }
  })

  it('says the service is busy on pages while the server is stopped, with status 503', async () => {
    const page = await get('/?q=revenge', { accept: 'text/html' })
    expect(page.status).toBe(503)
    expect(page.retryAfter).toBe(String(BACKEND_RETRY_AFTER_S))
    expect(page.body).toContain('Busy right now')
    expect(page.ms).toBeLessThan(BACKEND_TIMEOUT_MS)
  })

  it('answers searches with 200 again once the server is started again', async () => {
    await cluster.start()
    for (const q of QUERIES) {
      const answer = await get(`/api/search?q=${q}`)
      expect(answer.status, q).toBe(200)
      expect((JSON.parse(answer.body) as { total: number }).total, q).toBeGreaterThan(0)
    }
  }, 60_000)
})
