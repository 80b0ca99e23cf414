/**
 * @module
 * Quote search over the bundled MiniSearch index: ranking (see src/search/options.ts for the tuning),
 * phrases, speaker names in the query, filters, facets, sorting, pagination and highlighting.
 */
import type { Query, SearchResult } from 'minisearch'
import type { Corpus } from '../data'
import { escapeHtml, speakerId } from '../text'
import type { Quote, QuoteKind } from '../types'
import { FIELD_BOOST, foldedWords, MAX_TYPOS, PHRASE_BOOST, PREFIX_MIN, processTerm, TOKEN, typos } from './options'
import { adjacency, containsSequence, parseQuery } from './query'
import { namedSpeakers } from './speakers'

export type SortOrder = 'relevance' | 'date' | '-date'

export interface SearchFilters {
  speaker?: string
  source?: string
  from?: string
  to?: string
  kind?: QuoteKind
}

export interface SearchParams extends SearchFilters {
  q: string
  /** `relevance` (default; newest first for an empty query), `date` (oldest first) or `-date` (newest first). Undated quotes come last. */
  sort?: SortOrder
  page: number
  limit: number
}

export interface Hit {
  quote: Quote
  score: number
  /** Index terms the quote matched, for highlighting. */
  terms: string[]
}

export interface FacetValue {
  value: string
  label: string
  count: number
}

/** Counts of the query's results by each dimension. Each facet applies every filter but its own. */
export interface Facets {
  speaker: FacetValue[]
  source: FacetValue[]
  year: FacetValue[]
  kind: FacetValue[]
}

export interface SearchPage {
  total: number
  hits: Hit[]
  facets: Facets
  /** Query words ignored past the cap (MAX_TERMS). */
  dropped: number
}

/** Most values listed per facet (the most frequent; a selected value is always listed). */
export const FACET_LIMIT = 100

interface Scored extends Hit {
  /** 1 when the query names this quote's speaker: such quotes rank first. */
  tier: number
}

const wordsCache = new WeakMap<Corpus, Map<string, string[]>>()

/** The folded words of a quote's text, computed once per quote. */
export function quoteWords(corpus: Corpus, quote: Quote): string[] {
  let map = wordsCache.get(corpus)
  if (!map) {
    map = new Map()
    wordsCache.set(corpus, map)
  }
  let words = map.get(quote.id)
  if (!words) {
    words = foldedWords(quote.text)
    map.set(quote.id, words)
  }
  return words
}

type Predicate = (q: Quote) => boolean

function predicates(params: SearchFilters): { speaker: Predicate; source: Predicate; kind: Predicate; date: Predicate } {
  const speaker = params.speaker ? speakerId(params.speaker) : undefined
  return {
    speaker: (q) => !speaker || q.speaker === speaker,
    source: (q) => !params.source || q.occurrences.some((o) => o.source === params.source),
    kind: (q) => !params.kind || q.kind === params.kind,
    date: (q) => (!params.from || (q.date !== null && q.date >= params.from)) && (!params.to || (q.date !== null && q.date <= params.to)),
  }
}

/** A predicate for the filters; the speaker filter takes an id or a name. */
export function quoteFilter(params: SearchFilters): Predicate {
  const p = predicates(params)
  return (q) => p.speaker(q) && p.source(q) && p.kind(q) && p.date(q)
}

/** Every quote matching the query words, best first, before filters. */
function rank(corpus: Corpus, q: string): { scored: Scored[]; dropped: number } {
  const parsed = parseQuery(q)
  if (parsed.words.length === 0 && parsed.phrases.length === 0) {
    return { scored: corpus.byDate.map((quote) => ({ quote, score: 0, terms: [], tier: 0 })), dropped: parsed.dropped }
  }
  const unique = [...new Set(parsed.words)]
  const named = namedSpeakers(corpus, unique)
  // Name words are searched apart (as a bonus) when other words remain to match; a query of only names searches the names.
  const content = unique.filter((w) => !named.terms.has(w))
  const split = content.length > 0 || parsed.phrases.length > 0
  const free = split ? content : unique
  const nameTerms = split ? unique.filter((w) => named.terms.has(w)) : []
  const prefixWord = parsed.prefixLast ? parsed.words.at(-1) : undefined

  const phraseQueries: Query[] = parsed.phrases.map((p) => ({ queries: [p.join(' ')], combineWith: 'AND', fuzzy: false, prefix: false }))
  const build = (combineWith: 'AND' | 'OR'): Query => ({
    combineWith: 'AND',
    queries: [
      ...phraseQueries,
      ...(free.length > 0
        ? [{ queries: [free.join(' ')], combineWith, fuzzy: typos, prefix: (t: string) => t === prefixWord && t.length >= PREFIX_MIN }]
        : []),
    ],
  })
  const options = { boost: { ...FIELD_BOOST }, maxFuzzy: MAX_TYPOS }
  let results: SearchResult[] = corpus.index.search(build('AND'), options)
  // Every word must match when it can; a query with one unmatched word still finds the rest.
  if (results.length === 0 && free.length > 1) results = corpus.index.search(build('OR'), options)

  const bonus = new Map<string, SearchResult>()
  if (nameTerms.length > 0 && results.length > 0)
    for (const r of corpus.index.search(nameTerms.join(' '), { ...options, combineWith: 'OR', prefix: false, fuzzy: typos }))
      bonus.set(r.id as string, r)

  const scored: Scored[] = []
  for (const r of results) {
    const quote = corpus.quotes.get(r.id as string)
    if (!quote) continue
    const words = quoteWords(corpus, quote)
    if (!parsed.phrases.every((p) => containsSequence(words, p))) continue
    const extra = bonus.get(quote.id)
    const prefix = prefixWord !== undefined
    const whole = parsed.words.length > 1 && containsSequence(words, parsed.words, prefix)
    const score = (r.score + (extra?.score ?? 0)) * (whole ? PHRASE_BOOST : 1 + adjacency(words, parsed.words, prefix))
    const terms = extra ? [...new Set([...r.terms, ...extra.terms])] : r.terms
    scored.push({ quote, score, terms, tier: quote.speaker !== null && named.ids.has(quote.speaker) ? 1 : 0 })
  }
  scored.sort((a, b) => b.tier - a.tier || b.score - a.score || (a.quote.id < b.quote.id ? -1 : 1))
  return { scored, dropped: parsed.dropped }
}

/** Oldest first (`date`) or newest first (`-date`); undated last; ties keep their relevance order. */
function byDate(order: 'date' | '-date') {
  const dir = order === 'date' ? 1 : -1
  return (a: Hit, b: Hit) => {
    const x = a.quote.date
    const y = b.quote.date
    if (x === y) return 0
    if (x === null) return 1
    if (y === null) return -1
    return x < y ? -dir : dir
  }
}

function top(counts: Map<string, number>, label: (v: string) => string, selected: string | undefined, order: 'count' | 'value-desc') {
  const values = [...counts].map(([value, count]) => ({ value, label: label(value), count }))
  values.sort((a, b) =>
    order === 'count' ? b.count - a.count || a.label.localeCompare(b.label) : a.value < b.value ? 1 : a.value > b.value ? -1 : 0,
  )
  const listed = values.slice(0, FACET_LIMIT)
  if (selected && !listed.some((v) => v.value === selected)) {
    listed.push(values.find((v) => v.value === selected) ?? { value: selected, label: label(selected), count: 0 })
  }
  return listed
}

/** Facet counts over the query's results: each dimension counts with every other filter applied. */
export function facetCounts(corpus: Corpus, quotes: Quote[], params: SearchFilters): Facets {
  const p = predicates(params)
  const speakers = new Map<string, number>()
  const sources = new Map<string, number>()
  const years = new Map<string, number>()
  const kinds = new Map<string, number>()
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  for (const q of quotes) {
    const sp = p.speaker(q)
    const so = p.source(q)
    const ki = p.kind(q)
    const da = p.date(q)
    if (so && ki && da && q.speaker) bump(speakers, q.speaker)
    if (sp && ki && da) for (const s of new Set(q.occurrences.map((o) => o.source))) bump(sources, s)
    if (sp && so && ki && q.date) bump(years, q.date.slice(0, 4))
    if (sp && so && da) bump(kinds, q.kind)
  }
  const speakerSelected = params.speaker ? speakerId(params.speaker) : undefined
  return {
    speaker: top(speakers, (id) => corpus.speakers.get(id)?.name ?? id, speakerSelected, 'count'),
    source: top(sources, (id) => corpus.sources.get(id)?.title ?? id, params.source, 'count'),
    year: top(years, (y) => y, undefined, 'value-desc'),
    kind: top(kinds, (k) => k, params.kind, 'count'),
  }
}

export function searchQuotes(corpus: Corpus, params: SearchParams): SearchPage {
  const { scored, dropped } = rank(corpus, params.q)
  const keep = quoteFilter(params)
  let hits: Hit[] = scored.filter((s) => keep(s.quote))
  // `relevance` keeps the ranking (newest first for an empty query); a stable sort keeps it among equal dates.
  if (params.sort === 'date' || params.sort === '-date') hits = [...hits].sort(byDate(params.sort))
  const offset = (params.page - 1) * params.limit
  return {
    total: hits.length,
    hits: hits
      .slice(offset, offset + params.limit)
      .map(({ quote, score, terms }) => ({ quote, score: Math.round(score * 1000) / 1000, terms })),
    facets: facetCounts(
      corpus,
      scored.map((s) => s.quote),
      params,
    ),
    dropped,
  }
}

/** HTML-escaped text with each matched word wrapped in <mark>. */
export function highlight(text: string, terms: string[]): string {
  if (terms.length === 0) return escapeHtml(text)
  const wanted = new Set(terms)
  let out = ''
  let last = 0
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0
    const term = processTerm(m[0])
    if (term && wanted.has(term)) {
      out += `${escapeHtml(text.slice(last, at))}<mark>${escapeHtml(m[0])}</mark>`
      last = at + m[0].length
    }
  }
  return out + escapeHtml(text.slice(last))
}
