/**
 * @module
 * Where the routes get quotes from: a search backend. Two implementations:
 * - the bundled MiniSearch index and records (default; `bundledBackend`, this module), parsed once per isolate;
 * - Cloudflare D1 with an FTS5 table (`d1Backend`, src/search/d1.ts), for corpora past the bundle's limits;
 * - PostgreSQL through Hyperdrive (`pgBackend`, src/search/pg.ts), for corpora past one D1 database.
 * wrangler.toml chooses with `SEARCH_BACKEND` ("minisearch", "d1" with the `DB` binding, or "postgres" with the
 * `HYPERDRIVE` binding).
 *
 * Every lookup answers with a CorpusView: the same maps the routes already read, holding the whole corpus
 * (bundle) or only the rows that request needs (D1), so route code is the same for both.
 */
import type { Context } from 'hono'
import { type AppEnv, type Corpus, getCorpus } from '../data'
import type { SearchBackend } from './contract'
import { d1Backend } from './d1'
import { listSources, listSpeakers } from './listing'
import { FIELD_BOOST, MAX_TYPOS, typos } from './options'
import { pgBackend } from './pg'
import { pgSql } from './pg-client'
import { searchQuotes } from './search'
import { corpusNameIndex } from './speakers'
import { statsOf } from './stats'
import { suggestBundled } from './suggest'
import { guarded } from './unavailable'

export type { SearchBackend } from './contract'
export type { CorpusView } from './view'

const backends = new WeakMap<Corpus, SearchBackend>()

/** The bundled corpus as a backend: every lookup is the whole corpus, already in memory. Built once per corpus. */
export function bundledBackend(corpus: Corpus): SearchBackend {
  let backend = backends.get(corpus)
  if (!backend) {
    backend = bundled(corpus)
    backends.set(corpus, backend)
  }
  return backend
}

function bundled(corpus: Corpus): SearchBackend {
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
    names: async () => corpusNameIndex(corpus),
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
  /** wrangler.pg.toml: the Hyperdrive binding to PostgreSQL (src/search/pg.ts). */
  HYPERDRIVE?: { connectionString: string }
}

/** The backend this Worker is configured with. */
export function backendOf(c: Context<AppEnv>): SearchBackend {
  const env = (c.env ?? {}) as BackendBindings
  if (env.SEARCH_BACKEND === 'd1') {
    if (!env.DB) throw new Error('SEARCH_BACKEND is "d1" but the Worker has no D1 binding named DB (see wrangler.d1.toml).')
    return guarded('d1', d1Backend(env.DB))
  }
  if (env.SEARCH_BACKEND === 'postgres') {
    if (!env.HYPERDRIVE)
      throw new Error('SEARCH_BACKEND is "postgres" but the Worker has no Hyperdrive binding named HYPERDRIVE (see wrangler.pg.toml).')
    return guarded('postgres', pgBackend(pgSql(c.req.raw, env.HYPERDRIVE.connectionString), { database: env.HYPERDRIVE.connectionString }))
  }
  return bundledBackend(getCorpus(c))
}
