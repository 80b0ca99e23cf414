import { describe, expect, it } from 'vitest'
import { createVerbatim } from '../../src/app'
import { BACKEND_RETRY_AFTER_S, BACKEND_TIMEOUT_MS } from '../../src/search/options'

/** The D1 Worker's app (as src/index.d1.ts builds it), called with a D1 binding that breaks in the given way. */
const app = createVerbatim(() => {
  throw new Error('no bundled corpus in the D1 Worker')
})

/** A D1Database whose statements fail with `error`, or never answer when `error` is undefined. */
function brokenD1(error?: Error): D1Database {
  const answer = () => (error ? Promise.reject(error) : new Promise<never>(() => {}))
  const statement = { bind: () => statement, all: answer, first: answer, raw: answer, run: answer }
  return { prepare: () => statement, batch: answer, exec: answer } as unknown as D1Database
}

const request = (path: string, db: D1Database, headers: Record<string, string> = {}) =>
  app.request(`http://verbatim.test${path}`, { headers }, { SEARCH_BACKEND: 'd1', DB: db })

describe('a failing D1 backend', () => {
  it('answers the API with 503 problem+json and Retry-After, not 500, when D1 throws', async () => {
    const db = brokenD1(new Error('D1_ERROR: Network connection lost.'))
    for (const path of ['/api/search?q=revenge', '/api/quotes/q-1', '/api/speakers', '/api/stats']) {
      const res = await request(path, db)
      expect(res.status, path).toBe(503)
      expect(res.headers.get('content-type'), path).toContain('application/problem+json')
      expect(res.headers.get('retry-after'), path).toBe(String(BACKEND_RETRY_AFTER_S))
      const body = (await res.json()) as { status: number; detail: string }
      expect(body.status).toBe(503)
      expect(body.detail).not.toContain('D1_ERROR')
    }
  })

  it('says the service is busy on a page, with status 503', async () => {
    const res = await request('/?q=revenge', brokenD1(new Error('D1_ERROR: Network connection lost.')), { accept: 'text/html' })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe(String(BACKEND_RETRY_AFTER_S))
    expect(await res.text()).toContain('Busy right now')
  })

  it(
    'answers 503 within the backend deadline when D1 never answers, instead of hanging',
    async () => {
      const started = Date.now()
      const res = await request('/api/search?q=revenge', brokenD1())
      const waited = Date.now() - started
      expect(res.status).toBe(503)
      expect(waited).toBeGreaterThanOrEqual(BACKEND_TIMEOUT_MS - 50)
      expect(waited).toBeLessThan(BACKEND_TIMEOUT_MS + 2_000)
    },
    BACKEND_TIMEOUT_MS + 10_000,
  )
})
