/**
 * @module
 * Quote search over the bundled MiniSearch index: filters, pagination and highlighting.
 */
import type { SearchResult } from 'minisearch'
import type { Corpus } from '../data'
import { escapeHtml, speakerId } from '../text'
import type { Quote, QuoteKind } from '../types'
import { processTerm, searchOptions, TOKEN } from './options'

export interface SearchParams {
  q: string
  speaker?: string
  source?: string
  from?: string
  to?: string
  kind?: QuoteKind
  page: number
  limit: number
}

export interface Hit {
  quote: Quote
  score: number
  /** Index terms the quote matched, for highlighting. */
  terms: string[]
}

export interface SearchPage {
  total: number
  hits: Hit[]
}

/** A predicate for the filters; the speaker filter takes an id or a name. */
export function quoteFilter(params: Omit<SearchParams, 'q' | 'page' | 'limit'>): (q: Quote) => boolean {
  const speaker = params.speaker ? speakerId(params.speaker) : undefined
  return (q) =>
    (!speaker || q.speaker === speaker) &&
    (!params.source || q.occurrences.some((o) => o.source === params.source)) &&
    (!params.kind || q.kind === params.kind) &&
    (!params.from || (q.date !== null && q.date >= params.from)) &&
    (!params.to || (q.date !== null && q.date <= params.to))
}

export function searchQuotes(corpus: Corpus, params: SearchParams): SearchPage {
  const keep = quoteFilter(params)
  const offset = (params.page - 1) * params.limit
  const q = params.q.trim()
  if (q === '') {
    const all = corpus.byDate.filter(keep)
    return { total: all.length, hits: all.slice(offset, offset + params.limit).map((quote) => ({ quote, score: 0, terms: [] })) }
  }
  const filter = (r: SearchResult) => {
    const quote = corpus.quotes.get(r.id as string)
    return quote !== undefined && keep(quote)
  }
  let results = corpus.index.search(q, { ...searchOptions, filter })
  // Every word must match when it can; a query with one unmatched word still finds the rest.
  if (results.length === 0) results = corpus.index.search(q, { ...searchOptions, combineWith: 'OR', filter })
  return {
    total: results.length,
    hits: results.slice(offset, offset + params.limit).map((r) => ({
      quote: corpus.quotes.get(r.id as string) as Quote,
      score: Math.round(r.score * 1000) / 1000,
      terms: r.terms,
    })),
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
