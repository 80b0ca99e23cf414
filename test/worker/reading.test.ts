/**
 * GET /api/search says how it read the query: `match`, `corrected`, `common_words`, and for each result
 * `matched_in` with a highlighted context snippet. Runs on both backends.
 */
import { describe, expect, it } from 'vitest'
import { call, fold } from './helpers'

async function search(q: string, extra = '') {
  const { res, body } = await call(`/api/search?q=${encodeURIComponent(q)}&limit=100${extra}`)
  expect(res.status).toBe(200)
  return body
}

describe('GET /api/search: how the query was read', () => {
  it('says match "all" when a quote has every word', async () => {
    const body = await search('revenge taken')
    expect(body.match).toBe('all')
    expect(body.corrected).toEqual([])
  })

  it('says match "any" when no quote has every word, and still lists quotes with some of them', async () => {
    const body = await search('revenge xylophone')
    expect(body.match).toBe('any')
    expect(body.total).toBeGreaterThan(0)
    expect(fold(body.results[0].text)).toContain('revenge')
  })

  it('names the word searched instead of a misspelt one, only when the typo decided the results', async () => {
    expect((await search('revnge')).corrected).toEqual([{ typed: 'revnge', searched: 'revenge' }])
    expect((await search('revenge')).corrected).toEqual([])
  })

  it('lists the very common words that did not decide the match, and they change nothing', async () => {
    const withCommon = await search('the revenge of')
    const without = await search('revenge')
    expect(withCommon.common_words.sort()).toEqual(['of', 'the'])
    expect(withCommon.total).toBe(without.total)
    expect(without.common_words).toEqual([])
  })

  it('never highlights a very common word alone', async () => {
    const body = await search('the revenge')
    const top = body.results.find((r: { text: string }) => r.text.startsWith('Of course, revenge'))
    expect(top.highlight).toContain('<mark>revenge</mark>')
    expect(top.highlight).not.toMatch(/<mark>the<\/mark>/i)
  })

  it('marks a result found by its context as such, with the matched words marked in a context snippet', async () => {
    const body = await search('parliament')
    expect(body.total).toBeGreaterThan(0)
    for (const r of body.results) {
      expect(r.matched_in).toBe('context')
      expect(r.context).toMatch(/<mark>parliament<\/mark>/i)
      // HTML-escaped apart from the marks.
      expect(r.context.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
    }
  })

  it('gives a quote matched in its own words matched_in "text" and no context snippet', async () => {
    const body = await search('revenge')
    const own = body.results.filter((r: { matched_in: string }) => r.matched_in === 'text')
    expect(own.length).toBeGreaterThan(1)
    for (const r of own) {
      expect(fold(r.text)).toContain('revenge')
      expect(r.context).toBeNull()
    }
  })

  it('counts context matches in the total and the facets', async () => {
    const body = await search('parliament')
    const counted = body.facets.kind.reduce((n: number, f: { count: number }) => n + f.count, 0)
    expect(counted).toBe(body.total)
  })
})

describe('GET / says how the query was read', () => {
  it('shows the word searched instead of a misspelt one', async () => {
    const { body } = await call('/?q=revnge')
    expect(body).toContain('Showing results for <strong>revenge</strong>')
  })

  it('says when no quote has all the words', async () => {
    const { body } = await call('/?q=revenge+xylophone')
    expect(body).toContain('No quote has all the words; showing quotes with any of them.')
  })

  it('says which very common words did not count, and says nothing for a plain query', async () => {
    expect((await call('/?q=the+revenge')).body).toContain('Very common words (the) did not decide which quotes match.')
    expect((await call('/?q=revenge')).body).not.toContain('class="notices"')
  })

  it('shows the article text that matched for a quote found by its context', async () => {
    const { body } = await call('/?q=parliament')
    expect(body).toContain('Found in the article around it:')
    expect(body).toMatch(/<mark>parliament<\/mark>/i)
  })
})

describe('GET / filters you can see', () => {
  it('offers each year with its count, as a link that filters to that year', async () => {
    const { body: api } = await call('/api/search?q=')
    const year = api.facets.year[0]
    expect(year).toBeDefined()
    const { body } = await call('/')
    expect(body).toContain(`<a href="/?from=${year.value}-01-01&amp;to=${year.value}-12-31">${year.value} (${year.count})</a>`)
  })

  it('counts each kind beside its option', async () => {
    const { body: api } = await call('/api/search?q=revenge')
    const quotations = api.facets.kind.find((k: { value: string }) => k.value === 'quotation')
    const { body } = await call('/?q=revenge')
    expect(body).toContain(`>Quotations (${quotations.count})</option>`)
  })

  it('shows the filters in force as chips that remove them, and one to clear them all', async () => {
    const { body } = await call('/?q=revenge&speaker=ali-khamenei&kind=quotation')
    expect(body).toContain('<a href="/?q=revenge&amp;kind=quotation" aria-label="Remove filter Speaker: Ali Khamenei">')
    expect(body).toContain('<a href="/?q=revenge&amp;speaker=ali-khamenei" aria-label="Remove filter Kind: quotations">')
    expect(body).toContain('<a class="clear" href="/?q=revenge">Clear all filters</a>')
    expect((await call('/?q=revenge')).body).not.toContain('active-filters')
  })
})
