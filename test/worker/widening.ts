/**
 * One promise, every database backend: a search reads the quotes' contexts only while fewer than CONTEXT_WIDEN_BELOW
 * quotes hold its words themselves, as the bundle does (test/unit/context-widening.test.ts). The test corpus has 41
 * quotes, fewer than the constant, so the backends under test take a threshold of 20 (`narrow`); `wide` keeps the
 * constant (always widened here). The bundle over the same build gives the quotes holding the words.
 * Used by test/worker-d1/widening.test.ts and test/worker-pg/widening.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { lazyCorpus } from '../../src/data'
import indexText from '../../src/generated/index.txt'
import recordsText from '../../src/generated/records.txt'
import type { SearchBackend } from '../../src/search/contract'
import type { SearchParams } from '../../src/search/params'
import { searchQuotes } from '../../src/search/search'

/** The threshold the `narrow` backend is given. */
export const NARROW = 20

const bundled = lazyCorpus(recordsText, indexText)
const params = (q: string, extra: Partial<SearchParams> = {}) =>
  ({ q, page: 1, limit: 100, sort: 'relevance', facets: true, ...extra }) as SearchParams

/** The ids of the quotes the bundle finds holding `q` in their own words (its widened answer, the context-only left out). */
function holding(q: string): string[] {
  return searchQuotes(bundled(), params(q))
    .hits.filter((h) => h.matchedIn === 'text')
    .map((h) => h.quote.id)
    .sort()
}

const ids = (hits: { quote: { id: string } }[]) => hits.map((h) => h.quote.id).sort()

export function wideningSuite(name: string, narrow: SearchBackend, wide: SearchBackend) {
  describe(`${name} widens a search to the quotes’ contexts only while few quotes hold its words`, () => {
    it(`answers only the quotes holding "region" when ${NARROW} or more do: the bundle’s own-word matches, facets over them`, async () => {
      const own = holding('region ')
      expect(own.length).toBeGreaterThanOrEqual(NARROW)
      const page = await narrow.search(params('region '))
      expect(ids(page.hits)).toEqual(own)
      expect(page.total).toBe(own.length)
      expect(new Set(page.hits.map((h) => h.matchedIn))).toEqual(new Set(['text']))
      const speakers = (page.facets?.speaker ?? []).reduce((n, f) => n + f.count, 0)
      expect(speakers).toBeLessThanOrEqual(own.length)
      // With the constant (41 quotes: always widened), the same word also finds quotes by their context.
      const widened = await wide.search(params('region '))
      expect(widened.total).toBeGreaterThan(own.length)
      expect(widened.hits.some((h) => h.matchedIn === 'context')).toBe(true)
    })

    it(`widens when fewer than ${NARROW} quotes hold the word: "iran" is found in its context too`, async () => {
      const own = holding('iran ')
      expect(own.length).toBeLessThan(NARROW)
      const page = await narrow.search(params('iran '))
      expect(page.total).toBe((await wide.search(params('iran '))).total)
      expect(page.hits.filter((h) => h.matchedIn === 'context').length).toBeGreaterThan(0)
    })

    it(`decides on the words alone: a filter leaving fewer than ${NARROW} does not widen`, async () => {
      const all = await narrow.search(params('region '))
      const counts = new Map<string | null, number>()
      for (const h of all.hits) counts.set(h.quote.speaker, (counts.get(h.quote.speaker) ?? 0) + 1)
      // The speaker of the fewest of them.
      const speaker = [...counts].filter(([s]) => s !== null).sort((a, b) => a[1] - b[1])[0]?.[0] as string
      const filtered = await narrow.search(params('region ', { speaker }))
      expect(filtered.hits.length).toBeLessThan(NARROW)
      expect(filtered.hits.length).toBeGreaterThan(0)
      expect(new Set(filtered.hits.map((h) => h.matchedIn))).toEqual(new Set(['text']))
      expect(filtered.total).toBe(all.hits.filter((h) => h.quote.speaker === speaker).length)
    })
  })
}
