import MiniSearch, { type Query, type SearchOptions, type SearchResult } from 'minisearch'
import { describe, expect, it } from 'vitest'
import { FIELD_BOOST, indexOptions, typos } from '../../src/search/options'
import { buildIndexText, commonWords, levenshtein, loadIndex } from '../../src/search/split'
import type { QuoteDocument } from '../../src/types'

/** 400 documents of words drawn with a skew (a few words in most documents), from a fixed seed. */
function documents(): QuoteDocument[] {
  const vocab =
    'the of and to bridge brige closed close closing road ferry harbour mayor city council river tunnel year week night bridges brid'.split(
      ' ',
    )
  let seed = 7
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  const docs: QuoteDocument[] = []
  for (let i = 0; i < 400; i++) {
    const words: string[] = []
    const n = 4 + Math.floor(next() * 10)
    for (let k = 0; k < n; k++) words.push(vocab[Math.floor(vocab.length * next() ** 2.5)] as string)
    docs.push({ id: `q${i}`, text: words.join(' '), speaker: i % 7 === 0 ? 'Ana Bridge' : 'Bo Chen', context: '' })
  }
  return docs
}

const DOCS = documents()
const COMMON = commonWords(DOCS, 80)
const everyWord = MiniSearch.loadJSON<QuoteDocument>(buildIndexText(DOCS, []), indexOptions)
const split = loadIndex(buildIndexText(DOCS, COMMON))

/** Results as comparable rows: id, score to 9 digits, matched words and query words (sorted). */
const rows = (results: SearchResult[]) =>
  results
    .map((r) => [r.id, Number(r.score.toPrecision(9)), [...r.terms].sort().join(' '), [...r.queryTerms].sort().join(' ')])
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string))

describe('the index in two parts (very common words apart)', () => {
  it('puts the words held by at least the threshold of documents apart, most frequent first', () => {
    // The speaker of 6 quotes in 7 is in most of them too.
    expect(COMMON.slice(0, 3)).toEqual(['the', 'bo', 'chen'])
    expect(COMMON).toContain('of')
    expect(COMMON).not.toContain('harbour')
    expect(commonWords(DOCS.slice(0, 10))).toEqual([])
  })

  it('writes one plain MiniSearch index when no word is very common', () => {
    const text = buildIndexText(DOCS.slice(0, 10))
    expect(text.startsWith('{"documentCount":10')).toBe(true)
    expect(loadIndex(text).search('bridge').length).toBeGreaterThan(0)
  })

  const options: SearchOptions = { boost: { ...FIELD_BOOST }, maxFuzzy: 2, fields: ['text', 'speaker'] }
  const cases: [string, Query, SearchOptions][] = [
    ['a very common word alone', 'the', options],
    ['a rare word alone', 'harbour', options],
    ['a common and a rare word, AND', 'the harbour', { ...options, combineWith: 'AND' }],
    ['a common and a rare word, OR', 'of tunnel', { ...options, combineWith: 'OR' }],
    [
      'typos that reach a common word (thee → the) and rare ones (closd → close, closed)',
      'thee closd',
      { ...options, fuzzy: typos, combineWith: 'AND' },
    ],
    ['a prefix that reaches common and rare words', 'brid', { ...options, prefix: true }],
    [
      'the last word as a prefix, others fuzzy',
      'closed bri',
      { ...options, fuzzy: typos, prefix: (_t, i, terms) => i === terms.length - 1 },
    ],
    [
      'the app’s nested plan: a phrase word AND (word OR its forms, weighted)',
      {
        combineWith: 'AND',
        queries: [
          { queries: ['bridge'], fuzzy: false, prefix: false },
          {
            combineWith: 'AND',
            queries: [
              {
                combineWith: 'OR',
                queries: [
                  { queries: ['close'], fuzzy: typos },
                  { queries: ['closed closing'], boostTerm: () => 0.45 },
                ],
              },
              { queries: ['the'] },
            ],
          },
        ],
      },
      options,
    ],
    ['AND_NOT', { combineWith: 'AND_NOT', queries: ['river', 'the'] }, options],
    ['a filter', 'the mayor', { ...options, filter: (r) => Number((r.id as string).slice(1)) % 2 === 0 }],
    ['the speaker field only', 'ana', { ...options, fields: ['speaker'] }],
  ]
  for (const [name, query, o] of cases)
    it(`answers as an index of every word: ${name}`, () => {
      const expected = rows(everyWord.search(query, o))
      expect(expected.length).toBeGreaterThan(0)
      expect(rows(split.search(query, o))).toEqual(expected)
    })

  it('orders results by score, best first', () => {
    const scores = split.search('the harbour', { ...options, combineWith: 'OR' }).map((r) => r.score)
    expect(scores.length).toBeGreaterThan(1)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('measures typos as MiniSearch does: a transposition is two edits', () => {
    expect(levenshtein('bridge', 'brigde', 2)).toBe(2)
    expect(levenshtein('bridge', 'brige', 2)).toBe(1)
    expect(levenshtein('bridge', 'road', 1)).toBe(2)
  })
})
