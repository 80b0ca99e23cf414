/**
 * The same app over the hostile fixture corpus (test/fixtures/hostile/): titles, speakers, quotes and URLs
 * full of markup, javascript: links and bidi/zero-width characters. In workerd, every HTML answer must
 * contain only the app's own elements and attributes, and JSON must carry the text exactly, with any
 * HTML inside it (highlights, oEmbed html) escaped.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { readRecords } from '../../src/records'
import type { Records } from '../../src/types'
import records from '../fixtures/generated/hostile/records.txt'
import hostile from '../fixtures/hostile.worker'

const corpus = readRecords(records)
const ORIGIN = 'http://hostile.test'

async function get(path: string) {
  const res = await hostile.fetch(new Request(`${ORIGIN}${path}`), env)
  const text = await res.text()
  return { res, text }
}

/** Elements the views render themselves; anything else in an answer came from the corpus unescaped. */
const OWN_ELEMENTS = new Set(
  'html head meta title link body header nav main footer section search article aside div span p a h1 h2 h3 h4 ol ul li dl dt dd form fieldset legend label input select option button details summary datalist output textarea blockquote cite q mark time small strong em code pre figure figcaption br hr script noscript abbr'.split(
    ' ',
  ),
)

/** Every tag in the HTML: since corpus text is escaped, each `<name` is an element the views made. */
function tags(html: string): { name: string; attrs: string }[] {
  return [...html.replace(/^<!doctype html>/i, '').matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)].map((m) => ({
    name: (m[1] as string).toLowerCase(),
    attrs: m[2] as string,
  }))
}

/** Attribute names and values of one tag. */
function attributes(attrs: string): [string, string][] {
  return [...attrs.matchAll(/([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)].map((m) => [
    (m[1] as string).toLowerCase(),
    (m[2] ?? '').replace(/^["']|["']$/g, ''),
  ])
}

function expectOnlyOwnMarkup(html: string, where: string) {
  for (const { name, attrs } of tags(html)) {
    const tag = `${where}: <${name}${attrs}>`
    expect(OWN_ELEMENTS.has(name), tag).toBe(true)
    for (const [attr, value] of attributes(attrs)) {
      expect(attr, tag).not.toMatch(/^on/)
      expect(attr, tag).not.toMatch(/^(style|srcdoc|formaction)$/)
      if (attr === 'href' || attr === 'src' || attr === 'action') expect(value, tag).toMatch(/^(\/|#|https?:\/\/|\?)/)
    }
    if (name === 'script') expect(attrs, tag).toMatch(/\ssrc="(\/assets\/[a-z]+\.js|https?:\/\/[^"/]+\/embed\.js)"/)
  }
  expect(html).not.toMatch(/<script\b[^>]*>[^<]/i)
}

const payloads = corpus.quotes.filter((q) => /[<>]|javascript:|\u200b|\u200d|\u202e|\u2066/.test(q.text))
const mallory = corpus.speakers.find((s) => s.name.startsWith('Mallory')) as Records['speakers'][number]
const hostileSource = corpus.sources.find((s) => s.id === 'xss-front') as Records['sources'][number]

describe('the hostile fixture', () => {
  it('really is hostile: markup in quotes, speakers, titles and URLs survives the build as text', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(5)
    expect(mallory.name).toContain('<script>')
    expect(hostileSource.title).toContain('<script>')
    expect(hostileSource.url).toContain('"><script>')
    expect(corpus.quotes.some((q) => q.text.includes('\u202e'))).toBe(true)
  })
})

describe('HTML from a hostile corpus', () => {
  it('every page type shows the markup as text and adds no element or handler of its own', async () => {
    const paths = [
      '/',
      '/?q=script',
      '/?q=img+onerror',
      `/?q=${encodeURIComponent('<script>alert(1)</script>')}`,
      `/?q=x&speaker=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`,
      ...corpus.quotes.flatMap((q) => [`/quotes/${q.id}`, `/embed/quotes/${q.id}`, `/embed/quotes/${q.id}?theme=dark`]),
      ...corpus.sources.map((s) => `/sources/${s.id}`),
      ...corpus.speakers.map((s) => `/speakers/${s.id}`),
      `/quotes/${encodeURIComponent('<script>alert(1)</script>')}`,
      `/embed/quotes/${encodeURIComponent('"><svg onload=alert(1)>')}`,
      `/${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    ]
    for (const path of paths) {
      const { res, text } = await get(path)
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/)
      expectOnlyOwnMarkup(text, path)
    }
  })

  it('the payloads are on the pages, escaped', async () => {
    const quote = payloads.find((q) => q.text.includes("<script>window.__pwned='quote'")) as Records['quotes'][number]
    const { text } = await get(`/quotes/${quote.id}`)
    expect(text).toContain('&lt;script&gt;window.__pwned=&#39;quote&#39;&lt;/script&gt;')
    const source = await get('/sources/xss-front')
    expect(source.text).toContain('&lt;/textarea&gt;&lt;img src=x onerror=')
    // The source URL is not http(s)-clean HTML: it is shown percent-encoded or escaped, never raw.
    expect(source.text).not.toContain('"><script>')
    const speaker = await get(`/speakers/${mallory.id}`)
    expect(speaker.text).toContain('Mallory &lt;script&gt;')
  })

  it('javascript: never becomes a link', async () => {
    for (const path of ['/sources/xss-front', '/sources/plain-markup', '/sources/rtl-zero-width', `/speakers/${mallory.id}`]) {
      const { text } = await get(path)
      expect(text).not.toMatch(/(href|src)="\s*javascript:/i)
      expectOnlyOwnMarkup(text, path)
    }
    // The language attribute cannot break out: the build accepts only language tags (test/unit/parse.test.ts).
    expect((await get('/sources/xss-front')).text).toMatch(/lang="en"/)
  })
})

describe('JSON from a hostile corpus', () => {
  it('carries every string exactly; highlights escape everything but <mark>', async () => {
    for (const q of corpus.quotes) {
      const { res, text } = await get(`/api/quotes/${q.id}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect((JSON.parse(text) as { text: string }).text).toBe(q.text)
    }
    for (const query of ['script', 'img onerror', 'window pwned', 'javascript', 'href', 'textarea']) {
      const { text } = await get(`/api/search?q=${encodeURIComponent(query)}`)
      const body = JSON.parse(text) as { results: { text: string; highlight: string }[] }
      expect(body.results.length, query).toBeGreaterThan(0)
      expect(
        body.results.some((r) => r.highlight.includes('<mark>')),
        query,
      ).toBe(true)
      for (const r of body.results) {
        const stripped = r.highlight.replace(/<\/?mark>/g, '')
        expect(stripped, r.highlight).not.toMatch(/[<>]/)
        const decoded = stripped.replace(
          /&(lt|gt|quot|#39|amp);/g,
          (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] as string,
        )
        expect(decoded).toBe(r.text)
      }
    }
  })

  it('oEmbed html is the snippet with the quote, speaker and ids escaped', async () => {
    for (const q of corpus.quotes) {
      const url = encodeURIComponent(`${ORIGIN}/quotes/${q.id}`)
      const { res, text } = await get(`/oembed?url=${url}&format=json`)
      expect(res.status).toBe(200)
      const body = JSON.parse(text) as { html: string; title: string; author_name?: string }
      expect(body.title).toBe(q.text.length > 100 ? `${q.text.slice(0, 99)}…` : q.text)
      const found = tags(body.html)
      expect(found.map((t) => t.name)).toEqual(['blockquote', 'p', 'a', 'script'])
      expectOnlyOwnMarkup(body.html, `oembed ${q.id}`)
      if (q.speaker === mallory.id) {
        expect(body.author_name).toBe(mallory.name)
        expect(body.html).toContain('— Mallory &lt;script&gt;')
      }
    }
  })
})
