import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { fnv1a64 } from '../../src/hash'
import worker from '../../src/index'
import { matchesEtag } from '../../src/routes/cache'
import { call } from './helpers'

describe('ETag and Cache-Control on /api', () => {
  it('tags a GET with the build id, the Worker version and a hash of its URL, and caches it', async () => {
    const { build_id } = (await call('/api/stats')).body
    const url = 'http://verbatim.test/api/search?q=revenge'
    const { res } = await call('/api/search?q=revenge')
    const version = (env as { CF_VERSION_METADATA?: WorkerVersionMetadata }).CF_VERSION_METADATA?.id
    expect(version).toBeTruthy()
    // Built here from its parts (fnv1a64 is checked against the published FNV-1a test vectors below).
    expect(res.headers.get('etag')).toBe(`W/"${build_id}-${fnv1a64(version!).slice(0, 8)}-${fnv1a64(url)}"`)
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
  })

  it('changes the tag with the Worker version, so a code-only deploy is not answered 304 from old tags', async () => {
    const versioned = (id: string, init?: RequestInit) =>
      worker.fetch(new Request('http://verbatim.test/api/stats', init), {
        ...env,
        CF_VERSION_METADATA: { id, tag: '', timestamp: '2026-01-01T00:00:00Z' },
      })
    const old = (await versioned('version-1')).headers.get('etag')!
    const deployed = (await versioned('version-2')).headers.get('etag')!
    expect(deployed).not.toBe(old)
    // The same data: only the version part differs.
    expect(deployed.replace(/-[0-9a-f]{8}-/, '-')).toBe(old.replace(/-[0-9a-f]{8}-/, '-'))
    expect((await versioned('version-1', { headers: { 'if-none-match': old } })).status).toBe(304)
    expect((await versioned('version-2', { headers: { 'if-none-match': old } })).status).toBe(200)
  })

  it('answers 304 without a body to a matching If-None-Match, and 200 otherwise', async () => {
    for (const path of ['/api/search?q=revenge', '/api/stats', '/api/speakers/ali-khamenei', '/api/suggest?q=rev', '/api/openapi.json']) {
      const first = await call(path)
      const etag = first.res.headers.get('etag')
      expect(etag).toMatch(/^W\/"[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{16}"$/)
      const again = await call(path, { headers: { 'if-none-match': etag! } })
      expect(again.res.status).toBe(304)
      expect(again.body).toBe('')
      expect(again.res.headers.get('etag')).toBe(etag)
      expect(again.res.headers.get('cache-control')).toBe('public, max-age=300')
      expect((await call(path, { headers: { 'if-none-match': `"other", ${etag!.replace('W/', '')}` } })).res.status).toBe(304)
      expect((await call(path, { headers: { 'if-none-match': '"something-else"' } })).res.status).toBe(200)
    }
  })

  it('answers If-None-Match: * with 304 only where there is something to match: a 404 or 400 stays one', async () => {
    const star = { headers: { 'if-none-match': '*' } }
    const found = await call('/api/stats', star)
    expect(found.res.status).toBe(304)
    expect(found.body).toBe('')
    expect(found.res.headers.get('etag')).toMatch(/^W\//)
    const missing = await call('/api/quotes/nope', star)
    expect(missing.res.status).toBe(404)
    expect(missing.type).toBe('application/problem+json; charset=utf-8')
    expect((await call('/api/search?limit=500', star)).res.status).toBe(400)
  })

  it('gives every URL its own tag', async () => {
    const a = (await call('/api/search?q=revenge')).res.headers.get('etag')
    const b = (await call('/api/search?q=revenge&page=2')).res.headers.get('etag')
    expect(a).not.toBe(b)
  })

  it('never caches errors, random quotes or POSTs', async () => {
    const bad = await call('/api/search?limit=0')
    expect(bad.res.status).toBe(400)
    expect(bad.res.headers.get('etag')).toBeNull()
    const random = await call('/api/random')
    expect(random.res.headers.get('etag')).toBeNull()
    expect(random.res.headers.get('cache-control')).toBe('no-store')
    expect((await call('/api/random', { headers: { 'if-none-match': '*' } })).res.status).toBe(200)
    const posted = await call('/api/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"revenge"}',
    })
    expect(posted.res.status).toBe(200)
    expect(posted.res.headers.get('etag')).toBeNull()
  })

  it('compares tags weakly and hashes deterministically', () => {
    expect(matchesEtag('W/"a-b"', '"a-b"')).toBe(true)
    expect(matchesEtag('"x", "a-b"', 'W/"a-b"')).toBe(true)
    expect(matchesEtag('*', 'W/"a-b"')).toBe(true)
    expect(matchesEtag('"a-c"', 'W/"a-b"')).toBe(false)
    expect(matchesEtag(undefined, 'W/"a-b"')).toBe(false)
    expect(fnv1a64('')).toBe('cbf29ce484222325')
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c')
    expect(fnv1a64('foobar')).toBe('85944171f73967e8')
  })

  it('hashes the UTF-8 bytes of non-ASCII text (as quote ids are made), not UTF-16 code units', () => {
    // Expected values from FNV-1a over the UTF-8 encoding, computed outside this code (Python).
    expect(fnv1a64('é')).toBe('0ac21707b7181e01')
    expect(fnv1a64('Es’haq')).toBe('86ed13f73ab21308')
  })
})

describe('CORS on /api', () => {
  it('lets any origin read GET answers, including 304s', async () => {
    const { res } = await call('/api/search?q=revenge', { headers: { origin: 'https://example.org' } })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const etag = res.headers.get('etag')!
    const again = await call('/api/search?q=revenge', { headers: { origin: 'https://example.org', 'if-none-match': etag } })
    expect(again.res.status).toBe(304)
    expect(again.res.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('answers a preflight for GET, and for a JSON POST (the misquote checker)', async () => {
    const { res } = await call('/api/search?q=revenge', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,OPTIONS')
    const post = await call('/api/verify', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(post.res.status).toBe(204)
    expect(post.res.headers.get('access-control-allow-headers')?.toLowerCase()).toBe('content-type')
    const verified = await call('/api/verify', {
      method: 'POST',
      headers: { origin: 'https://example.org', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Revenge will be taken' }),
    })
    expect(verified.res.status).toBe(200)
    expect(verified.res.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('leaves HTML pages without CORS headers', async () => {
    const { res } = await call('/', { headers: { origin: 'https://example.org' } })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('methods on /api', () => {
  it.each([
    ['POST', '/api/search?q=revenge', 'GET, HEAD'],
    ['DELETE', '/api/quotes/ec1e7e44fddd', 'GET, HEAD'],
    ['PUT', '/api/speakers/ali-khamenei', 'GET, HEAD'],
    ['GET', '/api/verify', 'POST'],
  ])('answers %s %s with 405 problem+json and Allow: %s, not 404', async (method, path, allow) => {
    const { res, type, body } = await call(path, { method })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe(allow)
    expect(type).toBe('application/problem+json; charset=utf-8')
    expect(body).toMatchObject({ status: 405, title: 'Method Not Allowed' })
  })

  it('still answers 404 for paths that do not exist under any method', async () => {
    for (const path of ['/api/nope', '/api/quotes/', '/api/quotes/a/b']) {
      const { res } = await call(path, { method: 'POST' })
      expect(res.status, path).toBe(404)
      expect(res.headers.get('allow')).toBeNull()
    }
  })
})
