import { Context } from 'hono'
import { describe, expect, it, vi } from 'vitest'
import { htmlError, wantsProblemJson } from '../../src/routes/html'
import { citations, embedSnippet, formatDate, safeUrl } from '../../src/views/format'
import { HomePage } from '../../src/views/home'
import { QuotePage, SourcePage } from '../../src/views/pages'
import { call } from './helpers'

const REVENGE = 'Of course, revenge will be taken on those who ordered it and the murderers'

async function revengeId(): Promise<string> {
  const { body } = await call('/api/search?q=revenge')
  const hit = body.results.find((r: { text: string }) => r.text === REVENGE)
  expect(hit).toBeDefined()
  return hit.id
}

/** Every <script> has a src and no element carries inline handlers or style attributes: a strict CSP works. */
function expectNoInlineCode(html: string) {
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="\/[^"]*"/)
  expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/)
  expect(html).not.toMatch(/\son[a-z]+="/i)
  expect(html).not.toMatch(/\sstyle="/i)
  expect(html).not.toMatch(/<style\b/i)
}

describe('GET / (search page)', () => {
  it('serves the search form and the latest quotes, unframeable, under a strict CSP', async () => {
    const { res, body } = await call('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(body).toMatch(/^<!doctype html>/)
    expect(body).toContain('<label for="q">')
    expect(body).toContain('<main id="main"')
    expect(body).toContain('href="#main"')
    expect(body).toContain('Latest quotes')
    expectNoInlineCode(body)
  })

  it('shows highlighted matches with speaker and sources; the URL holds the query', async () => {
    const id = await revengeId()
    const { body } = await call('/?q=revenge')
    expect(body).toContain(`<a href="/quotes/${id}" class="qlink">Of course, <mark>revenge</mark> will be taken`)
    expect(body).toContain('href="/speakers/ali-khamenei"')
    expect(body).toContain(`href="/sources/000_dc3024988c42d035#q-${id}"`)
    expect(body).toContain(`href="/sources/003_b0004d0eae77d0dc#q-${id}"`)
    expect(body).toContain('value="revenge"')
  })

  it('filters by speaker and keeps the filters open and selected', async () => {
    const { body } = await call('/?q=revenge&speaker=ali-khamenei')
    expect(body.match(/class="quote"/g)).toHaveLength(1)
    expect(body).toContain('<option value="ali-khamenei" selected="">')
    expect(body).toMatch(/<details class="filters" open/)
  })

  it('selects the speaker in the list when the URL names them (as the API allows) instead of giving the id', async () => {
    const { body } = await call('/?q=revenge&speaker=Ali%20Khamenei')
    expect(body.match(/class="quote"/g)).toHaveLength(1)
    // Otherwise the list shows "Any speaker" while the filter applies, and the next submit drops it.
    expect(body).toContain('<option value="ali-khamenei" selected="">')
    expect(body).not.toContain('<option value="" selected="">Any speaker')
  })

  it('paginates with links that keep the query', async () => {
    const total = (await call('/api/search?limit=1')).body.total as number
    expect(total).toBeGreaterThan(10)
    const pages = Math.ceil(total / 10)
    const { body } = await call('/?page=2&kind=quotation')
    const quotations = (await call('/api/search?kind=quotation&limit=1')).body.total as number
    expect(body).toContain(`${quotations} quotes, page 2 of ${Math.ceil(quotations / 10)}`)
    expect(body).toContain('href="/?kind=quotation" rel="prev"')
    const first = await call('/')
    expect(first.body).toContain(`page 1 of ${pages}`)
    expect(first.body).toContain('href="/?page=2" rel="next"')
  })

  it('says so when the page is past the last one', async () => {
    const { res, body } = await call('/?q=revenge&page=50')
    expect(res.status).toBe(200)
    expect(body).toContain('This page is past the last one. <a href="/?q=revenge">Back to the first page</a>')
  })

  it('answers bad parameters with the form and a readable message, status 400', async () => {
    const { res, body } = await call('/?from=2020-13-45')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(body).toContain('role="alert"')
    expect(body).toContain('from:')
  })

  it('escapes the query wherever it is shown', async () => {
    const { body } = await call(`/?q=${encodeURIComponent('"><script>alert(1)</script>')}`)
    expect(body).not.toContain('<script>alert(1)')
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})

describe('GET /quotes/:id', () => {
  it('shows the quote, every occurrence in context with its source anchor, citations, embed code and oEmbed discovery', async () => {
    const id = await revengeId()
    const { res, body } = await call(`/quotes/${id}`)
    expect(res.status).toBe(200)
    expect(body).toContain(`<p>${REVENGE}</p>`)
    expect(body).toContain(`href="/sources/000_dc3024988c42d035#q-${id}"`)
    expect(body).toContain(`href="/sources/003_b0004d0eae77d0dc#q-${id}"`)
    expect(body.match(/<mark>Of course, revenge will be taken/g)).toHaveLength(2)
    const oembed = `http://verbatim.test/oembed?url=${encodeURIComponent(`http://verbatim.test/quotes/${id}`)}&amp;format=json`
    expect(body).toContain(`<link rel="alternate" type="application/json+oembed" href="${oembed}"`)
    expect(body).toContain('id="cite-plain"')
    expect(body).toContain('id="cite-markdown"')
    expect(body).toContain('id="cite-apa"')
    // The snippet is shown as text inside a textarea, escaped once.
    expect(body).toContain(`&lt;blockquote class=&quot;verbatim-quote&quot; data-quote-id=&quot;${id}&quot;&gt;`)
    expect(body).toContain('&lt;script async src=&quot;http://verbatim.test/embed.js&quot;')
    expectNoInlineCode(body)
  })

  it('says who each source credits, in the words it uses, and flags an attribution below 0.85 confidence as uncertain', async () => {
    const id = await revengeId()
    const { body } = await call(`/quotes/${id}`)
    const quote = await call(`/api/quotes/${id}`)
    const described = quote.body.occurrences.find(
      (o: { speaker_mention: { text: string } | null }) => o.speaker_mention?.text !== 'Ali Khamenei',
    )
    expect(described.speaker_mention.text).toBe('the Leader of the Islamic Revolution')
    expect(body).toContain('Speaker: <a href="/speakers/ali-khamenei">Ali Khamenei</a>, named as “the Leader of the Islamic Revolution”')
    // …and the context shows those words where the source prints them.
    expect(body).toContain('” said <span class="named" title="the words naming the speaker">the Leader of the Islamic Revolution</span>')
    const uncertain = quote.body.occurrences.filter((o: { confidence: number }) => o.confidence < 0.85).length
    expect(body.match(/uncertain attribution \(confidence 0\.\d\d\)/g) ?? []).toHaveLength(uncertain)
  })

  it('answers an unknown id with the HTML 404 page, or problem+json to a JSON client', async () => {
    const html = await call('/quotes/nope')
    expect(html.res.status).toBe(404)
    expect(html.type).toMatch(/^text\/html/)
    expect(html.body).toContain('No quote has the id')
    const json = await call('/quotes/nope', { headers: { accept: 'application/json' } })
    expect(json.res.status).toBe(404)
    expect(json.type).toBe('application/problem+json; charset=utf-8')
    expect(json.body.status).toBe(404)
  })
})

describe('GET /sources/:id', () => {
  it('highlights every quotation at its exact offsets and links it to its quote page', async () => {
    const id = '003_b0004d0eae77d0dc'
    const api = (await call(`/api/sources/${id}`)).body
    const { body } = await call(`/sources/${id}`)
    const links = [...body.matchAll(/<a class="q" id="(q-[^"]+)" href="\/quotes\/([^"]+)" data-quote-id="[^"]+"[^>]*>([^<]*)<\/a>/g)]
    expect(links.map((m) => m[2])).toEqual(api.quotes.map((q: { id: string }) => q.id))
    const decodeEntities = (s: string) =>
      s
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
    expect(links.map((m) => decodeEntities(m[3] as string))).toEqual(
      api.quotes.map((q: { start: number; end: number }) => api.body.slice(q.start, q.end)),
    )
    expect(body).toContain('Creative Commons Attribution 4.0 International License')
  })

  it('answers 404 for an unknown source', async () => {
    const { res, body } = await call('/sources/999_nope')
    expect(res.status).toBe(404)
    expect(body).toContain('No source has the id')
  })
})

describe('GET /speakers/:id', () => {
  it('shows the speaker, roles, aliases and quotes', async () => {
    const { res, body } = await call('/speakers/ali-khamenei')
    expect(res.status).toBe(200)
    expect(body).toContain('<h1>Ali Khamenei</h1>')
    expect(body).toContain('Supreme Leader')
    expect(body).toContain('Ayatollah Khamenei')
    expect(body).toContain(REVENGE)
    expect(body).toContain('href="https://www.wikidata.org/wiki/Q57336"')
  })
})

describe('errors and assets', () => {
  it('serves an HTML 404 for pages and problem+json under /api', async () => {
    const page = await call('/no/such/page')
    expect(page.res.status).toBe(404)
    expect(page.type).toMatch(/^text\/html/)
    expect(page.body).toContain('Page not found')
    expect(page.res.headers.get('x-frame-options')).toBe('DENY')
    const api = await call('/api/nope', { headers: { accept: 'text/html' } })
    expect(api.res.status).toBe(404)
    expect(api.type).toBe('application/problem+json; charset=utf-8')
  })

  it('renders an unexpected error as a 500 page without internals', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = htmlError(new Error('secret stack detail'), new Context(new Request('http://verbatim.test/quotes/x')))
    quiet.mockRestore()
    expect(res.status).toBe(500)
    const body = await res.text()
    expect(body).toContain('Something went wrong')
    expect(body).not.toContain('secret stack detail')
  })

  it('chooses problem+json for /api, /oembed and JSON clients, HTML for browsers', () => {
    const ctx = (path: string, accept?: string) =>
      new Context(new Request(`http://verbatim.test${path}`, accept ? { headers: { accept } } : undefined))
    expect(wantsProblemJson(ctx('/api/x', 'text/html'))).toBe(true)
    expect(wantsProblemJson(ctx('/oembed'))).toBe(true)
    expect(wantsProblemJson(ctx('/x', 'application/json'))).toBe(true)
    expect(wantsProblemJson(ctx('/x', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'))).toBe(false)
    expect(wantsProblemJson(ctx('/x'))).toBe(false)
  })

  it('serves the stylesheet and script with their types', async () => {
    const css = await call('/assets/app.css')
    expect(css.type).toBe('text/css; charset=utf-8')
    expect(css.body).toContain('prefers-color-scheme:dark')
    const js = await call('/assets/app.js')
    expect(js.type).toBe('text/javascript; charset=utf-8')
    expect(js.body).toContain('/api/suggest?q=')
  })
})

describe('view helpers', () => {
  it('formats dates and only lets http(s) URLs become links', () => {
    expect(formatDate('2020-01-08')).toBe('8 January 2020')
    expect(formatDate('soon')).toBe('soon')
    expect(safeUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1')
    expect(safeUrl('javascript:alert(1)')).toBeNull()
    expect(safeUrl('data:text/html,hi')).toBeNull()
    expect(safeUrl('/relative')).toBeNull()
    expect(safeUrl(null)).toBeNull()
  })

  it('never cites a title cut short: the outlet and the publication date say where', () => {
    const base = { text: 'We act', speaker: 'A Speaker', date: null, pageUrl: 'https://v.example/quotes/abc' }
    const cut = citations({
      ...base,
      source: { title: 'A senior general said that the region but…', outlet: 'Mehr', url: null, published: '2020-01-08' },
    })
    expect(cut.apa).toContain('Quoted in Mehr, 8 January 2020.')
    expect(cut.apa).not.toContain('region but')
    const bare = citations({ ...base, source: { title: 'Cut short…', outlet: null, url: null, published: null } })
    expect(bare.apa).toContain('Quoted in an article.')
  })

  it('builds plain, Markdown and APA-like citations', () => {
    const c = citations({
      text: 'We *will* act',
      speaker: 'A Speaker',
      date: '2020-01-08',
      source: { title: 'A headline', outlet: 'An Outlet', url: 'https://news.example/a' },
      pageUrl: 'https://v.example/quotes/abc',
    })
    expect(c.plain).toBe('“We *will* act” — A Speaker, 8 January 2020. https://v.example/quotes/abc')
    expect(c.markdown).toBe('> We \\*will\\* act\n>\n> — A Speaker, 8 January 2020 ([verbatim](https://v.example/quotes/abc))')
    expect(c.apa).toBe(
      'A Speaker. (2020, January 8). “We *will* act” [Quotation]. Quoted in A headline. An Outlet. https://news.example/a Retrieved from https://v.example/quotes/abc',
    )
  })

  it('escapes corpus text in the embed snippet', () => {
    const s = embedSnippet('https://v.example', { id: 'abc', text: '<img src=x onerror=alert(1)>', speaker: 'A "B"', date: null })
    expect(s).toContain('<p>&lt;img src=x onerror=alert(1)&gt;</p>— A &quot;B&quot;')
    expect(s).not.toContain('<img')
  })

  it('escapes hostile corpus text and never links a javascript: URL', async () => {
    const evil = '<script>alert(1)</script>'
    const source = String(
      SourcePage({
        id: 's',
        title: evil,
        outlet: evil,
        url: 'javascript:alert(1)',
        published: null,
        license: evil,
        language: 'en',
        segments: [evil, { quoteId: 'q"><x', anchor: 'q-x', text: evil, speaker: evil }],
        quoteCount: 1,
        removedCount: 0,
      }),
    )
    expect(source).not.toContain('<script>alert')
    expect(source).not.toContain('href="javascript:')
    expect(source).toContain('href="/quotes/q%22%3E%3Cx"')
    const quote = String(
      QuotePage({
        id: 'abc',
        text: evil,
        kind: 'quotation',
        speaker: { id: 'x"y', name: evil },
        date: null,
        dateSource: 'unknown',
        occurrences: [
          {
            source: { id: 's', title: evil, outlet: evil, published: null },
            anchor: 'q-abc',
            text: evil,
            before: evil,
            after: evil,
            named: { in: 'after', start: 0, end: 8 },
            attribution: { speaker: { id: 'x"y', name: evil }, mention: evil, confidence: 0.5 },
          },
        ],
        variants: [{ id: 'v', text: evil, relation: 'contains' }],
        citations: { plain: evil, markdown: evil, apa: evil },
        snippet: evil,
        oembedUrl: 'https://v.example/oembed?url=x&format=json',
        pageUrl: 'https://v.example/quotes/abc',
      }),
    )
    expect(quote).not.toContain('<script>alert')
    expect(quote).toContain('href="/speakers/x%22y"')
  })
})

describe('the search page count', () => {
  const page = (total: number, totalIsExact?: boolean) =>
    String(
      HomePage({
        form: { q: 'the', speaker: '', source: '', kind: '', from: '', to: '' },
        errors: [],
        total,
        totalIsExact,
        page: 1,
        pages: Math.ceil(total / 10),
        items: [],
        speakers: [],
        sources: [],
        pageHref: (n) => `/?q=the&page=${n}`,
        searched: true,
      }),
    )

  it('says "more than" when the backend stopped counting at its cap (D1), and the exact count otherwise', () => {
    expect(page(10_000, false)).toContain('More than 10,000 quotes, page 1 of 1,000')
    expect(page(10_000, true)).toContain('>10,000 quotes, page 1 of 1,000')
    expect(page(10_000)).not.toContain('More than')
  })
})
