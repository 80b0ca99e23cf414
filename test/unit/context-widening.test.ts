/**
 * When a search reads the quotes' contexts (src/search/options.ts CONTEXT_WIDEN_BELOW): only while fewer than that
 * many quotes hold the query's words in their own words. Built as the prebuild builds an article corpus: each quote is
 * a sentence of an article, and its indexed context is what src/search/context.ts quoteContext gives.
 */
import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import { shardIndex } from '../../scripts/shards'
import { loadCorpus } from '../../src/data'
import { quoteContext } from '../../src/search/context'
import { CONTEXT_WIDEN_BELOW, INDEX_SHARDS, indexOptions } from '../../src/search/options'
import { searchQuotes } from '../../src/search/search'
import type { Quote, QuoteDocument, Records, Source } from '../../src/types'

/** One article per quote: a title, the quote, and a sentence after it. */
function articleCorpus(quoteTexts: string[], titleOf: (i: number) => string, after: (i: number) => string) {
  const sources: Source[] = []
  const quotes: Quote[] = []
  quoteTexts.forEach((text, i) => {
    const body = `"${text}" said Ana Lopez. ${after(i)}`
    const id = `s${i}`
    sources.push({ id, title: titleOf(i), outlet: null, url: null, published: null, license: null, language: 'en', body, removed: [] })
    const occurrence = {
      source: id,
      start: 1,
      end: 1 + text.length,
      text,
      speaker: 'ana-lopez',
      confidence: 1,
      kind: 'quotation' as const,
      date: '2021-01-01',
      date_source: 'text' as const,
    }
    quotes.push({
      id: `q${String(i).padStart(4, '0')}`,
      text,
      kind: 'quotation',
      speaker: 'ana-lopez',
      date: '2021-01-01',
      date_source: 'text',
      occurrences: [occurrence],
      variants: [],
    })
  })
  const speakers = [{ id: 'ana-lopez', name: 'Ana Lopez', aliases: [], roles: [], qid: null }]
  const records: Records = {
    build_id: 'test',
    built_from: { sources: sources.length, quotes: quotes.length, speakers: 1 },
    sources,
    quotes,
    speakers,
  }
  const byId = new Map(sources.map((s) => [s.id, s]))
  const index = new MiniSearch<QuoteDocument>(indexOptions)
  index.addAll(quotes.map((q) => ({ id: q.id, text: q.text, speaker: 'Ana Lopez', context: quoteContext(q, (id) => byId.get(id)) })))
  return loadCorpus(records, shardIndex(index.toJSON(), INDEX_SHARDS))
}

/** `own` quotes say "ferry"; `contextOnly` more never say it, but their articles' titles and sentences after them do. */
function ferries(own: number, contextOnly: number) {
  const texts = [
    ...Array.from({ length: own }, (_, i) => `The ferry number ${i} runs today.`),
    ...Array.from({ length: contextOnly }, (_, i) => `We wait at the dock number ${i}.`),
  ]
  return articleCorpus(
    texts,
    (i) => (i < own ? `Harbour news ${i}` : `Ferry strike day ${i}`),
    (i) => (i < own ? 'Boats left.' : 'The ferry did not come.'),
  )
}

const search = (corpus: ReturnType<typeof ferries>, q: string, extra = {}) =>
  searchQuotes(corpus, { q, page: 1, limit: 20, sort: 'relevance', ...extra })

describe('a search reads the quotes’ contexts only while few quotes hold its words themselves', () => {
  it('finds context-only quotes, ranked below the quotes holding the word, when fewer than CONTEXT_WIDEN_BELOW hold it', () => {
    const page = search(ferries(CONTEXT_WIDEN_BELOW - 1, 3), 'ferry', { limit: 100, page: 1 })
    expect(page.total).toBe(CONTEXT_WIDEN_BELOW + 2)
    const found = search(ferries(CONTEXT_WIDEN_BELOW - 1, 3), 'ferry', { limit: 3, page: 34 })
    expect(found.hits.map((h) => [h.quote.text, h.matchedIn])).toEqual([
      ['We wait at the dock number 0.', 'context'],
      ['We wait at the dock number 1.', 'context'],
      ['We wait at the dock number 2.', 'context'],
    ])
    expect(found.hits[0]?.context).toContain(`<mark>Ferry</mark> strike day ${CONTEXT_WIDEN_BELOW - 1}`)
  })

  it('finds only the quotes holding the word when CONTEXT_WIDEN_BELOW of them do, and the facets count only those', () => {
    const corpus = ferries(CONTEXT_WIDEN_BELOW, 3)
    const page = search(corpus, 'ferry')
    expect(page.total).toBe(CONTEXT_WIDEN_BELOW)
    expect(page.facets?.speaker).toEqual([{ value: 'ana-lopez', label: 'Ana Lopez', count: CONTEXT_WIDEN_BELOW }])
    const last = search(corpus, 'ferry', { limit: 20, page: CONTEXT_WIDEN_BELOW / 20 })
    expect(last.hits.map((h) => h.matchedIn)).toEqual(Array(20).fill('text'))
    // A word no quote holds still finds its context: "strike" is only in the titles.
    expect(search(corpus, 'strike').total).toBe(3)
  })

  it('decides on the words alone, before filters: a filter that leaves few quotes does not widen the search', () => {
    const corpus = ferries(CONTEXT_WIDEN_BELOW, 3)
    expect(search(corpus, 'ferry', { from: '2021-01-01', to: '2021-01-01' }).total).toBe(CONTEXT_WIDEN_BELOW)
    expect(search(corpus, 'ferry', { speaker: 'ana-lopez' }).total).toBe(CONTEXT_WIDEN_BELOW)
  })

  it('searches a word only the contexts hold as typed: the quotes holding a typo neighbour of it are no match', () => {
    // "ferro" is a typo away from "ferry", which CONTEXT_WIDEN_BELOW quotes hold; one article's title says "ferro".
    const corpus = articleCorpus(
      [...Array.from({ length: CONTEXT_WIDEN_BELOW }, (_, i) => `The ferry number ${i} runs today.`), 'We wait here.'],
      (i) => (i === CONTEXT_WIDEN_BELOW ? 'Ferro workers strike' : `News ${i}`),
      () => 'Boats left.',
    )
    const page = search(corpus, 'ferro')
    expect(page.hits.map((h) => [h.quote.text, h.matchedIn])).toEqual([['We wait here.', 'context']])
    expect(page.corrected).toEqual([])
  })

  it('always reads the context of a query with a "quoted phrase": the quote holds the phrase, its other words may be around it', () => {
    const corpus = ferries(CONTEXT_WIDEN_BELOW, 3)
    // "dock number 1" is in one quote's own words; "strike" only in its article's title.
    const page = search(corpus, '"dock number 1" strike')
    expect(page.hits.map((h) => [h.quote.text, h.matchedIn])).toEqual([['We wait at the dock number 1.', 'context']])
  })
})
