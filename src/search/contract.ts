/**
 * @module
 * What every search backend answers (src/search/backend.ts: the bundle; src/search/d1.ts: D1): the SearchBackend
 * interface and the shapes of its answers. Types only, so both backends and the listing code import it without
 * importing each other.
 */
import type { Quote, QuoteKind, SourceMeta, Speaker } from '../types'
import type { Hit, SearchPage, SearchParams } from './params'
import type { NameIndex } from './speakers'
import type { Stats } from './stats'
import type { Suggestion } from './suggest'
import type { CorpusView } from './view'

/** A search hit as a backend gives it: a Hit, perhaps already highlighted. */
export interface BackendHit extends Hit {
  /** HTML-escaped quote text with <mark>s, when the backend highlights itself (D1); else the route highlights `terms`. */
  highlight?: string
}

/** One page of search results with the records the page shows. */
export interface BackendPage extends SearchPage {
  hits: BackendHit[]
  /** Holds at least the hits' quotes, their speakers and their sources (metadata). */
  corpus: CorpusView
}

/** A speaker in the speaker list, with their number of quotes. */
export interface SpeakerListing extends Speaker {
  /** Quotes attributed to the speaker. */
  quote_count: number
}

/** A source in the source list (metadata, no body), with its counts. */
export interface SourceListing extends SourceMeta {
  /** Printings of quotes in the source. */
  occurrences: number
  /** Distinct quotes the source prints. */
  quotes: number
}

/** A page of a list: `offset` items skipped, at most `limit` given. */
export interface Slice {
  offset: number
  limit: number
}

/** How the speaker list is asked for: a name filter (folded; a prefix of any name word, or part of the name) and an order. */
export interface SpeakerListQuery extends Slice {
  name?: string
  /** `name` (A–Z, default) or `quotes` (most first). */
  sort?: 'name' | 'quotes'
}

/** How the source list is asked for. */
export interface SourceListQuery extends Slice {
  /** `id` (corpus order, default), `-date` (newest first), `date` (oldest first), `quotes` (most first); undated last. */
  sort?: 'id' | '-date' | 'date' | 'quotes'
}

/** One page of a list and how many there are in all. */
export interface Listed<T> {
  total: number
  items: T[]
}

/** A speaker's quotes, one page of them: newest first. */
export interface SpeakerQuotes {
  /** Holds the speaker (if known), the page's quotes and their sources (metadata). */
  corpus: CorpusView
  quotes: Quote[]
  total: number
}

/**
 * Where the routes get quotes from. Every lookup answers with the records it needs (a CorpusView: the whole corpus
 * on the bundle, only the rows asked for on D1), so route code is the same for both backends.
 */
export interface SearchBackend {
  search(params: SearchParams): Promise<BackendPage>
  /** Holds the quote (if it exists), its variants' quotes, its sources with bodies and its speakers. */
  quote(id: string): Promise<CorpusView>
  /** Holds the source with its body (if it exists), every quote it prints and their speakers. */
  source(id: string): Promise<CorpusView>
  /** The speaker (if known) and one page of their quotes, newest first. */
  speaker(id: string, page: Slice): Promise<SpeakerQuotes>
  /** A page of speakers, filtered by name. */
  speakers(query: SpeakerListQuery): Promise<Listed<SpeakerListing>>
  /** A page of sources. */
  sources(query: SourceListQuery): Promise<Listed<SourceListing>>
  /** Holds these quotes (those that exist), their speakers and their sources (metadata). */
  view(ids: string[]): Promise<CorpusView>
  stats(): Promise<Stats>
  /** The build id of the served corpus (ETags). */
  buildId(): Promise<string>
  /**
   * Speaker names (src/search/speakers.ts): at least the entries speakersInQuery needs for these folded words and
   * resolveSpeaker needs for `name` (the bundle answers its whole table).
   */
  names(words: string[], name?: string): Promise<NameIndex>
  /** A quote picked at random among those of these speakers (ids) and this kind, if any. */
  random(filter: { speakers?: Set<string>; kind?: QuoteKind }): Promise<Quote | undefined>
  /**
   * Quotes for the misquote checker (src/search/verify.ts), best first: with `all` all of these words (as printed;
   * the backend folds them as its index does), with `any` any of them, typos allowed.
   */
  candidates(words: string[], mode: 'all' | 'any', limit: number): Promise<Quote[]>
  /** Type-ahead completions of a query being typed (src/search/suggest.ts). */
  suggest(q: string, limit: number): Promise<Suggestion[]>
}
