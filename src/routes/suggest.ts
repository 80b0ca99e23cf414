/**
 * @module
 * GET /api/suggest: type-ahead completions of what is being typed, from the index's own words.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { Corpus } from '../data'
import { getCorpus } from '../data'
import { editDistance } from '../search/diff'
import { FIELD_BOOST, foldedWords, MAX_TERMS, MAX_TYPOS, PREFIX_MIN, processTerm, TOKEN, typos } from '../search/options'
import { createApp } from './app'
import { problemResponses } from './schemas'

const SuggestQuery = z.object({
  q: z
    .string()
    .max(100, 'must be at most 100 characters')
    .default('')
    .openapi({ example: 'reven', description: 'What has been typed so far.' }),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(20, 'must be at most 20').default(8),
})

const SuggestResponse = z
  .object({
    query: z.string(),
    suggestions: z.array(z.object({ text: z.string(), score: z.number() })),
  })
  .openapi('Suggestions')

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Type-ahead suggestions',
  description:
    'Completes the last word (prefix, from 3 letters, as in search: shorter prefixes expand to too many words) and tolerates typos in the others; every suggestion finds at least one quote. Words are shown as most often printed.',
  request: { query: SuggestQuery },
  responses: {
    200: { description: 'Suggestions, best first', content: { 'application/json': { schema: SuggestResponse } } },
    400: problemResponses[400],
  },
})

const surfaces = new WeakMap<Corpus, Map<string, string>>()

/** For each index term, the form most often printed ("enemys" → "enemy’s"). Built once per corpus. */
export function surfaceForms(corpus: Corpus): Map<string, string> {
  let forms = surfaces.get(corpus)
  if (forms) return forms
  const counts = new Map<string, Map<string, number>>()
  const texts = [...corpus.records.quotes.map((q) => q.text), ...corpus.records.speakers.flatMap((s) => [s.name, ...s.aliases])]
  for (const text of texts)
    for (const m of text.matchAll(TOKEN)) {
      const term = processTerm(m[0])
      if (!term) continue
      const seen = counts.get(term) ?? new Map<string, number>()
      seen.set(m[0], (seen.get(m[0]) ?? 0) + 1)
      counts.set(term, seen)
    }
  forms = new Map()
  for (const [term, seen] of counts) {
    // Prefer the most frequent form, then a lower-case one (a word opening a sentence is not a name).
    const best = [...seen].sort((a, b) => b[1] - a[1] || (a[0] === a[0].toLowerCase() ? -1 : 1))[0]![0]
    forms.set(term, best)
  }
  surfaces.set(corpus, forms)
  return forms
}

/**
 * Completions of a query: the search's own matches (every word AND, prefix on the word being typed,
 * typos in the finished ones), one suggestion per completion of the last word, with the finished words
 * corrected to the index word they matched. Scores add up over the quotes a suggestion finds.
 */
export function suggest(corpus: Corpus, q: string, limit: number) {
  const words = foldedWords(q).slice(0, MAX_TERMS)
  const last = words.at(-1)
  if (!last) return []
  const typing = /[\p{L}\p{N}]$/u.test(q)
  const results = corpus.index.search(words.join(' '), {
    boost: { ...FIELD_BOOST },
    combineWith: 'AND',
    prefix: (term, i, terms) => typing && i === terms.length - 1 && term.length >= PREFIX_MIN,
    // The word being typed is incomplete: typos only in the finished ones.
    fuzzy: (term, i, terms) => (typing && i === terms.length - 1 ? 0 : typos(term)),
    maxFuzzy: MAX_TYPOS,
  })
  const scores = new Map<string, number>()
  const head = words.slice(0, -1)
  for (const r of results) {
    // The index word each finished query word matched in this quote (itself, or its typo correction).
    const fixed = head.map((w) => (r.terms.includes(w) ? w : (r.terms.find((t) => editDistance(w, t, typos(w)) <= typos(w)) ?? w)))
    const ends = r.terms.filter(
      (t) => (typing ? t.startsWith(last) : t === last) || (!typing && editDistance(last, t, typos(last)) <= typos(last)),
    )
    for (const end of ends) {
      const key = [...fixed, end].join(' ')
      scores.set(key, (scores.get(key) ?? 0) + r.score)
    }
  }
  const forms = surfaceForms(corpus)
  return [...scores]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([key, score]) => ({
      text: key
        .split(' ')
        .map((t) => forms.get(t) ?? t)
        .join(' '),
      score: Math.round(score * 1000) / 1000,
    }))
}

export const suggestions = createApp().openapi(route, (c) => {
  const { q, limit } = c.req.valid('query')
  return c.json({ query: q, suggestions: suggest(getCorpus(c), q, limit) }, 200)
})
