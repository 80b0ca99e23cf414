import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import MiniSearch, { type AsPlainObject, type Query, type SearchOptions, type SearchResult } from 'minisearch'
import { describe, expect, it } from 'vitest'
import { planShards, shardIndex, unshardIndex } from '../../scripts/shards'
import { ALL_FIELDS, FIELD_BOOST, INDEX_SHARDS, indexOptions, QUOTE_FIELDS, typos } from '../../src/search/options'
import { initialOf, ShardedIndex } from '../../src/search/shards'
import type { QuoteDocument } from '../../src/types'

/** The sample corpus's index as the build writes it (pretest), and the same index in one piece. */
const text = readFileSync(join(import.meta.dirname, '../generated/index.txt'), 'utf8')
const whole = MiniSearch.loadJSON<QuoteDocument>(unshardIndex(text), indexOptions)
const words = (JSON.parse(unshardIndex(text)) as AsPlainObject).index.map(([w]) => w).sort()
const sharded = () => new ShardedIndex<QuoteDocument>(text, indexOptions)

/** Results in one order whatever the order of ties: best first, then by id. */
const ordered = (results: SearchResult[]) =>
  [...results]
    .sort((a, b) => b.score - a.score || (String(a.id) < String(b.id) ? -1 : 1))
    .map((r) => ({ ...r, queryTerms: [...r.queryTerms].sort() }))

const options = { boost: { ...FIELD_BOOST }, fields: QUOTE_FIELDS }

describe('the sharded index', () => {
  it('cuts the sample index into the configured number of shards, each word in the shard of its first letter', () => {
    const index = sharded()
    expect(index.shardCount).toBe(INDEX_SHARDS)
    expect(index.documentCount).toBe(whole.documentCount)
    expect(words.length).toBeGreaterThan(300)
  })

  it('loads only the shard a one-word search needs', () => {
    const index = sharded()
    expect(index.loadedCount).toBe(0)
    expect(index.search('revenge', options).length).toBeGreaterThan(0)
    expect(index.loadedCount).toBe(1)
  })

  it('answers exact and prefix queries as one index does: same quotes, scores, terms and matches (any words, AND or OR)', () => {
    const index = sharded()
    const word = fc.constantFrom(...words)
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('AND', 'OR', 'AND_NOT'),
        fc.boolean(),
        fc.constantFrom(QUOTE_FIELDS, ALL_FIELDS),
        (ws, combineWith, prefix, fields) => {
          const o: SearchOptions = { ...options, fields, combineWith, prefix: (_t, i, terms) => prefix && i === terms.length - 1 }
          expect(ordered(index.search(ws.join(' '), o))).toEqual(ordered(whole.search(ws.join(' '), o)))
        },
      ),
      { numRuns: 300 },
    )
    // Words of different shards were combined (not only one shard's own search).
    expect(new Set(words.map(initialOf)).size).toBeGreaterThan(INDEX_SHARDS)
  })

  it('answers the app’s nested queries (word forms weighted with boostTerm, AND of ORs) as one index does', () => {
    const index = sharded()
    const word = fc.constantFrom(...words)
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.array(word, { maxLength: 2 })), { minLength: 1, maxLength: 4 }), (parts) => {
        const query: Query = {
          combineWith: 'AND',
          queries: parts.map(([w, forms]) =>
            forms.length === 0
              ? { queries: [w], prefix: false }
              : { combineWith: 'OR', queries: [{ queries: [w] }, { queries: [forms.join(' ')], boostTerm: () => 0.45 }] },
          ),
        }
        expect(ordered(index.search(query, options))).toEqual(ordered(whole.search(query, options)))
      }),
      { numRuns: 300 },
    )
  })

  it('finds typos among the words of the same first letter as one index does', () => {
    const index = sharded()
    let compared = 0
    for (const w of words.filter((x) => x.length >= 5)) {
      const typo = `${w.slice(0, 2)}${w.slice(3)}` // one letter dropped, not the first
      const o = { ...options, fuzzy: typos }
      const expected = whole.search(typo, o)
      // Compare where no typo match in one index starts with another letter (those the shards do not look for).
      if (expected.some((r) => r.terms.some((t) => initialOf(t) !== initialOf(typo)))) continue
      expect(ordered(index.search(typo, o))).toEqual(ordered(expected))
      compared++
    }
    expect(compared).toBeGreaterThan(100)
  })

  it('does not look for a typo in another first letter, as D1 and PostgreSQL do not', () => {
    const index = sharded()
    const o = { ...options, fuzzy: typos }
    expect(index.search('revenge', o).length).toBeGreaterThan(0)
    expect(index.search('xevenge', o)).toEqual([])
    expect(whole.search('xevenge', o).length).toBeGreaterThan(0)
  })

  it('finds nothing for a word whose first letter starts no word of the corpus', () => {
    expect(sharded().search('ωμέγα revenge', { ...options, combineWith: 'AND' })).toEqual([])
  })

  it('refuses a text that is not shards with a SyntaxError', () => {
    expect(() => new ShardedIndex(JSON.stringify(whole), indexOptions)).toThrow(SyntaxError)
    expect(() => new ShardedIndex('not an index', indexOptions)).toThrow(SyntaxError)
  })
})

describe('planShards', () => {
  it('puts the heaviest letter first into the lightest group, the same way every time', () => {
    const weights = new Map([
      ['a', 10],
      ['b', 9],
      ['c', 2],
      ['d', 2],
      ['e', 1],
    ])
    // a → first (10), b → second (9), c → second (11), d → first (12), e → second (12)
    expect(planShards(weights, 2)).toEqual([
      ['a', 'd'],
      ['b', 'c', 'e'],
    ])
    expect(planShards(weights, 9)).toEqual([['a'], ['b'], ['c'], ['d'], ['e']])
  })

  it('keeps a corpus without words loadable: no shard, and every search finds nothing', () => {
    const empty = new MiniSearch<QuoteDocument>(indexOptions)
    const index = new ShardedIndex<QuoteDocument>(shardIndex(empty.toJSON(), INDEX_SHARDS), indexOptions)
    expect(index.shardCount).toBe(0)
    expect(index.documentCount).toBe(0)
    expect(index.search('anything', options)).toEqual([])
  })
})
