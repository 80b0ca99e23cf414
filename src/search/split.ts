/**
 * @module
 * The bundled index in two parts, so a cold start loads less. Loading a MiniSearch index costs in proportion to its
 * postings, and a few very common words hold a large share of them (on these corpora the words in at least
 * COMMON_SHARE of the quotes). The build writes two MiniSearch indexes over the same documents: the main one without
 * those words, and one with only them. Both keep every document's field lengths (MiniSearch counts them before
 * `processTerm`), so a word scores exactly as in an index of every word. Each part is loaded with
 * `MiniSearch.loadJSON` and the build's options (src/search/options.ts) on the first query that needs it.
 *
 * `QuoteIndex.search` answers as `MiniSearch.search` over an index of every word: a query whose words can reach only
 * one part (exactly, by a typo or as a prefix) is that part's own search; any other is evaluated word by word on the
 * parts each word can reach and combined as MiniSearch combines (OR, AND, AND_NOT; a result's score times the number
 * of query words it matched).
 *
 * index.txt: a header line `{"verbatim_index":2,"common":[…]}`, the main index, the common-word index (one JSON text
 * per line); or, for a corpus without very common words, one MiniSearch JSON text as before.
 */
import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch'
import type { Quote, QuoteDocument, Source, Speaker } from '../types'
import { quoteContext } from './context'
import { indexOptions, processTerm } from './options'

/** A word in at least this share of the quotes is very common: kept in the second index. */
export const COMMON_SHARE = 0.01
/** ... and in at least this many quotes (a small corpus has none). */
export const COMMON_MIN_QUOTES = 50
/** At most this many very common words (the most frequent). */
export const MAX_COMMON = 500

/** What the search code needs of the index: MiniSearch's `search`, with its meaning. */
export interface QuoteIndex {
  search(query: Query, options?: SearchOptions): SearchResult[]
  /** Loads every part now (the bench's memory figure). */
  loadAll(): void
}

/** The documents the index holds: each quote's text, its speaker's names and aliases, and its context. */
export function quoteDocuments(quotes: Quote[], speakers: Speaker[], sources: Source[]): QuoteDocument[] {
  const names = new Map(speakers.map((s) => [s.id, [s.name, ...s.aliases].join(' ')]))
  const byId = new Map(sources.map((s) => [s.id, s]))
  return quotes.map((q) => ({
    id: q.id,
    text: q.text,
    speaker: q.speaker ? (names.get(q.speaker) ?? '') : '',
    context: quoteContext(q, (id) => byId.get(id)),
  }))
}

/** The folded words of these documents held by at least `min` of them, most frequent first (at most MAX_COMMON). */
export function commonWords(documents: QuoteDocument[], min = Math.max(COMMON_MIN_QUOTES, documents.length * COMMON_SHARE)): string[] {
  const held = new Map<string, number>()
  const fields = indexOptions.fields as (keyof QuoteDocument)[]
  const tokenize = indexOptions.tokenize as (text: string) => string[]
  for (const d of documents) {
    const words = new Set<string>()
    for (const f of fields) for (const t of tokenize(d[f])) words.add(processTerm(t) ?? '')
    words.delete('')
    for (const w of words) held.set(w, (held.get(w) ?? 0) + 1)
  }
  return [...held]
    .filter(([, n]) => n >= min)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_COMMON)
    .map(([w]) => w)
}

/** Index options whose `processTerm` keeps only the words `keep` accepts (the build's options otherwise). */
function keeping(keep: (word: string) => boolean): Options<QuoteDocument> {
  return {
    ...indexOptions,
    processTerm: (term) => {
      const t = processTerm(term)
      return t !== null && keep(t) ? t : null
    },
  }
}

/** index.txt for these documents: the main and common-word indexes, or one index when no word is very common. */
export function buildIndexText(documents: QuoteDocument[], common: string[] = commonWords(documents)): string {
  const build = (options: Options<QuoteDocument>) => {
    const index = new MiniSearch<QuoteDocument>(options)
    index.addAll(documents)
    return JSON.stringify(index)
  }
  if (common.length === 0) return build(indexOptions)
  const set = new Set(common)
  const header = JSON.stringify({ verbatim_index: 2, common })
  return `${header}\n${build(keeping((w) => !set.has(w)))}\n${build(keeping((w) => set.has(w)))}`
}

/** An index of every word for these documents, as one MiniSearch JSON text (the bench's yardstick). */
export function everyWordIndexText(documents: QuoteDocument[]): string {
  return buildIndexText(documents, [])
}

type Part = 'main' | 'common'
type Raw = Map<string, { score: number; terms: string[]; match: SearchResult['match'] }>
type Spec = { term: string; fuzzy: boolean | number; prefix: boolean; termBoost: number }

/** The index of index.txt, each part loaded on first use. */
export function loadIndex(text: string): QuoteIndex {
  if (!text.startsWith('{"verbatim_index":')) {
    let whole: MiniSearch<QuoteDocument> | undefined
    const get = () => {
      whole ??= MiniSearch.loadJSON<QuoteDocument>(text, indexOptions)
      return whole
    }
    return { search: (q, o) => get().search(q, o), loadAll: () => void get() }
  }
  const first = text.indexOf('\n')
  const second = text.indexOf('\n', first + 1)
  const { common } = JSON.parse(text.slice(0, first)) as { common: string[] }
  const parts: Partial<Record<Part, MiniSearch<QuoteDocument>>> = {}
  const part = (p: Part) => {
    parts[p] ??= MiniSearch.loadJSON<QuoteDocument>(p === 'main' ? text.slice(first + 1, second) : text.slice(second + 1), indexOptions)
    return parts[p]
  }
  const reach = reacher(common)
  return {
    search(query, options = {}) {
      const needs = new Set<Part>()
      walk(query, options, (spec) => {
        for (const p of reach(spec)) needs.add(p)
      })
      if (needs.size < 2) return part(needs.has('common') ? 'common' : 'main').search(query, options)
      const word: Word = (spec, o, within) => {
        const raws = reach(spec).map((p) => leaf(part(p), spec, o, within))
        return raws.length === 1 ? (raws[0] as Raw) : combine(raws, 'or')
      }
      return combined(query, options, word, (spec) => reach(spec).includes('common'))
    },
    loadAll() {
      part('main')
      part('common')
    },
  }
}

/** Which parts a query word can reach: the common one by a very common word (as typed, by a typo, as a prefix). */
function reacher(common: string[]): (spec: Spec) => Part[] {
  const set = new Set(common)
  const seen = new Map<string, Part[]>()
  return (spec) => {
    const key = `${spec.term} ${spec.fuzzy} ${spec.prefix}`
    let parts = seen.get(key)
    if (!parts) {
      const d = spec.fuzzy === false ? 0 : spec.fuzzy === true ? 0.2 : spec.fuzzy
      const edits = d < 1 ? Math.round(spec.term.length * d) : d
      const loose = spec.prefix || edits > 0
      const near = common.some((w) => (spec.prefix && w.startsWith(spec.term)) || (edits > 0 && levenshtein(spec.term, w, edits) <= edits))
      parts = [...(loose || !set.has(spec.term) ? ['main' as const] : []), ...(set.has(spec.term) || near ? ['common' as const] : [])]
      if (seen.size > 10_000) seen.clear()
      seen.set(key, parts)
    }
    return parts
  }
}

/** Levenshtein distance (MiniSearch's fuzzy matching: a transposition is 2), or max + 1 once past max. */
export function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
      row.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    prev = row
  }
  return prev[b.length] as number
}

/** MiniSearch's reading of a query: every word with its options (its `executeQuery`, without running it). */
function walk(query: Query, options: SearchOptions, visit: (spec: Spec, options: SearchOptions) => void): void {
  if (typeof query !== 'string') {
    if (typeof query === 'symbol') return
    const merged = { ...options, ...query, queries: undefined }
    for (const q of query.queries) walk(q, merged, visit)
    return
  }
  const o = { tokenize: indexOptions.tokenize, processTerm: indexOptions.processTerm, ...indexOptions.searchOptions, ...options }
  const terms = (o.tokenize as (text: string) => string[])(query)
    .flatMap((t) => (o.processTerm as (term: string) => string | string[] | null | undefined | false)(t))
    .filter((t): t is string => Boolean(t))
  terms.forEach((term, i) => {
    const fuzzy = typeof o.fuzzy === 'function' ? o.fuzzy(term, i, terms) : (o.fuzzy ?? false)
    const prefix = typeof o.prefix === 'function' ? o.prefix(term, i, terms) : o.prefix === true
    const termBoost = typeof o.boostTerm === 'function' ? o.boostTerm(term, i, terms) : 1
    visit({ term, fuzzy, prefix, termBoost }, o)
  })
}

/** One query word on one part: its matches as MiniSearch's raw results (the score of one word is not multiplied). */
function leaf(index: MiniSearch<QuoteDocument>, spec: Spec, o: SearchOptions, within: Set<string> | undefined): Raw {
  const out: Raw = new Map()
  const options: SearchOptions = {
    ...o,
    tokenize: (t) => [t],
    processTerm: (t) => t,
    fuzzy: spec.fuzzy,
    prefix: spec.prefix,
    boostTerm: () => spec.termBoost,
    combineWith: 'OR',
    filter: within ? (r) => within.has(r.id as string) : undefined,
  }
  for (const r of index.search(spec.term, options)) out.set(r.id as string, { score: r.score, terms: r.queryTerms, match: r.match })
  return out
}

/** MiniSearch's combinators over raw results. */
function combine(results: Raw[], combineWith = 'or'): Raw {
  const op = combineWith.toLowerCase()
  if (results.length === 0) return new Map()
  return results.reduce((a, b) => {
    if (op === 'and_not') {
      for (const id of b.keys()) a.delete(id)
      return a
    }
    if (op === 'and') {
      const both: Raw = new Map()
      for (const [id, r] of b) {
        const x = a.get(id)
        if (!x) continue
        for (const t of r.terms) if (!x.terms.includes(t)) x.terms.push(t)
        both.set(id, { score: x.score + r.score, terms: x.terms, match: Object.assign(x.match, r.match) })
      }
      return both
    }
    if (op !== 'or') throw new Error(`Invalid combination operator: ${combineWith}`)
    for (const [id, r] of b) {
      const x = a.get(id)
      if (!x) a.set(id, r)
      else {
        x.score += r.score
        x.match = Object.assign(x.match, r.match)
        for (const t of r.terms) if (!x.terms.includes(t)) x.terms.push(t)
      }
    }
    return a
  })
}

/** One word's raw results, only for documents in `within` when given (others could not survive an AND). */
type Word = (spec: Spec, o: SearchOptions, within: Set<string> | undefined) => Raw

/**
 * Raw results of operands combined with `combineWith`, as MiniSearch combines them in their order. Under AND (and for
 * the operands after the first of AND_NOT) each operand is searched only among the documents the others left: the
 * operands that cannot reach a very common word go first, so a common word is scored only on their few matches.
 */
function operands(
  count: number,
  combineWith: string,
  common: (k: number) => boolean,
  run: (k: number, within?: Set<string>) => Raw,
  within?: Set<string>,
): Raw {
  const op = combineWith.toLowerCase()
  const raws: Raw[] = new Array(count)
  if (op === 'and') {
    const order = [...Array(count).keys()].sort((a, b) => Number(common(a)) - Number(common(b)))
    let left = within
    for (const k of order) {
      const raw = run(k, left)
      raws[k] = raw
      left = new Set([...raw.keys()].filter((id) => !left || left.has(id)))
    }
  } else if (op === 'and_not' && count > 0) {
    raws[0] = run(0, within)
    const first = new Set(raws[0].keys())
    for (let k = 1; k < count; k++) raws[k] = run(k, first)
  } else for (let k = 0; k < count; k++) raws[k] = run(k, within)
  return combine(raws, combineWith)
}

/** MiniSearch's `search` with each word's results from `word`: combined, scored by words matched, filtered, sorted. */
function combined(query: Query, options: SearchOptions, word: Word, reachesCommon: (spec: Spec) => boolean): SearchResult[] {
  const touchesCommon = (q: Query, o: SearchOptions) => {
    let found = false
    walk(q, o, (spec) => {
      if (reachesCommon(spec)) found = true
    })
    return found
  }
  const run = (q: Query, o: SearchOptions, within?: Set<string>): Raw => {
    if (typeof q !== 'string') {
      const merged = { ...o, ...(q as object), queries: undefined } as SearchOptions & { combineWith?: string }
      const subs = (q as { queries: Query[] }).queries
      return operands(
        subs.length,
        merged.combineWith ?? 'or',
        (k) => touchesCommon(subs[k] as Query, merged),
        (k, left) => run(subs[k] as Query, merged, left),
        within,
      )
    }
    const specs: [Spec, SearchOptions][] = []
    let combineWith = 'or'
    walk(q, o, (spec, merged) => {
      specs.push([spec, merged])
      combineWith = merged.combineWith ?? 'or'
    })
    return operands(
      specs.length,
      combineWith,
      (k) => reachesCommon((specs[k] as [Spec, SearchOptions])[0]),
      (k, left) => word(...(specs[k] as [Spec, SearchOptions]), left),
      within,
    )
  }
  const filter = { ...indexOptions.searchOptions, ...options }.filter
  const out: SearchResult[] = []
  for (const [id, { score, terms, match }] of run(query, options)) {
    const r = { id, score: score * (terms.length || 1), terms: Object.keys(match), queryTerms: terms, match }
    if (!filter || filter(r)) out.push(r)
  }
  return out.sort((a, b) => b.score - a.score)
}
