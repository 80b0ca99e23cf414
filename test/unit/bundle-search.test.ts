import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import { shardIndex } from '../../scripts/shards'
import { loadCorpus } from '../../src/data'
import { highlightHtml, markedHtml, markTerms } from '../../src/search/context'
import { facetCounts } from '../../src/search/facets'
import { INDEX_SHARDS, indexOptions } from '../../src/search/options'
import { rarestWord, searchQuotes } from '../../src/search/search'
import { topK } from '../../src/search/top'
import type { Quote, QuoteDocument, Records } from '../../src/types'

/** A quote printed by these sources, as the build writes it. */
function quote(
  id: string,
  text: string,
  speaker: string | null,
  date: string | null,
  sources: string[],
  kind: Quote['kind'] = 'quotation',
): Quote {
  const occurrence = { start: 0, end: text.length, text, speaker, confidence: 1, kind, date, date_source: 'text' as const }
  return {
    id,
    text,
    kind,
    speaker,
    date,
    date_source: 'text',
    occurrences: sources.map((source) => ({ ...occurrence, source })),
    variants: [],
  }
}

const QUOTES = [
  quote('q1', 'The bridge is closed for a year.', 'ana-lopez', '2021-03-01', ['s1', 's2']),
  quote('q2', 'Closed is the bridge, they said.', 'ana-lopez', '2020-05-01', ['s1']),
  quote('q3', 'The bridge is closed again, and the bridge is old.', 'bo-chen', '2021-07-09', ['s2', 's2', 's3']),
  quote('q4', 'A ferry runs while the road is closed.', 'bo-chen', null, ['s3'], 'fragment'),
  quote('q5', 'Nothing about it here.', null, '2019-01-01', ['s1']),
]
const SPEAKERS = [
  { id: 'ana-lopez', name: 'Ana Lopez', aliases: [], roles: [], qid: null },
  { id: 'bo-chen', name: 'Bo Chen', aliases: [], roles: [], qid: null },
]
const SOURCES = ['s1', 's2', 's3'].map((id) => ({
  id,
  title: `Title ${id}`,
  outlet: null,
  url: null,
  published: null,
  license: null,
  language: 'en',
  body: '',
  removed: [],
}))

function corpusOf(quotes: Quote[], indexText?: string) {
  const records: Records = {
    build_id: 'test',
    built_from: { sources: SOURCES.length, quotes: quotes.length, speakers: SPEAKERS.length },
    sources: SOURCES,
    quotes,
    speakers: SPEAKERS,
  }
  const index = new MiniSearch<QuoteDocument>(indexOptions)
  index.addAll(quotes.map((q) => ({ id: q.id, text: q.text, speaker: SPEAKERS.find((s) => s.id === q.speaker)?.name ?? '', context: '' })))
  return loadCorpus(records, indexText ?? shardIndex(index.toJSON(), INDEX_SHARDS))
}

const params = (q: string) => ({ q, page: 1, limit: 20, sort: 'relevance' as const })

describe('topK', () => {
  const byValue = (a: { v: number }, b: { v: number }) => a.v - b.v
  it('gives the first k in order, equal items in their list order, as a stable sort would', () => {
    const items = [5, 3, 9, 3, 1, 7, 3, 8, 2, 6, 4, 0, 3, 5, 9, 1, 2].map((v, at) => ({ v, at }))
    const first = topK(items, 2, byValue)
    expect(first.map((x) => [x.v, x.at])).toEqual([
      [0, 11],
      [1, 4],
    ])
    // Three 3s compete for two places: the first two in list order.
    expect(topK(items, 8, byValue).map((x) => [x.v, x.at])).toEqual([
      [0, 11],
      [1, 4],
      [1, 15],
      [2, 8],
      [2, 16],
      [3, 1],
      [3, 3],
      [3, 6],
    ])
  })

  it('gives nothing for k = 0 and the whole list sorted for k past its length', () => {
    expect(topK([{ v: 2 }, { v: 1 }], 0, byValue)).toEqual([])
    expect(topK([{ v: 2 }, { v: 1 }], 5, byValue)).toEqual([{ v: 1 }, { v: 2 }])
  })
})

describe('facets', () => {
  const corpus = corpusOf(QUOTES)

  it('counts each dimension once per quote, a source once however often it prints the quote, by count then value', () => {
    expect(facetCounts(corpus, QUOTES, {})).toEqual({
      speaker: [
        { value: 'ana-lopez', label: 'Ana Lopez', count: 2 },
        { value: 'bo-chen', label: 'Bo Chen', count: 2 },
      ],
      source: [
        { value: 's1', label: 'Title s1', count: 3 },
        { value: 's2', label: 'Title s2', count: 2 },
        { value: 's3', label: 'Title s3', count: 2 },
      ],
      year: [
        { value: '2021', label: '2021', count: 2 },
        { value: '2020', label: '2020', count: 1 },
        { value: '2019', label: '2019', count: 1 },
      ],
      kind: [
        { value: 'quotation', label: 'quotation', count: 4 },
        { value: 'fragment', label: 'fragment', count: 1 },
      ],
    })
  })

  it('applies every filter but its own to each dimension, and lists a chosen value that has no count', () => {
    const f = facetCounts(corpus, QUOTES, { speaker: 'bo-chen', source: 's1' })
    // Speakers: filtered by source s1 only (q1, q2, q5).
    expect(f.speaker).toEqual([
      { value: 'ana-lopez', label: 'Ana Lopez', count: 2 },
      { value: 'bo-chen', label: 'Bo Chen', count: 0 },
    ])
    // Sources: filtered by speaker bo-chen only (q3, q4).
    expect(f.source).toEqual([
      { value: 's3', label: 'Title s3', count: 2 },
      { value: 's2', label: 'Title s2', count: 1 },
      { value: 's1', label: 'Title s1', count: 0 },
    ])
    // Both filters: no quote.
    expect(f.year).toEqual([])
    expect(f.kind).toEqual([])
  })

  it('gives the same counts on a second call (the counters are reset) and for a filter on an unknown value', () => {
    const first = facetCounts(corpus, QUOTES.slice(0, 3), { from: '2021-01-01' })
    expect(facetCounts(corpus, QUOTES.slice(0, 3), { from: '2021-01-01' })).toEqual(first)
    expect(first.speaker).toEqual([
      { value: 'ana-lopez', label: 'Ana Lopez', count: 1 },
      { value: 'bo-chen', label: 'Bo Chen', count: 1 },
    ])
    expect(facetCounts(corpus, QUOTES, { kind: 'nonsense' as Quote['kind'] }).speaker).toEqual([])
  })
})

describe('phrases', () => {
  const corpus = corpusOf(QUOTES)

  it('are searched by their rarest word: outside the common words, the longest, the first of equals', () => {
    expect(rarestWord(['the', 'bridge', 'is', 'closed'])).toBe('bridge')
    expect(rarestWord(['to', 'be', 'or', 'not'])).toBe('not')
    expect(rarestWord(['a', 'an'])).toBe('an')
  })

  it('find exactly the quotes whose text has the words side by side, in order, every word marked', () => {
    const page = searchQuotes(corpus, params('"the bridge is closed"'))
    expect(page.hits.map((h) => h.quote.id).sort()).toEqual(['q1', 'q3'])
    expect(page.total).toBe(2)
    for (const h of page.hits) expect([...h.terms].sort()).toEqual(['bridge', 'closed', 'is', 'the'])
    // "closed" alone is in q2 and q4 too; "is closed" adds q4 (the road is closed).
    expect(
      searchQuotes(corpus, params('"is closed"'))
        .hits.map((h) => h.quote.id)
        .sort(),
    ).toEqual(['q1', 'q3', 'q4'])
    expect(searchQuotes(corpus, params('"closed the bridge"')).total).toBe(0)
  })
})

describe('the index', () => {
  it('is loaded on the first search, not with the records: a corpus reads quotes without it', () => {
    const corpus = corpusOf(QUOTES, 'not an index')
    expect(corpus.quotes.get('q1')?.text).toBe('The bridge is closed for a year.')
    expect(corpus.byDate.map((q) => q.id)).toEqual(['q3', 'q1', 'q2', 'q5', 'q4'])
    expect(() => corpus.index).toThrow(SyntaxError)
  })

  it('is loaded once per corpus', () => {
    const corpus = corpusOf(QUOTES)
    expect(corpus.index).toBe(corpus.index)
  })
})

describe('highlights', () => {
  it('mark the same words as markedHtml over markTerms, in one pass', () => {
    const cases: [string, string[]][] = [
      ['The bridge is closed <b>now</b> & later.', ['bridge', 'closed']],
      ['Leave the region, the region said.', ['the', 'region']],
      ['To be or not to be.', ['to', 'be']],
      ['Es’haq said ESHAQ twice.', ['eshaq']],
      ['Nothing here.', []],
      ['Markers \uE000inside\uE001 the text.', ['inside']],
    ]
    for (const [text, terms] of cases) expect(highlightHtml(text, terms)).toBe(markedHtml(text, markTerms(text, terms)).html)
    expect(highlightHtml('The bridge is closed <b>', ['bridge'])).toBe('The <mark>bridge</mark> is closed &lt;b&gt;')
  })
})

describe('corrections', () => {
  it('matches no typo neighbour of a word some quote holds as typed, and corrects nothing', () => {
    // 600 quotes of Ana Lopez hold "ranker" (a typo away from "ranger"); one quote of no one holds "ranger" itself.
    const near = Array.from({ length: 600 }, (_, i) => quote(`n${i}`, 'Ranker ranker.', 'ana-lopez', '2020-01-01', ['s1']))
    const corpus = corpusOf([...near, quote('exact', 'The ranger said so.', null, '2020-01-01', ['s1'])])
    const page = searchQuotes(corpus, { ...params('ranger lopez '), limit: 1000 })
    expect(page.hits.map((h) => h.quote.id)).toEqual(['exact'])
    expect(page.corrected).toEqual([])
    // Any word: "ranger" still only as typed; "lopez" brings her quotes (by her name), not as neighbours of "ranger".
    const either = searchQuotes(corpus, { ...params('ranger zzzqqq '), limit: 1000 })
    expect(either.match).toBe('any')
    expect(either.hits.map((h) => h.quote.id)).toEqual(['exact'])
    // A quote holding both marks the word, not its neighbour.
    const both = corpusOf([...near, quote('both', 'The ranger met a ranker.', null, '2020-01-01', ['s1'])])
    expect(searchQuotes(both, params('ranger ')).hits.map((h) => [h.quote.id, h.terms])).toEqual([['both', ['ranger']]])
  })

  it('still corrects a word no result holds', () => {
    const corpus = corpusOf(Array.from({ length: 3 }, (_, i) => quote(`n${i}`, 'Ranker ranker.', null, '2020-01-01', ['s1'])))
    expect(searchQuotes(corpus, params('ranger ')).corrected).toEqual([{ typed: 'ranger', searched: 'ranker' }])
  })
})
