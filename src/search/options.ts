/**
 * @module
 * MiniSearch options shared by the prebuild (scripts/build-index.ts) and the Worker.
 * `MiniSearch.loadJSON` must get exactly the options that built the index, so both import this module.
 *
 * @example
 * const index = MiniSearch.loadJSON<QuoteDocument>(json, indexOptions)
 */
import type { Options, SearchOptions } from 'minisearch'
import type { QuoteDocument } from '../types'

/** Folds case, diacritics and apostrophe variants so "Es’haq", "Es'haq" and "eshaq" meet. */
export function normalizeTerm(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['‘’ʼ`´]/g, '')
}

/** Words and numbers; apostrophes inside words stay with the word (enemy’s, Es'haq). */
export const TOKEN = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

export function processTerm(term: string): string | null {
  const t = normalizeTerm(term)
  return t.length === 0 ? null : t
}

/** Index-time options. Changing them changes the index format: rebuild. */
export const indexOptions: Options<QuoteDocument> = {
  idField: 'id',
  fields: ['text', 'speaker'],
  storeFields: [],
  tokenize,
  processTerm,
}

/**
 * A query's words past this many are ignored: each word costs a fuzzy walk of the index, so a pasted
 * essay must not cost more than a long quotation (AND over 24 words already pins a quote down).
 */
export const MAX_QUERY_TERMS = 24

/** Query-time defaults; routes may override per call. */
export const searchOptions: SearchOptions = {
  tokenize: (text) => tokenize(text).slice(0, MAX_QUERY_TERMS),
  maxFuzzy: 2,
  boost: { text: 2, speaker: 1 },
  // Prefix only on the last word and from 3 letters: "ha" as a prefix expands to hundreds of terms and
  // their postings (the most expensive query in the bench mix), while "har" still completes as you type.
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
  fuzzy: (term) => (term.length <= 3 ? 0 : term.length <= 7 ? 1 : 2),
  combineWith: 'AND',
}
