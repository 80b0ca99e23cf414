/**
 * @module
 * Quote search over the bundled MiniSearch index: ranking (see src/search/options.ts for the tuning),
 * phrases, speaker names in the query, filters, facets, sorting, pagination and highlighting.
 */
import type { Query, QueryCombination, SearchResult } from 'minisearch'
import { type Corpus, compareByDate } from '../data'
import type { Quote } from '../types'
import { highlightHtml, quoteContext, termsSnippetHtml } from './context'
import { editDistance } from './diff'
import { allFacets, predicates } from './facets'
import {
  ALL_FIELDS,
  BOOST_WINDOW,
  COMMON_WORDS,
  CONTEXT_WIDEN_BELOW,
  decisiveWords,
  FIELD_BOOST,
  FORM_WEIGHT,
  foldedWords,
  MAX_TYPOS,
  PHRASE_BOOST,
  PREFIX_MIN,
  QUOTE_FIELDS,
  typos,
} from './options'
import type { Correction, Hit, Reading, SearchFilters, SearchPage, SearchParams } from './params'
import { adjacency, containsSequence, parseQuery } from './query'
import { corpusNameIndex, mayNameSpeaker, type NamedSpeakers, speakersInQuery } from './speakers'
import { otherForms } from './stems'
import { topK } from './top'

export { facetCounts } from './facets'

interface Scored extends Omit<Hit, 'context'> {
  /** +1 when the query names this quote's speaker, +1 when it names its year: higher tiers rank first. */
  tier: number
}

const NO_NAMES: NamedSpeakers = { ids: new Set(), terms: new Set() }

/** A year in a query: 1800–2099. */
export const YEAR = /^(1[89]|20)\d\d$/

/** A predicate for the filters; the speaker filter takes an id or a name. */
export function quoteFilter(params: SearchFilters): (q: Quote) => boolean {
  const p = predicates(params)
  return (q) => p.speaker(q) && p.source(q) && p.kind(q) && p.date(q)
}

/** Whether `term` is within the typos `word` allows (typos: by its length). */
const withinTypos = (word: string, term: string) => editDistance(word, term, typos(word)) <= typos(word)

/**
 * Corrections for query words no result holds as typed (heldWords: nor as another form, nor as the prefix being
 * typed): each with the result word within its typos it was matched as most often, read from the best BOOST_WINDOW
 * results.
 */
export function correctionsIn(hits: { terms: string[] }[], unheld: string[]): Correction[] {
  const out: Correction[] = []
  for (const w of new Set(unheld)) {
    if (typos(w) === 0) continue
    const near = new Map<string, number>()
    // Each distinct result word is judged once: the same few typos recur in every hit.
    const judged = new Map<string, boolean>()
    for (const h of hits.slice(0, BOOST_WINDOW)) {
      for (const t of h.terms) {
        let isNear = judged.get(t)
        if (isNear === undefined) {
          isNear = withinTypos(w, t)
          judged.set(t, isNear)
        }
        if (isNear) near.set(t, (near.get(t) ?? 0) + 1)
      }
    }
    const best = [...near].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]
    if (best) out.push({ typed: w, searched: best[0] })
  }
  return out
}

/** The words some hit holds as typed (`accepts`: as typed, as the prefix being typed, as another form), each distinct term judged once. */
export function heldWords(
  hits: readonly { terms: string[] }[],
  words: string[],
  accepts: (word: string, term: string) => boolean,
): Set<string> {
  const terms = new Set<string>()
  for (const h of hits) for (const t of h.terms) terms.add(t)
  const held = new Set<string>()
  for (const w of words) for (const t of terms) if (accepts(w, t)) held.add(w)
  return held
}

/**
 * The results without those that match a word of `held` only through a typo neighbour of it: with `AND`, each held
 * word must be matched by a term it accepts; with `OR`, some word must be matched so (a held one by a term it accepts,
 * another by a term within its typos). A kept result's `terms` (what its highlight marks) lose such neighbours too.
 */
export function withoutNeighbours<R extends { terms: string[] }>(
  results: R[],
  words: string[],
  held: Set<string>,
  accepts: (word: string, term: string) => boolean,
  combineWith: 'AND' | 'OR',
): R[] {
  if (held.size === 0) return results
  const matches = (w: string, t: string) => accepts(w, t) || (!held.has(w) && withinTypos(w, t))
  const holds = (r: R, w: string) => r.terms.some((t) => matches(w, t))
  const kept =
    combineWith === 'AND'
      ? results.filter((r) => words.every((w) => !held.has(w) || holds(r, w)))
      : results.filter((r) => words.some((w) => holds(r, w)))
  const wanted = (t: string) => words.some((w) => matches(w, t))
  for (const r of kept) if (!r.terms.every(wanted)) r.terms = r.terms.filter(wanted)
  return kept
}

const contexts = new WeakMap<Corpus, boolean>()

/** Whether any quote can have a context: some source has article text (a Quotebank corpus has none). */
function hasContext(corpus: Corpus): boolean {
  let has = contexts.get(corpus)
  if (has === undefined) {
    has = corpus.records.sources.some((s) => s.body !== '')
    contexts.set(corpus, has)
  }
  return has
}

/** Where a search request's time goes: the bench's columns (scripts/bench/node-side.ts). */
export type Phase = 'search' | 'names' | 'facets' | 'highlight' | 'serialisation'

/** Called at the end of each phase of a search: the time since the previous call belongs to that phase. */
export type Lap = (phase: Phase) => void

const noLap: Lap = () => {}

/**
 * The word of a phrase to search it by: the one likely to be held by the fewest quotes, so its postings are short.
 * The index tells no word's frequency without a search, so: a word outside COMMON_WORDS, the longest (in Zipf's
 * law, long words are rare), the first of equals.
 */
export function rarestWord(phrase: string[]): string {
  let best = phrase[0] as string
  const rank = (w: string) => (COMMON_WORDS.has(w) ? 0 : 1000) + w.length
  for (const w of phrase) if (rank(w) > rank(best)) best = w
  return best
}

/** Every quote matching the query words, best first, before filters: quotes matching in their own words first. */
function rank(corpus: Corpus, q: string, lap: Lap): Omit<Reading, 'dropped'> & { scored: Scored[]; dropped: number; ordered?: true } {
  const parsed = parseQuery(q)
  const none = { match: 'all' as const, corrected: [], common: [], dropped: parsed.dropped }
  if (parsed.words.length === 0 && parsed.phrases.length === 0) {
    // No query lists every quote; a query without a searchable word ("😀", "!!!") finds none.
    if (q.trim() !== '') return { ...none, scored: [] }
    return { ...none, scored: everyQuote(corpus), ordered: true }
  }
  const all = [...new Set(parsed.words)]
  // A year ("2019 khamenei") is a date hint, not a word to match: quotes dated that year rank first.
  // A query of years only still searches them as words and adds the quotes dated then.
  const years = new Set(all.filter((w) => YEAR.test(w)))
  const yearsOnly = years.size === all.length && parsed.phrases.length === 0
  const unique = yearsOnly ? all : all.filter((w) => !years.has(w))
  lap('search')
  // The names table is not even built for words too short to name a speaker.
  const named = mayNameSpeaker(unique) ? speakersInQuery(corpusNameIndex(corpus), unique) : NO_NAMES
  lap('names')
  // Name words are searched apart (as a bonus) when other words remain to match; a query of only names searches the
  // names (very common words beside a name do not count as other words).
  const content = unique.filter((w) => !named.terms.has(w))
  const split = content.some((w) => !COMMON_WORDS.has(w)) || parsed.phrases.length > 0
  const words = split ? content : unique
  const nameTerms = split ? unique.filter((w) => named.terms.has(w)) : []
  // Very common words decide nothing beside other words; beside a "phrase", the phrase decides.
  const read = decisiveWords(words)
  const onlyCommon = parsed.phrases.length > 0 && read.common.length === 0 && words.every((w) => COMMON_WORDS.has(w))
  const free = onlyCommon ? [] : read.decisive
  const common = onlyCommon ? [...new Set(words)] : read.common
  const prefixWord = parsed.prefixLast ? parsed.words.at(-1) : undefined

  // A phrase is searched by its rarest word alone, then checked on the candidates' text (below): the same quotes as
  // searching every word, without walking the postings of its common words.
  const phraseQueries: Query[] = parsed.phrases.map((p) => ({ queries: [rarestWord(p)], fuzzy: false, prefix: false }))
  const phraseWords = parsed.phrases.flat()
  // Each word as typed (typos, the last as a prefix) or as another form of it ("assassinated" → "assassination"),
  // that one exactly and weighted like a typo (src/search/stems.ts).
  const forms = corpus.records.word_forms
  const isPrefix = (w: string) => w === prefixWord && w.length >= PREFIX_MIN
  const typed = { fuzzy: typos, prefix: (t: string) => isPrefix(t) }
  const wordQuery = (w: string): QueryCombination => {
    // Forms the word already reaches by a typo or as the prefix being typed are not counted twice.
    const others = otherForms(forms, w).filter((o) => !withinTypos(w, o) && !(isPrefix(w) && o.startsWith(w)))
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
  const find = (combineWith: 'AND' | 'OR', fields: string[]) => corpus.index.search(build(combineWith), { ...options, fields })
  // Every word must match when it can (in the quote, or with its context); else quotes with any of them. The context
  // is searched only while few quotes hold the words themselves (CONTEXT_WIDEN_BELOW). A corpus without article text
  // (Quotebank) has no context: one search does.
  // A word some quote holds as typed (or as the prefix being typed, or as another form) is not matched by its typo
  // neighbours ("wall" is not "will"): D1 and PostgreSQL likewise try their nearest terms only for the words their
  // vocabulary lacks. Whether the context holds a word the quotes do not is known once the context is searched.
  const withContext = hasContext(corpus)
  const alike = new Map(free.map((w) => [w, new Set(otherForms(forms, w))]))
  const accepts = (w: string, t: string) => t === w || (isPrefix(w) && t.startsWith(w)) || Boolean(alike.get(w)?.has(t))
  // Only a word allowed typos has neighbours, or needs a correction.
  const fuzzy = free.filter((w) => typos(w) > 0)
  const searched = (combineWith: 'AND' | 'OR') => {
    const found = find(combineWith, QUOTE_FIELDS)
    let held = heldWords(found, fuzzy, accepts)
    let own = withoutNeighbours(found, free, held, accepts, combineWith)
    const unknown = fuzzy.some((w) => !held.has(w))
    if (!withContext || (parsed.phrases.length === 0 && own.length >= CONTEXT_WIDEN_BELOW && !unknown)) return { own, anywhere: own }
    const all = find(combineWith, ALL_FIELDS)
    held = heldWords(all, fuzzy, accepts)
    own = withoutNeighbours(found, free, held, accepts, combineWith)
    const widened = parsed.phrases.length > 0 || own.length < CONTEXT_WIDEN_BELOW
    return { own, anywhere: widened ? withoutNeighbours(all, free, held, accepts, combineWith) : own }
  }
  let match: Reading['match'] = 'all'
  let { own: inQuote, anywhere } = searched('AND')
  if (anywhere.length === 0 && free.length > 1) {
    match = 'any'
    ;({ own: inQuote, anywhere } = searched('OR'))
  }
  // Without context every result matched in the quote's own words.
  const ownWords = anywhere !== inQuote ? new Set(inQuote.map((r) => r.id as string)) : undefined
  const results = ownWords ? [...inQuote, ...anywhere.filter((r) => !ownWords.has(r.id as string))] : inQuote

  lap('search')
  const bonus = new Map<string, SearchResult>()
  if (nameTerms.length > 0 && results.length > 0)
    for (const r of corpus.index.search(nameTerms.join(' '), { ...options, combineWith: 'OR', prefix: false, fuzzy: typos }))
      bonus.set(r.id as string, r)
  lap('names')

  const tierOf =
    named.ids.size === 0 && years.size === 0
      ? () => 0
      : (quote: Quote) =>
          (quote.speaker !== null && named.ids.has(quote.speaker) ? 1 : 0) +
          (quote.date !== null && years.has(quote.date.slice(0, 4)) ? 1 : 0)
  const scored: Scored[] = []
  for (const r of results) {
    const quote = corpus.quotes.get(r.id as string)
    if (!quote) continue
    // A quoted phrase is a filter: checked on every candidate (MiniSearch already required its words).
    if (parsed.phrases.length > 0) {
      const words = wordsOf(quote)
      if (!parsed.phrases.every((p) => containsSequence(words, p))) continue
    }
    const extra = bonus.get(quote.id)
    // Every word of a phrase is in the quote's text (checked above): all are matched words.
    const matched = phraseWords.length > 0 ? [...r.terms, ...phraseWords] : r.terms
    const terms = extra || phraseWords.length > 0 ? [...new Set([...matched, ...(extra?.terms ?? [])])] : r.terms
    const matchedIn = !ownWords || ownWords.has(quote.id) ? 'text' : 'context'
    scored.push({ quote, score: r.score + (extra?.score ?? 0), terms, tier: tierOf(quote), matchedIn })
  }
  if (yearsOnly) {
    const found = new Set(scored.map((s) => s.quote.id))
    for (const quote of corpus.byDate)
      if (!found.has(quote.id) && tierOf(quote) > 0) scored.push({ quote, score: 0, terms: [], tier: tierOf(quote), matchedIn: 'text' })
  }
  // Words side by side raise a quote (at most ×PHRASE_BOOST): checked on the best BOOST_WINDOW by score,
  // which bounds the cost of common words; a quote below that window is far down the list anyway.
  if (parsed.words.length > 1) {
    const prefix = prefixWord !== undefined
    for (const s of topK(scored, BOOST_WINDOW, (a, b) => b.score - a.score)) {
      const words = wordsOf(s.quote)
      s.score *= containsSequence(words, parsed.words, prefix) ? PHRASE_BOOST : 1 + adjacency(words, parsed.words, prefix)
    }
  }
  // A word some result holds as typed needs no correction: only the others are read from the best results (a common
  // word then never orders its thousands of matches for it).
  const held = heldWords(scored, fuzzy, accepts)
  const unsure = fuzzy.filter((w) => !held.has(w))
  const best = unsure.length > 0 ? topK(scored, BOOST_WINDOW, byRelevance) : []
  const corrected = correctionsIn(best, unsure)
  return { scored, match, corrected, common, dropped: parsed.dropped }
}

/** Quotes' folded words, kept per isolate for the phrase check and the side-by-side boost; cleared when full. */
const quoteWords = new Map<Quote, string[]>()
const QUOTE_WORDS = 5_000

/** A quote's folded words (options.ts foldedWords), computed once while they stay in the cache. */
function wordsOf(quote: Quote): string[] {
  let words = quoteWords.get(quote)
  if (!words) {
    words = foldedWords(quote.text)
    if (quoteWords.size >= QUOTE_WORDS) quoteWords.clear()
    quoteWords.set(quote, words)
  }
  return words
}

const own = (s: Scored) => (s.matchedIn === 'text' ? 1 : 0)

/** Relevance order: matches in the quote's own words first, then higher tiers, higher scores, and ids. */
function byRelevance(a: Scored, b: Scored): number {
  return own(b) - own(a) || b.tier - a.tier || b.score - a.score || (a.quote.id < b.quote.id ? -1 : 1)
}

const everyQuotes = new WeakMap<Corpus, Scored[]>()

/** What an empty query finds, newest first: every quote, built once per corpus (nothing in it changes). */
function everyQuote(corpus: Corpus): Scored[] {
  let all = everyQuotes.get(corpus)
  if (!all) {
    all = corpus.byDate.map((quote) => ({ quote, score: 0, terms: [], tier: 0, matchedIn: 'text' }))
    everyQuotes.set(corpus, all)
  }
  return all
}

/** Oldest first (`date`) or newest first (`-date`); undated last; ties keep their relevance order. */
function byDate(order: 'date' | '-date') {
  const dir = order === 'date' ? 1 : -1
  return (a: { quote: Quote }, b: { quote: Quote }) => {
    const x = a.quote.date
    const y = b.quote.date
    if (x === y) return 0
    if (x === null) return 1
    if (y === null) return -1
    return x < y ? -dir : dir
  }
}

/** One page of results for these parameters; `lap` (the bench's profiler) is told where the time went. */
export function searchQuotes(corpus: Corpus, params: SearchParams, lap: Lap = noLap): SearchPage {
  const { scored, ordered, ...reading } = rank(corpus, params.q, lap)
  const keep = quoteFilter(params)
  const filtered = Boolean(params.speaker || params.source || params.kind || params.from || params.to)
  const hits = filtered ? scored.filter((s) => keep(s.quote)) : scored
  // Only the page is put in order. `relevance` is the ranking (newest first for an empty query, whose list is in that
  // order already); a date order keeps it among equal dates.
  const offset = (params.page - 1) * params.limit
  const relevance = ordered ? (a: Scored, b: Scored) => compareByDate(a.quote, b.quote) : byRelevance
  const dated = params.sort === 'date' || params.sort === '-date' ? byDate(params.sort) : undefined
  const first =
    dated === undefined && ordered
      ? hits.slice(0, offset + params.limit)
      : topK(hits, offset + params.limit, dated ? (a, b) => dated(a, b) || relevance(a, b) : relevance)
  const sourceOf = (id: string) => corpus.sources.get(id)
  lap('search')
  const page = first.slice(offset).map(({ quote, score, terms, matchedIn }) => ({
    quote,
    score: Math.round(score * 1000) / 1000,
    terms,
    matchedIn,
    context: matchedIn === 'context' ? termsSnippetHtml(quoteContext(quote, sourceOf), terms) : null,
  }))
  lap('highlight')
  const facets = params.facets === false ? null : allFacets(corpus, scored, params)
  lap('facets')
  return { ...reading, total: hits.length, hits: page, facets }
}

/** HTML-escaped text with each matched word in <mark> (a very common word only beside another marked word). */
export function highlight(text: string, terms: string[]): string {
  return highlightHtml(text, terms)
}
