/**
 * @module
 * Where the routes get quotes from: a search backend. Two implementations:
 * - the bundled MiniSearch index and records (default; `bundledBackend`, this module), parsed once per isolate;
 * - Cloudflare D1 with an FTS5 table (`d1Backend`, src/search/d1.ts), for corpora past the bundle's limits.
 * wrangler.toml chooses with `SEARCH_BACKEND` ("minisearch" or "d1"; D1 also needs the `DB` binding).
 *
 * Every lookup answers with a CorpusView: the same maps the routes already read, holding the whole corpus
 * (bundle) or only the rows that request needs (D1), so route code is the same for both.
 */
import type { Context } from 'hono'
import { type AppEnv, type Corpus, getCorpus } from '../data'
import type { Quote, QuoteKind, SourceMeta, Speaker } from '../types'
import { d1Backend } from './d1'
import { listSources, listSpeakers } from './listing'
import { FIELD_BOOST, MAX_TYPOS, typos } from './options'
import { type Hit, type SearchPage, type SearchParams, searchQuotes } from './search'
import { type SpeakerNames, speakerNames } from './speakers'
import { type Stats, statsOf } from './stats'
import { type Suggestion, suggestBundled } from './suggest'
import type { CorpusView } from './view'

export type { CorpusView } from './view'

export interface BackendHit extends Hit {
  /** HTML-escaped quote text with <mark>s, when the backend highlights itself (D1); else the route highlights `terms`. */
  highlight?: string
}

export interface BackendPage extends SearchPage {
  hits: BackendHit[]
  /** Holds at least the hits' quotes, their speakers and their sources (metadata). */
  corpus: CorpusView
}

export interface SpeakerListing extends Speaker {
  /** Quotes attributed to the speaker. */
  quote_count: number
}

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
   * Speaker names (src/search/speakers.ts): at least the entries namedSpeakers needs for these folded words and
   * resolveSpeaker needs for `name` (the bundle answers its whole table).
   */
  names(words: string[], name?: string): Promise<SpeakerNames>
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

/** The bundled corpus as a backend: every lookup is the whole corpus, already in memory. */
export function bundledBackend(corpus: Corpus): SearchBackend {
  const all = async () => corpus
  return {
    search: async (params) => ({ ...searchQuotes(corpus, params), corpus }),
    quote: all,
    source: all,
    async speaker(id, page) {
      const quotes = corpus.bySpeaker.get(id) ?? []
      return { corpus, quotes: quotes.slice(page.offset, page.offset + page.limit), total: quotes.length }
    },
    speakers: async (query) => listSpeakers(corpus, query),
    sources: async (query) => listSources(corpus, query),
    view: all,
    stats: async () => statsOf(corpus.records),
    buildId: async () => corpus.records.build_id,
    names: async () => speakerNames(corpus),
    async random({ speakers, kind }) {
      let pool = speakers ? [...speakers].flatMap((id) => corpus.bySpeaker.get(id) ?? []) : corpus.byDate
      if (kind) pool = pool.filter((q) => q.kind === kind)
      return pool[crypto.getRandomValues(new Uint32Array(1))[0]! % Math.max(1, pool.length)]
    },
    async candidates(words, mode, limit) {
      const found = corpus.index.search(words.join(' '), {
        boost: { ...FIELD_BOOST },
        prefix: false,
        fuzzy: mode === 'all' ? false : typos,
        maxFuzzy: MAX_TYPOS,
        combineWith: mode === 'all' ? 'AND' : 'OR',
      })
      return found.slice(0, limit).flatMap((r) => corpus.quotes.get(r.id as string) ?? [])
    },
    suggest: async (q, limit) => suggestBundled(corpus, q, limit),
  }
}

/**
 * The bindings that choose a backend. Typed by hand: wrangler types reads only the default config
 * (SEARCH_BACKEND = "minisearch", no DB), while wrangler.d1.toml sets "d1" and binds DB.
 */
export interface BackendBindings {
  SEARCH_BACKEND?: string
  DB?: D1Database
}

/** The backend this Worker is configured with. */
export function backendOf(c: Context<AppEnv>): SearchBackend {
  const env = (c.env ?? {}) as BackendBindings
  if (env.SEARCH_BACKEND === 'd1') {
    if (!env.DB) throw new Error('SEARCH_BACKEND is "d1" but the Worker has no D1 binding named DB (see wrangler.d1.toml).')
    return d1Backend(env.DB)
  }
  return bundledBackend(getCorpus(c))
}
