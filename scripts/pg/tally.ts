/**
 * @module
 * What a streamed build (scripts/pg/build.ts) counts in memory as the quotes go by: counts per speaker, year, kind and
 * term, none of which grows with the number of quotes (only with the speakers, years and vocabulary). From them come
 * the speakers' quote counts, the `terms` rows, the stats and the whole corpus's facets, as src/search/stats.ts
 * statsOf and src/search/facets.ts facetCounts give them for the bundle.
 */
import { FACET_LIMIT } from '../../src/search/options'
import type { FacetValue } from '../../src/search/params'
import type { Quote } from '../../src/types'

export interface Tally {
  quotes: number
  quotations: number
  /** Printings: every occurrence of every quote. */
  occurrences: number
  /** Quotes attributed to each speaker id. */
  speakerQuotes: Map<string, number>
  /** Speaker ids a quote or an occurrence names (the speakers listed, with those who have a Wikidata id). */
  used: Set<string>
  /** Dated quotes per year ("2019"). */
  years: Map<string, number>
  kinds: Map<string, number>
  /** Quotes holding each term (the vocabulary with its document counts). */
  terms: Map<string, number>
}

export function newTally(): Tally {
  return {
    quotes: 0,
    quotations: 0,
    occurrences: 0,
    speakerQuotes: new Map(),
    used: new Set(),
    years: new Map(),
    kinds: new Map(),
    terms: new Map(),
  }
}

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

/** Counts a quote and its distinct terms. */
export function countQuote(t: Tally, q: Quote, terms: Iterable<string>): void {
  t.quotes++
  if (q.kind === 'quotation') t.quotations++
  t.occurrences += q.occurrences.length
  if (q.speaker) {
    bump(t.speakerQuotes, q.speaker)
    t.used.add(q.speaker)
  }
  for (const o of q.occurrences) if (o.speaker) t.used.add(o.speaker)
  if (q.date) bump(t.years, q.date.slice(0, 4))
  bump(t.kinds, q.kind)
  for (const term of terms) bump(t.terms, term)
}

/**
 * The best FACET_LIMIT values of a count: most first, then by value (code-point order), or by value descending
 * (years), as facetCounts lists them.
 */
export function topValues(counts: Map<string, number>, label: (value: string) => string, order: 'count' | 'value-desc'): FacetValue[] {
  const byValue = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return [...counts]
    .filter(([, n]) => n > 0)
    .sort(([a, n], [b, m]) => (order === 'count' ? m - n || byValue(a, b) : byValue(b, a)))
    .slice(0, FACET_LIMIT)
    .map(([value, count]) => ({ value, label: label(value), count }))
}
