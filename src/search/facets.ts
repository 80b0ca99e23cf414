/**
 * @module
 * Facets of the bundled search: counts of a result set by speaker, source, year and kind, each with every filter
 * but its own applied, so a UI can offer the alternatives to a chosen value. The D1 build stores the whole corpus's.
 */
import type { Corpus } from '../data'
import { speakerId } from '../text'
import type { Quote } from '../types'
import type { Facets, SearchFilters } from './params'

/** Most values listed per facet (the most frequent; a selected value is always listed). */
export const FACET_LIMIT = 20

type Predicate = (q: Quote) => boolean

export function predicates(params: SearchFilters): { speaker: Predicate; source: Predicate; kind: Predicate; date: Predicate } {
  const speaker = params.speaker ? speakerId(params.speaker) : undefined
  return {
    speaker: (q) => !speaker || q.speaker === speaker,
    source: (q) => !params.source || q.occurrences.some((o) => o.source === params.source),
    kind: (q) => !params.kind || q.kind === params.kind,
    date: (q) => (!params.from || (q.date !== null && q.date >= params.from)) && (!params.to || (q.date !== null && q.date <= params.to)),
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
export function allFacets(corpus: Corpus, quotes: Quote[], params: SearchFilters): Facets {
  const everything =
    quotes.length === corpus.byDate.length && !params.speaker && !params.source && !params.kind && !params.from && !params.to
  if (!everything) return facetCounts(corpus, quotes, params)
  let facets = unfiltered.get(corpus)
  if (!facets) {
    facets = facetCounts(corpus, corpus.byDate, {})
    unfiltered.set(corpus, facets)
  }
  return facets
}
