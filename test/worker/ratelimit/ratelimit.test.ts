/**
 * The API rate limit in workerd, with the 5-a-minute limit of test/fixtures/wrangler.ratelimit.toml.
 * Each test uses its own client address (CF-Connecting-IP), so the windows do not interfere.
 * The limits are read from the wrangler configs by vitest.config.ts (wrangler's own reader), not from src/.
 */
import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'

const LIMIT = inject('rateLimitUnderTest').limit
/** The window wrangler.toml deploys, in seconds: what a refused client is told to wait. */
const PERIOD = inject('deployedRateLimits')['wrangler.toml']!.period

function get(path: string, ip: string) {
  return exports.default.fetch(new Request(`http://verbatim.test${path}`, { headers: { 'cf-connecting-ip': ip } }))
}

describe('API rate limit', () => {
  it('tests the window that deploys: every config has the same period', () => {
    expect(Object.values(inject('deployedRateLimits')).map((r) => r.period)).toEqual([PERIOD, PERIOD])
    expect(inject('rateLimitUnderTest').period).toBe(PERIOD)
  })

  it('answers 429 problem+json with Retry-After (the period in wrangler.toml) past the limit', async () => {
    // Load the corpus first from another address, so the counted requests follow each other closely.
    await get('/api/stats', '198.51.100.9')
    // The limiter counts in fixed windows: if one ends between the requests, the count starts again, so a
    // second address tries once more. Either way the request past the limit within one window must be refused.
    let ip = ''
    let res: Response | undefined
    for (const address of ['203.0.113.1', '203.0.113.11']) {
      ip = address
      for (let i = 0; i < LIMIT; i++) expect((await get('/api/stats', ip)).status).toBe(200)
      res = await get('/api/search?q=revenge', ip)
      if (res.status === 429) break
    }
    if (!res) throw new Error('no request was made')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe(String(PERIOD))
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    // A page on another origin may read the refusal and when to retry.
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After')
    expect(await res.json()).toEqual({
      type: 'https://verbatim.dev/problems/too-many-requests',
      title: 'Too Many Requests',
      status: 429,
      detail: `Too many requests to the API from this address; try again in ${PERIOD} seconds.`,
      instance: '/api/search',
    })
    // Every API route counts, including unknown ones and bad requests.
    expect((await get('/api/nope', ip)).status).toBe(429)
    expect((await get('/api/search?limit=0', ip)).status).toBe(429)
  })

  it('limits each address on its own', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await get('/api/stats', '203.0.113.2')).status).toBe(200)
    expect((await get('/api/stats', '203.0.113.2')).status).toBe(429)
    expect((await get('/api/stats', '203.0.113.3')).status).toBe(200)
  })

  it('leaves pages, embeds and assets alone', async () => {
    const ip = '203.0.113.4'
    for (let i = 0; i < LIMIT + 1; i++) await get('/api/stats', ip)
    expect((await get('/api/stats', ip)).status).toBe(429)
    for (const path of ['/', '/embed.js', '/assets/app.css', '/no/such/page']) {
      const res = await get(path, ip)
      expect(res.status, path).not.toBe(429)
    }
  })
})
