import { describe, expect, inject, it } from 'vitest'
import { createVerbatim } from '../../src/app'
import { BACKEND_RETRY_AFTER_S, BACKEND_TIMEOUT_MS } from '../../src/search/options'

/** The PostgreSQL Worker's app (as src/index.pg.ts builds it), called with a Hyperdrive binding to a broken server. */
const app = createVerbatim(() => {
  throw new Error('no bundled corpus in the PostgreSQL Worker')
})

/** Nothing listens on port 9 (discard) here: the connection is refused, as when PostgreSQL is stopped. */
const REFUSED = 'postgres://postgres:verbatim@127.0.0.1:9/verbatim'
/** A server that accepts connections and never answers (test/worker-pg/global-setup.ts): a hung database. */
const SILENT = `postgres://postgres:verbatim@127.0.0.1:${inject('silentPostgresPort')}/verbatim`

const request = (path: string, connectionString: string, headers: Record<string, string> = {}) =>
  app.request(`http://verbatim.test${path}`, { headers }, { SEARCH_BACKEND: 'postgres', HYPERDRIVE: { connectionString } })

describe('a failing PostgreSQL backend', () => {
  it('answers the API with 503 problem+json and Retry-After, not 500, when the connection is refused', async () => {
    for (const path of ['/api/search?q=revenge', '/api/quotes/q-1', '/api/speakers', '/api/stats']) {
      const started = Date.now()
      const res = await request(path, REFUSED)
      expect(res.status, path).toBe(503)
      expect(Date.now() - started, path).toBeLessThan(BACKEND_TIMEOUT_MS)
      expect(res.headers.get('content-type'), path).toContain('application/problem+json')
      expect(res.headers.get('retry-after'), path).toBe(String(BACKEND_RETRY_AFTER_S))
      const body = (await res.json()) as { status: number; detail: string }
      expect(body.status).toBe(503)
      expect(body.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/)
    }
  })

  it('says the service is busy on a page, with status 503', async () => {
    const res = await request('/?q=revenge', REFUSED, { accept: 'text/html' })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe(String(BACKEND_RETRY_AFTER_S))
    expect(await res.text()).toContain('Busy right now')
  })

  it(
    'answers 503 within the backend deadline when PostgreSQL accepts but never answers, instead of hanging',
    async () => {
      const started = Date.now()
      const res = await request('/api/search?q=revenge', SILENT)
      const waited = Date.now() - started
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe(String(BACKEND_RETRY_AFTER_S))
      expect(waited).toBeLessThan(BACKEND_TIMEOUT_MS + 2_000)
    },
    BACKEND_TIMEOUT_MS + 10_000,
  )
})
