/**
 * @module
 * Type-ahead (GET /api/suggest): completions of what is being typed, from the corpus's own words. The query's
 * finished words must all match (typos allowed); the last word completes as a prefix (from PREFIX_MIN letters).
 * Each backend finds the matching quotes its own way; `completions` turns them into suggestions for both.
 */
import type { Corpus } from '../data'
import { editDistance } from './diff'
import { FIELD_BOOST, MAX_TYPOS, PREFIX_MIN, processTerm, TOKEN, typos } from './options'
import { splitQuery } from './query'

export interface Suggestion {
  /** The completed query, words as most often printed. */
  text: string
  /** Sum of the scores of the quotes it finds. */
  score: number
}

/** A query being typed: its words (folded, and as typed), and whether the last one is unfinished (no space after it). */
export interface Typed {
  words: string[]
  /** The same words as typed (FTS5 tokenizes them itself on D1). */
  tokens: string[]
  typing: boolean
}

/** The words typed so far, quotes aside, split as a search splits them (src/search/query.ts splitQuery). */
export function readTyped(q: string): Typed {
  const { pieces, typing } = splitQuery(q)
  return { words: pieces.flatMap((p) => p.folded), tokens: pieces.flatMap((p) => p.typed), typing }
}

/** Whether the last word is searched as a prefix: being typed and long enough not to expand to the whole vocabulary. */
export const completesLast = ({ words, typing }: Typed) => typing && (words.at(-1)?.length ?? 0) >= PREFIX_MIN

const within = (word: string, term: string) => editDistance(word, term, typos(word)) <= typos(word)

/**
 * Suggestions from the quotes a typed query matches, each given with the folded terms it holds (at least the ones
 * the query matched) and its score: one suggestion per completion of the last word, with the finished words
 * corrected to the word the quote holds. Scores add up over the quotes a suggestion finds.
 */
export function completions(
  matches: Iterable<{ terms: string[]; score: number }>,
  typed: Typed,
  form: (term: string) => string,
  limit: number,
): Suggestion[] {
  const last = typed.words.at(-1)
  if (!last) return []
  const head = typed.words.slice(0, -1)
  const prefix = completesLast(typed)
  const scores = new Map<string, number>()
  for (const m of matches) {
    const fixed = head.map((w) => (m.terms.includes(w) ? w : (m.terms.find((t) => within(w, t)) ?? w)))
    const ends = m.terms.filter((t) => (prefix ? t.startsWith(last) : t === last || (!typed.typing && within(last, t))))
    for (const end of new Set(ends)) {
      const key = [...fixed, end].join(' ')
      scores.set(key, (scores.get(key) ?? 0) + m.score)
    }
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([key, score]) => ({
      text: key
        .split(' ')
        .map((t) => form(t))
        .join(' '),
      score: Math.round(score * 1000) / 1000,
    }))
}

/** For each term of some texts, the form most often printed ("enemys" → "enemy’s"). */
export function surfaceFormsOf(texts: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>()
  for (const text of texts)
    for (const m of text.matchAll(TOKEN)) {
      const term = processTerm(m[0])
      if (!term) continue
      const seen = counts.get(term) ?? new Map<string, number>()
      seen.set(m[0], (seen.get(m[0]) ?? 0) + 1)
      counts.set(term, seen)
    }
  const forms = new Map<string, string>()
  for (const [term, seen] of counts) {
    // Prefer the most frequent form, then a lower-case one (a word opening a sentence is not a name).
    const best = [...seen].sort((a, b) => b[1] - a[1] || (a[0] === a[0].toLowerCase() ? -1 : 1))[0]![0]
    forms.set(term, best)
  }
  return forms
}

const surfaces = new WeakMap<Corpus, Map<string, string>>()

/** The printed forms of every term of a bundled corpus, built once. */
export function surfaceForms(corpus: Corpus): Map<string, string> {
  let forms = surfaces.get(corpus)
  if (!forms) {
    forms = surfaceFormsOf([...corpus.records.quotes.map((q) => q.text), ...corpus.records.speakers.flatMap((s) => [s.name, ...s.aliases])])
    surfaces.set(corpus, forms)
  }
  return forms
}

/** Suggestions from the bundled index: every quote the typed query matches. */
export function suggestBundled(corpus: Corpus, q: string, limit: number): Suggestion[] {
  const typed = readTyped(q)
  if (typed.words.length === 0) return []
  const results = corpus.index.search(typed.words.join(' '), {
    boost: { ...FIELD_BOOST },
    combineWith: 'AND',
    prefix: (_term, i, terms) => i === terms.length - 1 && completesLast(typed),
    // The word being typed is incomplete: typos only in the finished ones.
    fuzzy: (term, i, terms) => (typed.typing && i === terms.length - 1 ? 0 : typos(term)),
    maxFuzzy: MAX_TYPOS,
  })
  const forms = surfaceForms(corpus)
  return completions(results, typed, (t) => forms.get(t) ?? t, limit)
}
