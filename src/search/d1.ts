/**
 * @module
 * The D1 search backend: the corpus in Cloudflare D1 (tables written by scripts/d1/sql.ts), searched with FTS5
 * (porter stemming, diacritics folded) and ranked by bm25 with the quote text weighted over the speaker: a search
 * matches in `search_fts` (the quote, its speaker's names and its context) and ranks the quotes matching in their
 * own words (`quotes_fts`) first. The reading of a query is in d1-query.ts and d1-plan.ts, the page and its capped
 * total in d1-page.ts, the facets in d1-facets.ts, the SQL of filters in d1-where.ts, vocabulary lookups in
 * d1-words.ts, the rows of a page in d1-slice.ts and d1-rows.ts, the lists in d1-lists.ts.
 *
 * Queries: words must all match (else any may), very common words aside; the last word is also a prefix (from 3
 * letters, as in the bundle); "double quotes" make a phrase; a word absent from the vocabulary is also tried as its
 * nearest vocabulary words (edit distance 1 up to 7 letters, 2 beyond, same first letter). User text never reaches
 * SQL (everything is bound) nor the MATCH syntax unquoted (every word is an FTS5 string).
 */
import type { Quote, Records } from '../types'
import { markedHtml, snippetHtml } from './context'
import type { BackendHit, BackendPage, SearchBackend } from './contract'
import { CHOSEN_NAMES, chosenBinds, withChosen } from './d1-facets'
import { hotKey, NO_HOT, readHot } from './d1-hot'
import { listSources, listSpeakers } from './d1-lists'
import { type CorpusFacts, runSearch } from './d1-page'
import { plan } from './d1-plan'
import { ftsString, matchExpression, WEIGHTS, wordPart } from './d1-query'
import type { QuoteRow } from './d1-rows'
import { toQuotes } from './d1-rows'
import { slice } from './d1-slice'
import { corrections, type NearRows, speakerNameRows } from './d1-words'
import { foldedWords, processTerm, tokenize } from './options'
import type { Facets, Reading } from './params'
import type { Stats } from './stats'
import { completesLast, completions, readTyped, surfaceFormsOf } from './suggest'
import { corpusView } from './view'

export { markedHtml } from './context'
export { ftsString, matchExpression, type QueryPart, readQuery } from './d1-query'

/** Best-ranked quotes a suggestion is drawn from: enough for the common completions, bounded work for common words. */
const SUGGEST_ROWS = 200

type ChosenNames = { speaker: string | null; source: string | null }
const NO_FACETS: Facets = { speaker: [], source: [], year: [], kind: [] }
const EMPTY: Records = { build_id: '', built_from: { sources: 0, quotes: 0, speakers: 0 }, quotes: [], speakers: [], sources: [] }

/** How long an isolate trusts what it read of meta: a re-migrated database changes ETags within this time. */
const META_TTL_MS = 60_000
const metas = new WeakMap<D1Database, { id: string; facts: CorpusFacts; at: number }>()

/** The build id and corpus facts, read once a minute per isolate (every API GET needs the build id, for ETags). */
async function metaOf(db: D1Database): Promise<{ id: string; facts: CorpusFacts }> {
  const hit = metas.get(db)
  if (hit && Date.now() - hit.at < META_TTL_MS) return hit
  const { results } = await db
    .prepare("SELECT key, value FROM meta WHERE key IN ('stats', 'contexts', 'hot')")
    .all<{ key: string; value: string }>()
  const value = (key: string) => results.find((r) => r.key === key)?.value
  const stats = value('stats')
  if (!stats) throw new Error('The D1 database has no stats: apply the migrations from npm run build:d1.')
  const { build_id, quotes } = JSON.parse(stats) as Stats
  // A database built before `contexts` was written is read as having contexts (two-table ranking, always right).
  const facts = { quotes, contexts: value('contexts') !== 'false', hot: readHot(value('hot')) }
  const entry = { id: build_id, facts, at: Date.now() }
  metas.set(db, entry)
  return entry
}

/** How a D1 backend answers: `hot: false` searches every query live, ignoring the build's answers (d1-hot.ts). */
export interface D1Options {
  hot?: boolean
  /** In place of CONTEXT_WIDEN_BELOW (options.ts), for tests on a small corpus; with `hot: false`. */
  widenBelow?: number
}

export function d1Backend(db: D1Database, options: D1Options = {}): SearchBackend {
  const withHot = options.hot !== false
  const names = (words: string[], name?: string) => speakerNameRows(db, words, name)

  /** Rows of quotes as Quotes, in the order given. */
  async function quotesWhere(sql: string, binds: unknown[]): Promise<Quote[]> {
    const { results } = await db
      .prepare(sql)
      .bind(...binds)
      .all<QuoteRow>()
    return toQuotes(results)
  }

  return {
    async search(params) {
      const meta = (await metaOf(db)).facts
      const facts = options.widenBelow === undefined ? meta : { ...meta, widenBelow: options.widenBelow }
      // The names' batch also reads the words' correction rows: a misspelt word is corrected without another round trip.
      const near: NearRows = new Map()
      const {
        parts,
        common,
        query,
        names: nameParts,
        dropped,
      } = await plan(params.q, (words) => speakerNameRows(db, words, undefined, near))
      const reading: Reading = { match: 'all', corrected: [], common, dropped }
      // A query without a searchable word ("😀", "!!!") finds none; no query lists every quote.
      if (parts.length === 0 && params.q.trim() !== '') {
        const names =
          params.facets === false
            ? null
            : await db
                .prepare(CHOSEN_NAMES)
                .bind(...chosenBinds(params))
                .first<ChosenNames>()
        const facets = names === null ? null : withChosen(NO_FACETS, params, names, 0)
        return { ...reading, total: 0, hits: [], corpus: corpusView(EMPTY), facets } satisfies BackendPage
      }
      const withFacets = params.facets !== false
      const run = () => runSearch(db, query, params, facts, withFacets)
      let result: Awaited<ReturnType<typeof run>>
      if (parts.length === 0) result = await run()
      else {
        query.match = matchExpression(parts, 'AND')
        result = await runSearch(db, query, params, facts, withFacets, hotKey(parts, withHot ? facts.hot : NO_HOT))
        const typed = query.match
        const filtered = Boolean(params.speaker || params.source || params.kind || params.from || params.to)
        const unfiltered = { ...params, speaker: undefined, source: undefined, kind: undefined, from: undefined, to: undefined }
        const unfilteredTotal = async () => (await runSearch(db, { ...query, match: typed }, unfiltered, facts, false)).total
        if (result.total === 0) {
          const alternatives = await corrections(db, parts, near)
          if (alternatives.size > 0) {
            query.match = matchExpression(parts, 'AND', alternatives)
            result = await run()
          }
          if (result.total === 0 && parts.length > 1) {
            reading.match = 'any'
            query.match = matchExpression(parts, 'OR', alternatives)
            result = await run()
          }
          // Typos decided: the words searched instead of those typed (the nearest first). As in the bundle, that is a
          // reading of the query alone: with filters, only if the words as typed match no quote at all.
          if (alternatives.size > 0 && (result.total > 0 || (filtered && (await unfilteredTotal()) === 0)))
            reading.corrected = [...alternatives].map(([i, alts]) => ({ typed: parts[i]?.folded[0] ?? '', searched: alts[0] as string }))
        }
      }
      const { match } = query
      // Name words left out of the match are still marked in the text.
      const marks = match !== null && nameParts.length > 0 ? `(${match}) OR ${nameParts.map(ftsString).join(' OR ')}` : match
      const { corpus, byN, marked } = await slice(db, 'SELECT value FROM json_each(?)', [JSON.stringify(result.rows.map((r) => r.n))], {
        bodies: false,
        highlight: marks ?? undefined,
        prefix: parts.some((p) => p.prefix),
      })
      const hits = result.rows.flatMap((r): BackendHit[] => {
        const quote = byN.get(r.n)
        if (!quote) return []
        if (match === null) return [{ quote, score: 0, terms: [], matchedIn: 'text', context: null }]
        const marks = marked.get(r.n)
        const { html, terms } = markedHtml(quote.text, marks?.text)
        const own = r.own !== 0
        return [
          {
            quote,
            score: Math.round(-((own ? r.trank : r.crank) ?? 0) * 1000) / 1000,
            terms,
            highlight: html,
            matchedIn: own ? 'text' : 'context',
            context: own || !marks ? null : snippetHtml(marks.context, marks.ctx),
          },
        ]
      })
      return {
        ...reading,
        total: result.total,
        totalIsExact: result.exact,
        hits,
        corpus,
        facets: result.facets,
        facetsApproximate: result.approximate,
      } satisfies BackendPage
    },
    quote: async (id) => (await slice(db, 'SELECT n FROM quotes WHERE id = ?', [id], { bodies: true, variantsOf: id })).corpus,
    source: async (id) => (await slice(db, 'SELECT n FROM quote_sources WHERE source = ?', [id], { bodies: true, source: id })).corpus,
    async speaker(id, page) {
      // quote_keys numbers quotes newest first: a page is a range of them.
      const { corpus, byN } = await slice(
        db,
        'SELECT n FROM quote_keys WHERE speaker = ? ORDER BY n LIMIT ? OFFSET ?',
        [id, page.limit, page.offset],
        {
          bodies: false,
          speaker: id,
        },
      )
      const total = (await db.prepare('SELECT quote_count FROM speakers WHERE id = ?').bind(id).first<{ quote_count: number }>())
        ?.quote_count
      return { corpus, quotes: [...byN.values()], total: total ?? 0 }
    },
    speakers: (query) => listSpeakers(db, query),
    sources: (query) => listSources(db, query),
    view: async (ids) =>
      (await slice(db, 'SELECT n FROM quotes WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)], { bodies: false }))
        .corpus,
    names,
    async random({ speakers, kind }) {
      if (speakers?.size === 0) return undefined
      const where = [...(speakers ? ['speaker IN (SELECT value FROM json_each(?))'] : []), ...(kind ? ['kind = ?'] : [])]
      const binds = [...(speakers ? [JSON.stringify([...speakers])] : []), ...(kind ? [kind] : [])]
      // random() % a prime, then abs: abs(random()) alone overflows on the one most negative value.
      const pick = 'abs(random() % 2147483647)'
      const [quote] =
        where.length === 0
          ? await quotesWhere(`SELECT * FROM quotes WHERE n = 1 + ${pick} % (SELECT max(count(*), 1) FROM quote_keys)`, [])
          : await quotesWhere(
              `WITH pool AS (SELECT n FROM quote_keys WHERE ${where.join(' AND ')}) SELECT * FROM quotes WHERE n = (SELECT n FROM pool LIMIT 1 OFFSET (SELECT ${pick} % max(count(*), 1) FROM pool))`,
              binds,
            )
      return quote
    },
    async candidates(words, mode, limit) {
      const parts = words.flatMap((w) => {
        const folded = tokenize(w).length > 0 ? processTerm(w) : null
        return folded ? [wordPart(w, folded)] : []
      })
      if (parts.length === 0) return []
      const match = matchExpression(parts, mode === 'all' ? 'AND' : 'OR', mode === 'any' ? await corrections(db, parts) : new Map())
      return quotesWhere(
        `SELECT q.* FROM (SELECT rowid AS n, bm25(quotes_fts, ${WEIGHTS}) AS rank FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?) f JOIN quotes q ON q.n = f.n ORDER BY f.rank, q.n`,
        [match, limit],
      )
    },
    async suggest(q, limit) {
      const typed = readTyped(q)
      if (typed.words.length === 0) return []
      const last = typed.words.length - 1
      const parts = typed.tokens.map((w, i) => wordPart(w, typed.words[i] as string, i === last && completesLast(typed)))
      const alternatives = await corrections(db, parts)
      // The word being typed is incomplete: typos only in the finished ones.
      if (typed.typing) alternatives.delete(last)
      const { results } = await db
        .prepare(
          `SELECT text, speaker, bm25(quotes_fts, ${WEIGHTS}) AS rank FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ${SUGGEST_ROWS}`,
        )
        .bind(matchExpression(parts, 'AND', alternatives))
        .all<{ text: string; speaker: string; rank: number }>()
      const forms = surfaceFormsOf(results.flatMap((r) => [r.text, r.speaker]))
      const matches = results.map((r) => ({ terms: [...new Set(foldedWords(`${r.text} ${r.speaker}`))], score: -r.rank }))
      return completions(matches, typed, (t) => forms.get(t) ?? t, limit)
    },
    buildId: async () => (await metaOf(db)).id,
    async stats() {
      const row = await db.prepare("SELECT value FROM meta WHERE key = 'stats'").first<{ value: string }>()
      if (!row) throw new Error('The D1 database has no stats: apply the migrations from npm run build:d1.')
      return JSON.parse(row.value) as Stats
    },
  }
}
