import { describe, expect, it } from 'vitest'
import { call } from './helpers'

async function someIds() {
  const { body } = await call('/api/search?q=revenge')
  const hit = body.results[0]
  return { quote: hit.id as string, source: hit.sources[0].id as string, speaker: hit.speaker.id as string }
}

/** The directives of a CSP header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  expect(csp).toBeTruthy()
  return new Map(
    (csp as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name as string, values]),
  )
}

function expectStrictPage(res: Response, frameable: boolean) {
  expect(res.headers.get('content-type')).toMatch(/^text\/html/)
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
  const csp = directives(res.headers.get('content-security-policy'))
  const scripts = csp.get('script-src') ?? csp.get('default-src')
  expect(scripts).toEqual(["'self'"])
  expect(csp.get('style-src')).toEqual(["'self'"])
  expect(csp.get('object-src')).toEqual(["'none'"])
  expect(csp.get('base-uri')).toEqual(["'none'"])
  expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/)
  if (frameable) {
    expect(csp.get('frame-ancestors')).toEqual(['*'])
    expect(res.headers.get('x-frame-options')).toBeNull()
  } else {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  }
}

describe('security headers on HTML', () => {
  it('pages, HTML 404s and HTML errors are unframeable under a strict CSP', async () => {
    const ids = await someIds()
    const paths = [
      '/',
      '/?q=revenge',
      '/?from=nonsense',
      `/quotes/${ids.quote}`,
      `/sources/${ids.source}`,
      `/speakers/${ids.speaker}`,
      '/quotes/nope',
      '/no/such/page',
    ]
    for (const path of paths) {
      const { res } = await call(path)
      expectStrictPage(res, false)
    }
  })

  it('only the embed card /embed/quotes/:id may be framed, found or not; other /embed/ paths are unframeable 404s', async () => {
    const ids = await someIds()
    for (const path of [`/embed/quotes/${ids.quote}`, `/embed/quotes/${ids.quote}?theme=dark`, '/embed/quotes/nope']) {
      const { res } = await call(path)
      expectStrictPage(res, true)
    }
    // Only the card may be framed: any other path under /embed/, or one that only begins like it, is the site's 404 page.
    for (const path of ['/embed/no/such/card', '/embed/quotes', '/embeds/quotes/x']) {
      const { res } = await call(path)
      expect(res.status, path).toBe(404)
      expectStrictPage(res, false)
    }
  })
})

describe('security headers on everything else', () => {
  it('JSON, problem+json and oEmbed are nosniff and may not be framed or load anything', async () => {
    const ids = await someIds()
    const paths = [
      '/api/search?q=revenge',
      '/api/search?limit=-1',
      `/api/quotes/${ids.quote}`,
      '/api/quotes/nope',
      '/api/stats',
      '/api/openapi.json',
      '/api/nothing-here',
      `/oembed?url=${encodeURIComponent(`http://verbatim.test/quotes/${ids.quote}`)}`,
      '/oembed?url=nope',
    ]
    for (const path of paths) {
      const { res, type } = await call(path)
      expect(type, path).toMatch(/json/)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
      const csp = directives(res.headers.get('content-security-policy'))
      expect(csp.get('default-src'), path).toEqual(["'none'"])
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"])
    }
  })

  it('scripts and styles are nosniff with their exact type', async () => {
    for (const [path, type] of [
      ['/assets/app.js', 'text/javascript'],
      ['/assets/card.js', 'text/javascript'],
      ['/embed.js', 'text/javascript'],
      ['/assets/app.css', 'text/css'],
      ['/assets/card.css', 'text/css'],
    ]) {
      const { res } = await call(path as string)
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('nothing sets a cookie', async () => {
    for (const path of ['/', '/api/stats', '/embed.js', '/nope']) expect((await call(path)).res.headers.get('set-cookie')).toBeNull()
  })
})
