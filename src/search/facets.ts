/**
 * @module
 * Facets of the bundled search: counts of a result set by speaker, source, year and kind, each with every filter
 * but its own applied, so a UI can offer the alternatives to a chosen value. The D1 build stores the whole corpus's.
 */

import type { Corpus } from '../data'
import { sourcesOf } from '../records'
import { speakerId } from '../text'
import type { Quote } from '../types'
import { FACET_LIMIT } from './options'
import type { Facets, SearchFilters } from './params'

type Predicate = (q: Quote) => boolean

export function predicates(params: SearchFilters): { speaker: Predicate; source: Predicate; kind: Predicate; date: Predicate } {
  const speaker = params.speaker ? speakerId(params.speaker) : undefined
  return {
    speaker: (q) => !speaker || q.speaker === speaker,
    source: (q) => !params.source || sourcesOf(q).includes(params.source),
    kind: (q) => !params.kind || q.kind === params.kind,
    date: (q) => (!params.from || (q.date !== null && q.date >= params.from)) && (!params.to || (q.date !== null && q.date <= params.to)),
  }
}

/**
 * The facet values of every quote seen, as small integers, built once per corpus: a quote's speaker, year and kind
 * ordinals and its distinct sources' ordinals. Counting a result set then reads integers and bumps array slots;
 * nothing but the listed values is allocated per request.
 */
interface Table {
  ordinal: Map<Quote, number>
  speaker: number[]
  year: number[]
  kind: number[]
  /** Each quote's distinct sources. */
  sources: number[][]
  date: (string | null)[]
  values: { speaker: Values; year: Values; kind: Values; source: Values }
  /** Scratch counters, one slot per value; zeroed after each count. */
  counts: Counts
}

/** Counters per dimension, one slot per value. */
interface Counts {
  speaker: Int32Array
  year: Int32Array
  kind: Int32Array
  source: Int32Array
}

/** A dimension's values and their ordinals. */
interface Values {
  list: string[]
  of: Map<string, number>
}

const values = (): Values => ({ list: [], of: new Map() })

function ordinalOf(v: Values, value: string): number {
  let n = v.of.get(value)
  if (n === undefined) {
    n = v.list.length
    v.list.push(value)
    v.of.set(value, n)
  }
  return n
}

const tables = new WeakMap<object, Table>()

/** The table of a corpus (or of any object holding quotes), its rows added as quotes are seen. */
function tableOf(corpus: object): Table {
  let t = tables.get(corpus)
  if (!t) {
    t = emptyTable()
    tables.set(corpus, t)
  }
  return t
}

function emptyTable(): Table {
  return {
    ordinal: new Map(),
    speaker: [],
    year: [],
    kind: [],
    sources: [],
    date: [],
    values: { speaker: values(), year: values(), kind: values(), source: values() },
    counts: { speaker: new Int32Array(0), year: new Int32Array(0), kind: new Int32Array(0), source: new Int32Array(0) },
  }
}

/** A quote's row in the table, added on first sight. */
function rowOf(t: Table, q: Quote): number {
  let n = t.ordinal.get(q)
  if (n === undefined) {
    n = t.speaker.length
    t.ordinal.set(q, n)
    t.speaker.push(q.speaker ? ordinalOf(t.values.speaker, q.speaker) : -1)
    t.year.push(q.date ? ordinalOf(t.values.year, q.date.slice(0, 4)) : -1)
    t.kind.push(ordinalOf(t.values.kind, q.kind))
    t.sources.push(sourcesOf(q).map((s) => ordinalOf(t.values.source, s)))
    t.date.push(q.date)
  }
  return n
}

/** The counted values of one dimension, best FACET_LIMIT first, with the selected one; the counters are zeroed. */
function top(
  counts: Int32Array,
  touched: number[],
  v: Values,
  label: (value: string) => string,
  selected: string | undefined,
  order: 'count' | 'value-desc',
) {
  // By count (then value, for a stable order), or by value descending.
  const before = (a: number, b: number) => {
    if (order === 'count' && counts[a] !== counts[b]) return (counts[b] as number) - (counts[a] as number)
    if (a === b) return 0
    const less = (v.list[a] as string) < (v.list[b] as string)
    return less === (order === 'count') ? -1 : 1
  }
  // Keep only the best FACET_LIMIT in one pass: a common word's facet can hold thousands of values.
  const best: number[] = []
  for (const n of touched) {
    if (best.length === FACET_LIMIT && before(n, best[FACET_LIMIT - 1] as number) >= 0) continue
    let i = best.length
    while (i > 0 && before(n, best[i - 1] as number) < 0) i--
    best.splice(i, 0, n)
    if (best.length > FACET_LIMIT) best.pop()
  }
  const listed = best.map((n) => ({ value: v.list[n] as string, label: label(v.list[n] as string), count: counts[n] as number }))
  if (selected && !listed.some((x) => x.value === selected)) {
    const n = v.of.get(selected)
    listed.push({ value: selected, label: label(selected), count: n === undefined ? 0 : (counts[n] ?? 0) })
  }
  for (const n of touched) counts[n] = 0
  return listed
}

/** Bumps a counter, noting the slots touched first. */
function bump(counts: Int32Array, touched: number[], n: number) {
  const c = counts[n] ?? 0
  if (c === 0) touched.push(n)
  counts[n] = c + 1
}

/** Facet counts over the query's results: each dimension counts with every other filter applied. */
export function facetCounts(corpus: Pick<Corpus, 'speakers' | 'sources'>, quotes: Iterable<Quote>, params: SearchFilters): Facets {
  const t = tableOf(corpus)
  const rows: number[] = []
  for (const q of quotes) rows.push(rowOf(t, q))
  const { values } = t
  // The counters cover every value (new ones come with quotes not seen before).
  for (const key of ['speaker', 'year', 'kind', 'source'] as const)
    if (t.counts[key].length < values[key].list.length) t.counts[key] = new Int32Array(values[key].list.length * 2)
  const { counts } = t
  const touched = { speaker: [] as number[], year: [] as number[], kind: [] as number[], source: [] as number[] }
  const speakerSelected = params.speaker ? speakerId(params.speaker) : undefined
  // A filter on a value no quote has matches nothing: -2 is no ordinal.
  const want = (v: Values, value: string | undefined) => (value === undefined ? -1 : (v.of.get(value) ?? -2))
  const sp = want(values.speaker, speakerSelected)
  const so = want(values.source, params.source || undefined)
  const ki = want(values.kind, params.kind || undefined)
  const { from, to } = params
  for (const n of rows) {
    // Without a filter every predicate holds (the home page and most searches).
    const spOk = sp === -1 || t.speaker[n] === sp
    const soOk = so === -1 || (t.sources[n] as number[]).includes(so)
    const kiOk = ki === -1 || t.kind[n] === ki
    const date = t.date[n] as string | null
    const daOk = (!from || (date !== null && date >= from)) && (!to || (date !== null && date <= to))
    const speaker = t.speaker[n] as number
    const year = t.year[n] as number
    if (soOk && kiOk && daOk && speaker >= 0) bump(counts.speaker, touched.speaker, speaker)
    if (spOk && kiOk && daOk) for (const s of t.sources[n] as number[]) bump(counts.source, touched.source, s)
    if (spOk && soOk && kiOk && year >= 0) bump(counts.year, touched.year, year)
    if (spOk && soOk && daOk) bump(counts.kind, touched.kind, t.kind[n] as number)
  }
  return {
    speaker: top(counts.speaker, touched.speaker, values.speaker, (id) => corpus.speakers.get(id)?.name ?? id, speakerSelected, 'count'),
    source: top(counts.source, touched.source, values.source, (id) => corpus.sources.get(id)?.title ?? id, params.source, 'count'),
    year: top(counts.year, touched.year, values.year, (y) => y, undefined, 'value-desc'),
    kind: top(counts.kind, touched.kind, values.kind, (k) => k, params.kind, 'count'),
  }
}

const unfiltered = new WeakMap<Corpus, Facets>()

/** The quotes of a result list. */
function* quotesOf(hits: readonly { quote: Quote }[]): Iterable<Quote> {
  for (const h of hits) yield h.quote
}

/** Facets of a result list; those of the whole corpus (no words, no filters: the home page) are kept. */
export function allFacets(corpus: Corpus, hits: readonly { quote: Quote }[], params: SearchFilters): Facets {
  const everything = hits.length === corpus.byDate.length && !params.speaker && !params.source && !params.kind && !params.from && !params.to
  if (!everything) return facetCounts(corpus, quotesOf(hits), params)
  let facets = unfiltered.get(corpus)
  if (!facets) {
    facets = facetCounts(corpus, corpus.byDate, {})
    unfiltered.set(corpus, facets)
  }
  return facets
}
