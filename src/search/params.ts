/**
 * @module
 * What a search is asked and what it answers, on both backends: the parameters, hits, facets and the reading of the
 * query. Types only, so the search, its facets and the D1 SQL import { COUNT_CAP, FACET_SAMPLE } from './options'
import them without importing each other.
 */
import type { Quote, QuoteKind } from '../types'

/** One value of a facet: its label and how many results have it. */
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

/** The order of search results. */
export type SortOrder = 'relevance' | 'date' | '-date'

/** The filters of a search: a speaker (id or name), a source id, a date range (ISO, inclusive) and a kind. */
export interface SearchFilters {
  speaker?: string
  source?: string
  from?: string
  to?: string
  kind?: QuoteKind
}

/** A search: the query, its filters, its order and the page asked for. */
export interface SearchParams extends SearchFilters {
  q: string
  /** `relevance` (default; newest first for an empty query), `date` (oldest first) or `-date` (newest first). Undated quotes come last. */
  sort?: SortOrder
  /** Count facets (default true); a caller that shows none saves their cost (most of a common word's, on D1). */
  facets?: boolean
  page: number
  limit: number
}

/** Where a quote matched the query's words: in its own words (text or speaker) or only with its context. */
export type MatchedIn = 'text' | 'context'

/** One quote a search found, with its score and what it matched. */
export interface Hit {
  quote: Quote
  score: number
  /** Index terms the quote matched, for highlighting. */
  terms: string[]
  /** `context` when some query word is found only around the quote (or in its article's title). */
  matchedIn: MatchedIn
  /** For a context match: HTML snippet of the context with the matched words in <mark>; else null. */
  context: string | null
}

/** A query word that is in no result: the word its typos were searched as instead. */
export interface Correction {
  typed: string
  searched: string
}

/** How the query was read: the part of a search answer that says what happened. */
export interface Reading {
  /** `all`: every deciding word matched (in the quote or its context); `any`: no quote had them all, so any counts. */
  match: 'all' | 'any'
  /** Words no result holds as typed, searched as their nearest words instead. */
  corrected: Correction[]
  /** Very common words that did not decide which quotes match (COMMON_WORDS). */
  common: string[]
  /** Query words ignored past the cap (MAX_TERMS). */
  dropped: number
}

/** One page of a search's results, its total, facets and how the query was read. */
export interface SearchPage extends Reading {
  total: number
  /** False when the backend stopped counting at a cap (D1: COUNT_CAP) and more quotes match than `total`; absent: exact. */
  totalIsExact?: boolean
  /** True when the facets count the best matches only (D1: FACET_SAMPLE), not every match; absent: exact. */
  facetsApproximate?: boolean
  hits: Hit[]
  /** Null when the caller asked for none (`facets: false`). */
  facets: Facets | null
}
