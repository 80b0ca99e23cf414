import { describe, expect, it } from 'vitest'
import { call, fold } from './helpers'

describe('GET /api/search', () => {
  it('finds the revenge quote, linked to both sources that print it', async () => {
    const { res, body } = await call('/api/search?q=revenge')
    expect(res.status).toBe(200)
    const top = body.results[0]
    expect(top.text).toContain('revenge will be taken on those who ordered it')
    expect(top.speaker).toEqual({ id: 'ali-khamenei', name: 'Ali Khamenei' })
    expect(top.sources.map((s: { id: string }) => s.id).sort()).toEqual(['000_dc3024988c42d035', '003_b0004d0eae77d0dc'])
    expect(top.highlight).toContain('<mark>revenge</mark>')
    expect(body).toMatchObject({ query: 'revenge', page: 1, limit: 20 })
    expect(body.total).toBeGreaterThanOrEqual(1)
  })

  it('matches a typo and a prefix', async () => {
    const typo = await call('/api/search?q=revnge')
    expect(typo.body.results[0].text).toContain('revenge will be taken')
    const prefix = await call('/api/search?q=murder')
    expect(prefix.body.results.some((r: { text: string }) => r.text.includes('the murderers'))).toBe(true)
  })

  it('highlights are the quote text, HTML-escaped, with <mark> around the query words and nothing else', async () => {
    // The sample corpus has no tags (quotes full of them: test/worker/hostile.test.ts, and markedHtml in
    // test/worker-d1/d1.test.ts), but a straight apostrophe: "Khamenei)'s guidance" may come back as &#39;.
    const { body } = await call('/api/search?q=Americans&limit=100')
    expect(body.results.some((r: { text: string }) => r.text.includes("'"))).toBe(true)
    for (const r of body.results as { text: string; highlight: string; matched_in: string; context: string | null }[]) {
      const stripped = r.highlight.replace(/<\/?mark>/g, '')
      expect(stripped).not.toMatch(/[<>]|&(?!(lt|gt|quot|#39|amp);)/)
      const decoded = stripped.replace(
        /&(lt|gt|quot|#39|amp);/g,
        (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] as string,
      )
      expect(decoded).toBe(r.text)
      // A quote found by its context has the word marked in its context snippet instead.
      const html = r.matched_in === 'text' ? r.highlight : (r.context ?? '')
      const marked = [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => fold(m[1] as string))
      expect(marked.length, html).toBeGreaterThan(0)
      for (const word of marked) expect(word, r.highlight).toMatch(/^america/)
    }
  })

  it('lists quotes newest first for an empty query, and filters by speaker, source, kind and dates', async () => {
    const all = await call('/api/search?limit=100')
    const dates = all.body.results.map((r: { date: string | null }) => r.date).filter(Boolean)
    expect(dates).toEqual([...dates].sort().reverse())
    const bySpeaker = await call('/api/search?speaker=ali-khamenei&limit=100')
    expect(bySpeaker.body.total).toBeGreaterThan(0)
    for (const r of bySpeaker.body.results) expect(r.speaker.id).toBe('ali-khamenei')
    // Each filter answers exactly the quotes of the unfiltered list that pass it: some, not all.
    expect(all.body.total).toBe(all.body.results.length)
    const only = async (query: string, keep: (r: any) => boolean) => {
      const filtered = await call(`/api/search?${query}&limit=100`)
      const expected = all.body.results.filter(keep).map((r: { id: string }) => r.id)
      expect(expected.length, query).toBeGreaterThan(0)
      expect(expected.length, query).toBeLessThan(all.body.total)
      expect(filtered.body.results.map((r: { id: string }) => r.id).sort(), query).toEqual(expected.sort())
    }
    await only('source=001_a7c6a165304438c7', (r) => r.sources.some((s: { id: string }) => s.id === '001_a7c6a165304438c7'))
    await only('kind=fragment', (r) => r.kind === 'fragment')
    const ranged = await call('/api/search?from=2019-01-01&to=2019-12-31&limit=100')
    expect(ranged.body.total).toBeGreaterThan(0)
    for (const r of ranged.body.results) expect(r.date >= '2019-01-01' && r.date <= '2019-12-31').toBe(true)
  })

  it('pages through results without overlap', async () => {
    const one = await call('/api/search?limit=5&page=1')
    const two = await call('/api/search?limit=5&page=2')
    expect(one.body.results).toHaveLength(5)
    const ids = new Set(one.body.results.map((r: { id: string }) => r.id))
    expect(two.body.results).toHaveLength(5)
    for (const r of two.body.results) expect(ids.has(r.id)).toBe(false)
    // Together, the first ten of the same order.
    const ten = await call('/api/search?limit=10')
    expect([...one.body.results, ...two.body.results].map((r: { id: string }) => r.id)).toEqual(
      ten.body.results.map((r: { id: string }) => r.id),
    )
    expect(two.body.total).toBe(one.body.total)
  })

  it.each([
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['from=2020-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['from=2020-02-30', 'from'],
    [`q=${'a'.repeat(201)}`, 'q'],
    ['kind=poem', 'kind'],
  ])('rejects %s with a 400 problem', async (query, parameter) => {
    const { res, body, type } = await call(`/api/search?${query}`)
    expect(res.status).toBe(400)
    expect(type).toContain('application/problem+json')
    expect(body).toMatchObject({ status: 400, title: 'Bad Request', type: expect.any(String), detail: expect.any(String) })
    expect(body.errors[0].parameter).toBe(parameter)
  })
})

describe('GET /api/quotes/:id', () => {
  it('returns every occurrence with the text as printed and its context', async () => {
    const search = await call('/api/search?q=revenge+ordered+murderers')
    const { res, body } = await call(`/api/quotes/${search.body.results[0].id}`)
    expect(res.status).toBe(200)
    expect(body.occurrences).toHaveLength(2)
    for (const o of body.occurrences) {
      expect(o.text).toContain('revenge will be taken')
      expect(o.end - o.start).toBe(o.text.length)
      expect(o.context_before.length).toBeGreaterThan(0)
      expect(o.context_after).toMatch(/said the Leader/)
      expect(o.source.title.length).toBeGreaterThan(0)
    }
  })

  it('names, for each occurrence, the words of its source that credit the speaker, and a confidence for the attribution', async () => {
    const search = await call('/api/search?q=revenge+ordered+murderers')
    const { body } = await call(`/api/quotes/${search.body.results[0].id}`)
    const mentions: string[] = []
    for (const o of body.occurrences) {
      const source = await call(`/api/sources/${o.source.id}`)
      expect(source.body.body.slice(o.speaker_mention.start, o.speaker_mention.end)).toBe(o.speaker_mention.text)
      expect(o.speaker).toEqual({ id: 'ali-khamenei', name: 'Ali Khamenei' })
      expect(o.confidence).toBeGreaterThan(0.5)
      expect(o.confidence).toBeLessThanOrEqual(1)
      mentions.push(o.speaker_mention.text)
    }
    // "…,” said the Leader of the Islamic Revolution, Ayatollah Seyed Ali Khamenei": the description or the name.
    for (const m of mentions) expect(['Ali Khamenei', 'the Leader of the Islamic Revolution']).toContain(m)
    expect(mentions).toContain('the Leader of the Islamic Revolution')
  })

  it('answers 404 problem+json for an unknown id and 400 for a malformed one', async () => {
    const missing = await call('/api/quotes/000000000000')
    expect(missing.res.status).toBe(404)
    expect(missing.type).toContain('application/problem+json')
    const bad = await call('/api/quotes/%3Cscript%3E')
    expect(bad.res.status).toBe(400)
  })
})

describe('GET /api/sources', () => {
  it('lists the five sample sources with metadata', async () => {
    const { body } = await call('/api/sources')
    expect(body.sources.map((s: { id: string }) => s.id)).toEqual([
      '000_dc3024988c42d035',
      '001_a7c6a165304438c7',
      '002_4271dc1177aae1a5',
      '003_b0004d0eae77d0dc',
      '004_351191b03369d72a',
    ])
    const first = body.sources.find((s: { id: string }) => s.id === '001_a7c6a165304438c7')
    expect(first).toMatchObject({ published: '2023-12-02', title: 'US Forces Must Leave Region after Soleimani’s Assassination: Iran' })
    expect(first.body).toBeUndefined()
  })

  it('keeps every quote offset true to the stored body, for the whole corpus', async () => {
    const { body: list } = await call('/api/sources')
    let checked = 0
    for (const { id } of list.sources) {
      const { body } = await call(`/api/sources/${id}`)
      let last = -1
      for (const q of body.quotes) {
        expect(body.body.slice(q.start, q.end)).toBe(q.text)
        expect(q.start).toBeGreaterThanOrEqual(last)
        last = q.start
        checked++
      }
    }
    expect(checked).toBeGreaterThan(30)
  })

  it('keeps every speaker mention true to the stored body; a quote without a speaker has no mention and confidence 0', async () => {
    const { body: list } = await call('/api/sources')
    let mentions = 0
    for (const { id } of list.sources) {
      const { body } = await call(`/api/sources/${id}`)
      for (const q of body.quotes) {
        if (q.speaker === null) {
          expect(q.speaker_mention).toBeNull()
          expect(q.confidence).toBe(0)
        } else expect(q.confidence).toBeGreaterThan(0)
        if (q.speaker_mention === null) continue
        expect(body.body.slice(q.speaker_mention.start, q.speaker_mention.end)).toBe(q.speaker_mention.text)
        mentions++
      }
    }
    expect(mentions).toBeGreaterThan(30)
  })

  it('records stripped boilerplate and answers 404 for an unknown source', async () => {
    const { body } = await call('/api/sources/001_a7c6a165304438c7')
    expect(body.body).not.toContain('Please enter your comment')
    expect(body.removed.some((r: { text: string }) => r.text === '› Subscribe')).toBe(true)
    const missing = await call('/api/sources/nope')
    expect(missing.res.status).toBe(404)
  })
})

describe('GET /api/speakers', () => {
  it('lists speakers with quote counts and shows one with their quotes', async () => {
    const { body } = await call('/api/speakers')
    const khamenei = body.speakers.find((s: { id: string }) => s.id === 'ali-khamenei')
    expect(khamenei.quote_count).toBeGreaterThan(0)
    const one = await call('/api/speakers/ali-khamenei')
    expect(one.body.name).toBe('Ali Khamenei')
    expect(one.body.quotes.length).toBe(khamenei.quote_count)
    expect((await call('/api/speakers/nobody')).res.status).toBe(404)
  })
})

describe('GET /api/stats', () => {
  it('reports counts and a build id', async () => {
    const { body } = await call('/api/stats')
    expect(body.sources).toBe(5)
    expect(body.quotes).toBeGreaterThan(30)
    expect(body.build_id).toMatch(/^[0-9a-f]{16}$/)
    expect(body.kinds.quotation + body.kinds.fragment).toBe(body.quotes)
  })
})

describe('errors', () => {
  it('answers an unknown path with a 404 problem', async () => {
    const { res, type, body } = await call('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(type).toContain('application/problem+json')
    expect(body.status).toBe(404)
  })

  it('serves the OpenAPI document', async () => {
    const { body } = await call('/api/openapi.json')
    expect(body.openapi).toBe('3.1.0')
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/search', '/api/quotes/{id}', '/api/sources/{id}', '/api/speakers/{id}', '/api/stats']),
    )
  })
})
