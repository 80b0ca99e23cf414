/**
 * @module
 * Quote search over the bundled MiniSearch index: ranking (see src/search/options.ts for the tuning),
 * phrases, speaker names in the query, filters, facets, sorting, pagination and highlighting.
 */
import type { Query, QueryCombination, SearchResult } from 'minisearch'
import type { Corpus } from '../data'
import { escapeHtml, speakerId } from '../text'
import type { Quote, QuoteKind } from '../types'
import { editDistance } from './diff'
import { FIELD_BOOST, foldedWords, MAX_TYPOS, PHRASE_BOOST, PREFIX_MIN, processTerm, TOKEN, typos } from './options'
import { adjacency, containsSequence, parseQuery } from './query'
import { namedSpeakers, speakerNames } from './speakers'
import { otherForms } from './stems'

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
  /** Count facets (default true); a caller that shows none saves their cost (most of a common word's, on D1). */
  facets?: boolean
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
  /** Null when the caller asked for none (`facets: false`). */
  facets: Facets | null
  /** Query words ignored past the cap (MAX_TERMS). */
  dropped: number
}

/** Weight of a match on another form of a query word (a stem match), as MiniSearch's default weight of a typo. */
export const FORM_WEIGHT = 0.45

/** Candidates, best first, whose word order is checked for the phrase boost. */
export const BOOST_WINDOW = 500

/** Most values listed per facet (the most frequent; a selected value is always listed). */
export const FACET_LIMIT = 20

interface Scored extends Hit {
  /** +1 when the query names this quote's speaker, +1 when it names its year: higher tiers rank first. */
  tier: number
}

/** A year in a query: 1800–2099. */
export const YEAR = /^(1[89]|20)\d\d$/

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
    // No query lists every quote; a query without a searchable word ("😀", "!!!") finds none.
    if (q.trim() !== '') return { scored: [], dropped: parsed.dropped }
    return { scored: corpus.byDate.map((quote) => ({ quote, score: 0, terms: [], tier: 0 })), dropped: parsed.dropped }
  }
  const all = [...new Set(parsed.words)]
  // A year ("2019 khamenei") is a date hint, not a word to match: quotes dated that year rank first.
  // A query of years only still searches them as words and adds the quotes dated then.
  const years = new Set(all.filter((w) => YEAR.test(w)))
  const yearsOnly = years.size === all.length && parsed.phrases.length === 0
  const unique = yearsOnly ? all : all.filter((w) => !years.has(w))
  const named = namedSpeakers(speakerNames(corpus), unique)
  // Name words are searched apart (as a bonus) when other words remain to match; a query of only names searches the names.
  const content = unique.filter((w) => !named.terms.has(w))
  const split = content.length > 0 || parsed.phrases.length > 0
  const free = split ? content : unique
  const nameTerms = split ? unique.filter((w) => named.terms.has(w)) : []
  const prefixWord = parsed.prefixLast ? parsed.words.at(-1) : undefined

  const phraseQueries: Query[] = parsed.phrases.map((p) => ({ queries: [p.join(' ')], combineWith: 'AND', fuzzy: false, prefix: false }))
  // Each word as typed (typos, the last as a prefix) or as another form of it ("assassinated" → "assassination"),
  // that one exactly and weighted like a typo (src/search/stems.ts).
  const forms = corpus.records.word_forms
  const typed = { fuzzy: typos, prefix: (t: string) => t === prefixWord && t.length >= PREFIX_MIN }
  const wordQuery = (w: string): QueryCombination => {
    // Forms the word already reaches by a typo or as the prefix being typed are not counted twice.
    const others = otherForms(forms, w).filter(
      (o) => editDistance(w, o, typos(w)) > typos(w) && !(w === prefixWord && w.length >= PREFIX_MIN && o.startsWith(w)),
    )
    if (others.length === 0) return { queries: [w], ...typed }
    const alike: QueryCombination = {
      queries: [others.join(' ')],
      combineWith: 'OR',
      fuzzy: false,
      prefix: false,
      boostTerm: () => FORM_WEIGHT,
    }
    return { combineWith: 'OR', queries: [{ queries: [w], ...typed }, alike] }
  }
  const freeQuery = (combineWith: 'AND' | 'OR'): QueryCombination => ({ combineWith, queries: free.map(wordQuery) })
  const build = (combineWith: 'AND' | 'OR'): Query =>
    phraseQueries.length === 0
      ? freeQuery(combineWith)
      : { combineWith: 'AND', queries: [...phraseQueries, ...(free.length > 0 ? [freeQuery(combineWith)] : [])] }
  const options = { boost: { ...FIELD_BOOST }, maxFuzzy: MAX_TYPOS }
  let results: SearchResult[] = corpus.index.search(build('AND'), options)
  // Every word must match when it can; a query with one unmatched word still finds the rest.
  if (results.length === 0 && free.length > 1) results = corpus.index.search(build('OR'), options)

  const bonus = new Map<string, SearchResult>()
  if (nameTerms.length > 0 && results.length > 0)
    for (const r of corpus.index.search(nameTerms.join(' '), { ...options, combineWith: 'OR', prefix: false, fuzzy: typos }))
      bonus.set(r.id as string, r)

  const tierOf = (quote: Quote) =>
    (quote.speaker !== null && named.ids.has(quote.speaker) ? 1 : 0) + (quote.date !== null && years.has(quote.date.slice(0, 4)) ? 1 : 0)
  const scored: Scored[] = []
  for (const r of results) {
    const quote = corpus.quotes.get(r.id as string)
    if (!quote) continue
    // A quoted phrase is a filter: checked on every candidate (MiniSearch already required its words).
    if (parsed.phrases.length > 0) {
      const words = foldedWords(quote.text)
      if (!parsed.phrases.every((p) => containsSequence(words, p))) continue
    }
    const extra = bonus.get(quote.id)
    const terms = extra ? [...new Set([...r.terms, ...extra.terms])] : r.terms
    scored.push({
      quote,
      score: r.score + (extra?.score ?? 0),
      terms,
      tier: tierOf(quote),
    })
  }
  if (yearsOnly) {
    const found = new Set(scored.map((s) => s.quote.id))
    for (const quote of corpus.byDate)
      if (!found.has(quote.id) && tierOf(quote) > 0) scored.push({ quote, score: 0, terms: [], tier: tierOf(quote) })
  }
  // Words side by side raise a quote (at most ×PHRASE_BOOST): checked on the best BOOST_WINDOW by score,
  // which bounds the cost of common words; a quote below that window is far down the list anyway.
  if (parsed.words.length > 1) {
    const prefix = prefixWord !== undefined
    scored.sort((a, b) => b.score - a.score)
    for (const s of scored.slice(0, BOOST_WINDOW)) {
      const words = foldedWords(s.quote.text)
      s.score *= containsSequence(words, parsed.words, prefix) ? PHRASE_BOOST : 1 + adjacency(words, parsed.words, prefix)
    }
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
  // By count (then value, for a stable order), or by value descending; labels only for the listed ones.
  const before = (a: [string, number], b: [string, number]) =>
    (order === 'count' ? b[1] - a[1] : 0) || (a[0] < b[0] ? (order === 'count' ? -1 : 1) : a[0] > b[0] ? (order === 'count' ? 1 : -1) : 0)
  // Keep only the best FACET_LIMIT in one pass: a common word's facet can hold thousands of values.
  const entries: [string, number][] = []
  for (const entry of counts) {
    if (entries.length === FACET_LIMIT && before(entry, entries[FACET_LIMIT - 1] as [string, number]) >= 0) continue
    let i = entries.length
    while (i > 0 && before(entry, entries[i - 1] as [string, number]) < 0) i--
    entries.splice(i, 0, entry)
    if (entries.length > FACET_LIMIT) entries.pop()
  }
  const listed = entries.map(([value, count]) => ({ value, label: label(value), count }))
  if (selected && !listed.some((v) => v.value === selected))
    listed.push({ value: selected, label: label(selected), count: counts.get(selected) ?? 0 })
  return listed
}

const sourceLists = new WeakMap<Quote, string[]>()

/** The distinct sources printing a quote, computed once per quote. */
function sourcesOf(q: Quote): string[] {
  let list = sourceLists.get(q)
  if (!list) {
    list = [...new Set(q.occurrences.map((o) => o.source))]
    sourceLists.set(q, list)
  }
  return list
}

/** Facet counts over the query's results: each dimension counts with every other filter applied. */
export function facetCounts(corpus: Corpus, quotes: Quote[], params: SearchFilters): Facets {
  const p = predicates(params)
  const speakers = new Map<string, number>()
  const sources = new Map<string, number>()
  const years = new Map<string, number>()
  const kinds = new Map<string, number>()
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  const filtered = Boolean(params.speaker || params.source || params.kind || params.from || params.to)
  for (const q of quotes) {
    // Without filters every predicate holds: skip them (the home page and most searches).
    const sp = !filtered || p.speaker(q)
    const so = !filtered || p.source(q)
    const ki = !filtered || p.kind(q)
    const da = !filtered || p.date(q)
    if (so && ki && da && q.speaker) bump(speakers, q.speaker)
    if (sp && ki && da) for (const s of sourcesOf(q)) bump(sources, s)
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

const unfiltered = new WeakMap<Corpus, Facets>()

/** Facets of a result list; those of the whole corpus (no words, no filters: the home page) are kept. */
function allFacets(corpus: Corpus, scored: Scored[], params: SearchParams): Facets {
  const everything =
    scored.length === corpus.byDate.length && !params.speaker && !params.source && !params.kind && !params.from && !params.to
  if (!everything)
    return facetCounts(
      corpus,
      scored.map((s) => s.quote),
      params,
    )
  let facets = unfiltered.get(corpus)
  if (!facets) {
    facets = facetCounts(corpus, corpus.byDate, {})
    unfiltered.set(corpus, facets)
  }
  return facets
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
    facets: params.facets === false ? null : allFacets(corpus, scored, params),
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
