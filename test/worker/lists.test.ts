/**
 * Paging on every list answer (/api/speakers, /api/sources, /api/speakers/:id) and the pages /speakers, /sources,
 * /verify and the favicon. Runs on both backends.
 */
import { describe, expect, it } from 'vitest'
import { call } from './helpers'

/** Follows `next` from a first URL and returns every page's items. */
async function allPages<T>(first: string, key: string): Promise<T[][]> {
  const pages: T[][] = []
  let url: string | null = first
  while (url) {
    const { res, body } = await call(url.replace('http://verbatim.test', ''))
    expect(res.status).toBe(200)
    pages.push(body[key])
    url = body.next
    expect(pages.length).toBeLessThan(50)
  }
  return pages
}

describe('paging on list answers', () => {
  it('/api/speakers pages through every speaker once, with total and next', async () => {
    const whole = (await call('/api/speakers?limit=200')).body
    expect(whole.total).toBe(whole.speakers.length)
    expect(whole.total).toBeGreaterThan(3)
    expect(whole.next).toBeNull()
    const first = (await call('/api/speakers?limit=2')).body
    expect(first).toMatchObject({ page: 1, limit: 2, total: whole.total })
    expect(first.speakers).toHaveLength(2)
    expect(first.next).toContain('page=2')
    const pages = await allPages<{ id: string }>('/api/speakers?limit=2', 'speakers')
    expect(pages.flat().map((s) => s.id)).toEqual(whole.speakers.map((s: { id: string }) => s.id))
  })

  it('/api/speakers filters by the start of a name word and sorts by quote count', async () => {
    const found = (await call('/api/speakers?q=khame')).body
    expect(found.speakers.map((s: { id: string }) => s.id)).toContain('ali-khamenei')
    expect(found.total).toBe(found.speakers.length)
    expect((await call('/api/speakers?q=KHAMENEÍ')).body.speakers.map((s: { id: string }) => s.id)).toContain('ali-khamenei')
    expect((await call('/api/speakers?q=zzzzqx')).body).toMatchObject({ total: 0, speakers: [], next: null })
    const counts = (await call('/api/speakers?sort=quotes')).body.speakers.map((s: { quote_count: number }) => s.quote_count)
    expect(counts.length).toBeGreaterThan(3)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
  })

  it('/api/sources pages through every source once, and sorts newest first on request', async () => {
    const stats = (await call('/api/stats')).body
    const pages = await allPages<{ id: string; published: string | null }>('/api/sources?limit=2', 'sources')
    expect(pages.length).toBe(Math.ceil(stats.sources / 2))
    expect(new Set(pages.flat().map((s) => s.id)).size).toBe(stats.sources)
    const dates: string[] = (await call('/api/sources?sort=-date')).body.sources.map((s: { published: string | null }) => s.published ?? '')
    // Newest first, undated last: the list is its own descending sort ('' sorts after every date that way).
    expect(dates.filter(Boolean).length).toBeGreaterThan(0)
    expect(dates.includes('')).toBe(true)
    expect([...dates].sort((a, b) => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : a < b ? 1 : -1))).toEqual(dates)
    expect(dates[0]).not.toBe('')
  })

  it('/api/speakers/:id pages the speaker’s quotes newest first; quote_count counts them all', async () => {
    const whole = (await call('/api/speakers/ali-khamenei?limit=100')).body
    expect(whole.quote_count).toBe(whole.quotes.length)
    expect(whole.quote_count).toBeGreaterThan(1)
    const first = (await call('/api/speakers/ali-khamenei?limit=1')).body
    expect(first).toMatchObject({ quote_count: whole.quote_count, total: whole.quote_count, page: 1, limit: 1 })
    expect(first.quotes).toHaveLength(1)
    const pages = await allPages<{ id: string }>('/api/speakers/ali-khamenei?limit=1', 'quotes')
    expect(pages.flat().map((q) => q.id)).toEqual(whole.quotes.map((q: { id: string }) => q.id))
  })

  it.each([
    '/api/speakers?limit=0',
    '/api/speakers?limit=500',
    '/api/sources?page=0',
    '/api/speakers/ali-khamenei?limit=101',
    '/api/sources?sort=size',
  ])('answers %s with a 400 problem', async (path) => {
    const { res, type, body } = await call(path)
    expect(res.status).toBe(400)
    expect(type).toContain('application/problem+json')
    expect(body.errors.length).toBeGreaterThan(0)
  })
})

describe('the /speakers, /sources and /verify pages', () => {
  it('/speakers lists speakers with their quote counts and filters by name', async () => {
    const { res, body } = await call('/speakers')
    expect(res.status).toBe(200)
    expect(body).toMatch(/<a href="\/speakers\/ali-khamenei">Ali Khamenei<\/a><span class="count">\d+ quotes?<\/span>/)
    const filtered = (await call('/speakers?q=vaezi')).body
    expect(filtered).toContain('href="/speakers/mahmoud-vaezi"')
    expect(filtered).not.toContain('href="/speakers/ali-khamenei"')
    expect((await call('/speakers?q=zzzzqx')).body).toContain('No speaker’s name matches “zzzzqx”.')
  })

  it('/sources shows each source’s title, outlet, date and quote count, newest first', async () => {
    const { res, body } = await call('/sources')
    expect(res.status).toBe(200)
    const rows = body.match(/<tr><td><a href="\/sources\/[^"]+">/g) ?? []
    expect(rows.length).toBe((await call('/api/stats')).body.sources)
    expect(body).toContain('<th scope="col">Outlet</th>')
  })

  it('/verify checks a quote from the URL, shows the verdict, the diff and a misattribution', async () => {
    const text = encodeURIComponent('Revenge will be taken against those who ordered it')
    const { res, body } = await call(`/verify?text=${text}&speaker=Javani`)
    expect(res.status).toBe(200)
    expect(body).toContain('Printed with small changes')
    expect(body).toContain('Misattributed: these words are printed as said by Ali Khamenei')
    expect(body).toContain('<ins>against</ins>')
    expect(body).toContain('<del>on</del>')
    expect(body).toMatch(/href="\/sources\/000_dc3024988c42d035#q-/)
  })

  it('/verify without a quote shows the form only, and refuses an over-long one with a 400 page', async () => {
    const empty = await call('/verify')
    expect(empty.res.status).toBe(200)
    expect(empty.body).toContain('<textarea id="verify-text" name="text"')
    expect(empty.body).not.toContain('verdict-heading')
    const long = await call(`/verify?text=${'word%20'.repeat(300)}`)
    expect(long.res.status).toBe(400)
    expect(long.body).toContain('The quote must be at most 250 words.')
  })

  it('serves a favicon at /favicon.ico and /favicon.svg, linked from every page', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const { res, body } = await call(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('image/svg+xml')
      expect(body).toContain('<svg')
    }
    expect((await call('/')).body).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>')
  })
})
