/**
 * @module
 * The PostgreSQL search backend: the corpus in PostgreSQL (tables of scripts/pg/schema.ts), reached from the Worker
 * through Cloudflare Hyperdrive (src/search/pg-client.ts), for corpora past one D1 database. It answers as the D1
 * backend does: the same reading of queries (src/search/pg-plan.ts), relevance tiers (a match in the quote's own
 * words before a context-only one, then speakers and years the query names, then the whole query in order, then
 * ts_rank), facets, typos (pg_trgm), paging; highlights are marked here from the matched words
 * (src/search/pg-text.ts), the same words the index stores. A search is three round trips: speaker names, the search
 * itself with its facets (src/search/pg-sql.ts), and the page's records. Every value is bound.
 */
import { speakerId } from '../text'
import type { Quote, Records } from '../types'
import { markedHtml, markTerms, termsSnippetHtml } from './context'
import type { BackendHit, BackendPage, SearchBackend } from './contract'
import { withChosen } from './d1-facets'
import { letterRange, type QueryPart, wordPart } from './d1-query'
import { type QuoteRow, SOURCE_META, type SourceRow, type SpeakerRow, toQuotes, toSource, toSpeaker } from './d1-rows'
import { CONTEXT_WIDEN_BELOW, foldedWords, MAX_TERMS, processTerm, tokenize, typos } from './options'
import type { Facets, FacetValue, Reading, SearchParams } from './params'
import { listSources, listSpeakers } from './pg-lists'
import { corrections, plan, type Sql } from './pg-plan'
import { CAPS, type PgQuery, RANK_WEIGHTS, type SearchRow, searchSql } from './pg-sql'
import { matchedWords, matcherOf, rankParts, tsqueryOf } from './pg-text'
import { buildNameIndex, type NameKey, type NameKind } from './speakers'
import type { Stats } from './stats'
import { completesLast, completions, readTyped, surfaceFormsOf } from './suggest'
import { type CorpusView, corpusView } from './view'

export type { Sql } from './pg-plan'

/** Best-ranked quotes a suggestion is drawn from (as on D1). */
const SUGGEST_ROWS = 200
/** How long an isolate trusts what it read of a database's meta: its build id and whether it has contexts (as on D1). */
const META_TTL_MS = 60_000
/** What was read, per isolate and database (PgOptions.database). */
const metas = new Map<string, { id: string; contexts: boolean; at: number }>()

const noMeta = (key: string) => new Error(`The PostgreSQL database has no ${key}: load a corpus with npm run build:pg.`)

const NO_FACETS: Facets = { speaker: [], source: [], year: [], kind: [] }
const EMPTY: Records = { build_id: '', built_from: { sources: 0, quotes: 0, speakers: 0 }, quotes: [], speakers: [], sources: [] }
const QUOTE_COLUMNS = 'n, id, text, kind, speaker, date, date_source, occurrences, variants'

interface SliceRow {
  quotes: (QuoteRow & { context?: string })[] | null
  variants: QuoteRow[] | null
  speakers: SpeakerRow[] | null
  sources: SourceRow[] | null
}

/** How a PostgreSQL backend answers: `widenBelow` in place of CONTEXT_WIDEN_BELOW (options.ts), for tests on a small corpus. */
export interface PgOptions {
  widenBelow?: number
  /** The database's connection string: the key of what is kept per isolate about it (its build id and contexts). */
  database?: string
}

export function pgBackend(sql: Sql, options: PgOptions = {}): SearchBackend {
  /**
   * The quotes of a set (SQL selecting `n`), their variants' quotes, their speakers and sources (bodies if asked),
   * in one statement.
   */
  async function slice(
    set: string,
    binds: (string | number | null)[],
    opts: { bodies: boolean; speaker?: string; source?: string; variantsOf?: string; context?: boolean },
  ): Promise<{ corpus: CorpusView; byN: Map<number, Quote>; contexts: Map<number, string> }> {
    const at = (k: number) => `$${binds.length + k}`
    // The set as an array first: `n = ANY(array)` is an index lookup in each partition, where `n IN (subquery)`
    // lets the planner hash-join the whole table.
    const inSet = 'n = ANY ((SELECT ns FROM s)::int[])'
    const text = `WITH s AS MATERIALIZED (SELECT coalesce(array_agg(x.n), '{}') AS ns FROM (${set}) x)
    SELECT
      (SELECT json_agg(q ORDER BY q.n) FROM (SELECT ${QUOTE_COLUMNS}${opts.context ? ', context' : ''} FROM quotes WHERE ${inSet}) q) AS quotes,
      (SELECT json_agg(v ORDER BY v.n) FROM (SELECT ${QUOTE_COLUMNS} FROM quotes WHERE id IN (
        SELECT e->>'id' FROM quotes q, json_array_elements(q.variants::json) e WHERE q.id = ${at(1)})) v) AS variants,
      (SELECT json_agg(sp) FROM speakers sp WHERE id = ANY (ARRAY(SELECT speaker FROM quotes WHERE ${inSet}
        UNION SELECT o->>'speaker' FROM quotes q, json_array_elements(q.occurrences::json) o WHERE q.${inSet} UNION SELECT ${at(2)}::text))) AS speakers,
      (SELECT json_agg(src ORDER BY src.ord) FROM (SELECT ${opts.bodies ? '*' : `ord, ${SOURCE_META}, '' AS body, '[]' AS removed`} FROM sources
        WHERE id = ANY (ARRAY(SELECT source FROM occurrences WHERE ${inSet} UNION SELECT ${at(3)}::text))) src) AS sources`
    const [row] = await sql<SliceRow>(text, [...binds, opts.variantsOf ?? null, opts.speaker ?? null, opts.source ?? null])
    const quoteRows = [...(row?.quotes ?? []), ...(row?.variants ?? [])]
    const records: Records = {
      ...EMPTY,
      quotes: toQuotes(quoteRows.map(({ context: _c, ...r }: QuoteRow & { context?: string }) => r)),
      speakers: (row?.speakers ?? []).map(toSpeaker),
      sources: (row?.sources ?? []).map(({ ord: _o, ...s }: SourceRow & { ord?: number }) => toSource(s as SourceRow)),
    }
    const byN = new Map(quoteRows.map((r, i) => [r.n, records.quotes[i] as Quote]))
    const contexts = new Map((row?.quotes ?? []).map((r) => [r.n, r.context ?? '']))
    return { corpus: corpusView(records), byN, contexts }
  }

  /** Speaker-name rows for these words and `name` (as D1's names: exact keys, the id, surnames within the typo budget). */
  async function names(words: string[], name?: string) {
    const unique = [...new Set(words)]
    const keys = [...unique, ...(name ? [foldedWords(name).join(' ')] : [])]
    const fuzzy = unique.filter((w) => w.length >= 3 && typos(w) > 0)
    const values: (string | number | null)[] = [JSON.stringify(keys), name ? speakerId(name) : null]
    const near = fuzzy.map((w) => {
      const [from, to] = letterRange(w)
      const max = typos(w)
      values.push(from, to, w.length - max, w.length + max, w)
      const i = values.length - 4
      return `SELECT kind, name, id FROM speaker_names WHERE kind = 'surname' AND name >= $${i} AND name < $${i + 1}
        AND length(name) BETWEEN $${i + 2}::int AND $${i + 3}::int AND NOT EXISTS (SELECT 1 FROM terms WHERE term = $${i + 4})`
    })
    const rows = await sql<{ kind: NameKind | ''; name: string; id: string }>(
      [
        'SELECT kind, name, id FROM speaker_names WHERE name IN (SELECT json_array_elements_text($1::text::json))',
        "SELECT '' AS kind, '' AS name, id FROM speakers WHERE id = $2 AND quote_count > 0",
        ...near,
      ].join(' UNION ALL '),
      values,
    )
    const byId = new Map<string, NameKey[]>()
    for (const r of rows) {
      const list = byId.get(r.id) ?? []
      if (r.kind !== '') list.push({ kind: r.kind, name: r.name })
      byId.set(r.id, list)
    }
    return buildNameIndex([...byId].map(([id, keys]) => ({ id, keys })))
  }

  async function quotesWhere(text: string, values: (string | number | null)[]): Promise<Quote[]> {
    return toQuotes(await sql<QuoteRow>(text, values))
  }

  /**
   * The build id (every API GET needs it, for ETags) and whether some quote has a context (meta `contexts`; absent in
   * a database built before it: true), read in one statement once a minute per isolate, not once per request.
   */
  async function metaFacts(): Promise<{ id: string; contexts: boolean }> {
    const key = options.database ?? ''
    const hit = metas.get(key)
    if (hit && Date.now() - hit.at < META_TTL_MS) return hit
    const rows = await sql<{ key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('stats', 'contexts')")
    const value = (k: string) => rows.find((r) => r.key === k)?.value
    const stats = value('stats')
    if (stats === undefined) throw noMeta('stats')
    const entry = { id: (JSON.parse(stats) as Stats).build_id, contexts: value('contexts') !== 'false', at: Date.now() }
    metas.set(key, entry)
    return entry
  }

  /**
   * A search's row. With words (and no "quoted phrase"), in the quotes' own words first, the same statement saying
   * whether the contexts should be read too (options.ts CONTEXT_WIDEN_BELOW): then searched again, widened.
   */
  async function searched(query: PgQuery, params: SearchParams, opts: { facets: boolean; count: boolean }): Promise<SearchRow> {
    const run = async (q: PgQuery, widenBelow?: number) => {
      const { text, values } = searchSql(q, params, { ...opts, ...(widenBelow === undefined ? {} : { widenBelow }) })
      return (await sql<SearchRow>(text, values))[0] as SearchRow
    }
    if (query.match === null || query.exact.length > 0 || !(await metaFacts()).contexts) return run(query)
    const own = await run({ ...query, ownOnly: true }, options.widenBelow ?? CONTEXT_WIDEN_BELOW)
    return own.widen ? run(query) : own
  }

  async function meta<T>(key: string): Promise<T> {
    const [row] = await sql<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])
    if (!row) throw noMeta(key)
    return JSON.parse(row.value) as T
  }

  return {
    async search(params) {
      const { parts, common, query, names: nameParts, dropped } = await plan(params.q, (w) => names(w))
      const reading: Reading = { match: 'all', corrected: [], common, dropped }
      // A query without a searchable word ("😀", "!!!") finds none; no query lists every quote.
      if (parts.length === 0 && params.q.trim() !== '') {
        // The chosen filters still show, labelled with their names, counted 0.
        const [names] =
          params.facets === false
            ? []
            : await sql<{ speaker: string | null; source: string | null }>(
                'SELECT (SELECT name FROM speakers WHERE id = $1) AS speaker, (SELECT title FROM sources WHERE id = $2) AS source',
                [params.speaker ? speakerId(params.speaker) : null, params.source ?? null],
              )
        const facets = names ? withChosen(NO_FACETS, params, names, 0) : null
        return { ...reading, total: 0, hits: [], corpus: corpusView(EMPTY), facets } satisfies BackendPage
      }
      const withFacets = params.facets !== false
      // No words and no filters: the page is a range of `n`, the facets and total the build's.
      const everything = parts.length === 0 && !params.speaker && !params.source && !params.kind && !params.from && !params.to
      const run = () => searched(query, params, { facets: withFacets && !everything, count: !everything })
      let alternatives = new Map<number, string[]>()
      let result: SearchRow
      if (parts.length === 0) result = await run()
      else {
        query.match = tsqueryOf(parts, 'AND')
        query.rank = rankParts(parts)
        result = await run()
        const typed = { ...query }
        const filtered = Boolean(params.speaker || params.source || params.kind || params.from || params.to)
        // Whether the words as typed match any quote, filters aside (a count only).
        const unfilteredTotal = async () => {
          const unfiltered = { ...params, speaker: undefined, source: undefined, kind: undefined, from: undefined, to: undefined }
          return (await searched(typed, unfiltered, { facets: false, count: true })).total
        }
        if (result.total === 0) {
          alternatives = await corrections(sql, parts)
          if (alternatives.size > 0) {
            query.match = tsqueryOf(parts, 'AND', alternatives)
            query.rank = rankParts(parts, alternatives)
            result = await run()
          }
          if (result.total === 0 && parts.length > 1) {
            reading.match = 'any'
            query.match = tsqueryOf(parts, 'OR', alternatives)
            result = await run()
          }
          // Typos decided: the words searched instead of those typed. As in the bundle, a reading of the query alone:
          // with filters, only if the words as typed match no quote at all.
          if (alternatives.size > 0 && (result.total > 0 || (filtered && (await unfilteredTotal()) === 0)))
            reading.corrected = [...alternatives].map(([i, alts]) => ({
              typed: processTerm(parts[i]?.words[0] as string) ?? '',
              searched: alts[0] as string,
            }))
        }
      }
      const { corpus, byN, contexts } = await slice('SELECT unnest($1::text::int[]) AS n', [`{${result.page.map((r) => r.n).join(',')}}`], {
        bodies: false,
        context: true,
      })
      // Name words left out of the match are still marked in the text.
      const matches = matcherOf([...parts, ...nameParts], alternatives)
      const hits = result.page.flatMap((r): BackendHit[] => {
        const quote = byN.get(r.n)
        if (!quote) return []
        if (query.match === null) return [{ quote, score: 0, terms: [], matchedIn: 'text', context: null }]
        const { html, terms } = markedHtml(quote.text, markTerms(quote.text, matchedWords(quote.text, matches)))
        const context = contexts.get(r.n) ?? ''
        return [
          {
            quote,
            score: Math.round(r.rank * 1000) / 1000,
            terms,
            highlight: html,
            matchedIn: r.own ? 'text' : 'context',
            context: r.own ? null : termsSnippetHtml(context, matchedWords(context, matches)),
          },
        ]
      })
      // Counted up to the cap + 1: beyond the cap the total says "at least".
      const total = everything ? await meta<number>('count') : Math.min(result.total, CAPS.count)
      const totalIsExact = everything || result.total <= CAPS.count
      let facets = null
      if (withFacets)
        facets = everything
          ? await meta<BackendPage['facets']>('facets')
          : withChosen(
              {
                speaker: (result.f_speaker ?? []) as FacetValue[],
                source: (result.f_source ?? []) as FacetValue[],
                year: (result.f_year ?? []) as FacetValue[],
                kind: (result.f_kind ?? []) as FacetValue[],
              },
              params,
              { speaker: result.speaker_label, source: result.source_label },
              total,
            )
      const facetsApproximate = facets !== null && !everything && result.approximate === true
      return { ...reading, total, totalIsExact, hits, corpus, facets, facetsApproximate } satisfies BackendPage
    },
    quote: async (id) => (await slice('SELECT n FROM quotes WHERE id = $1', [id], { bodies: true, variantsOf: id })).corpus,
    source: async (id) => (await slice('SELECT n FROM occurrences WHERE source = $1', [id], { bodies: true, source: id })).corpus,
    async speaker(id, page) {
      const { corpus, byN } = await slice(
        'SELECT n FROM quotes WHERE speaker = $1 ORDER BY n LIMIT $2::int OFFSET $3::int',
        [id, page.limit, page.offset],
        { bodies: false, speaker: id },
      )
      const [row] = await sql<{ quote_count: number }>('SELECT quote_count FROM speakers WHERE id = $1', [id])
      return { corpus, quotes: [...byN.values()], total: row?.quote_count ?? 0 }
    },
    speakers: (query) => listSpeakers(sql, query),
    sources: (query) => listSources(sql, query),
    view: async (ids) =>
      (
        await slice('SELECT n FROM quotes WHERE id IN (SELECT json_array_elements_text($1::text::json))', [JSON.stringify(ids)], {
          bodies: false,
        })
      ).corpus,
    names,
    async random({ speakers, kind }) {
      if (speakers?.size === 0) return undefined
      const where: string[] = []
      const values: (string | number | null)[] = []
      if (speakers) {
        values.push(JSON.stringify([...speakers]))
        where.push(`speaker IN (SELECT json_array_elements_text($${values.length}::text::json))`)
      }
      if (kind) {
        values.push(kind)
        where.push(`kind = $${values.length}`)
      }
      const [quote] =
        where.length === 0
          ? await quotesWhere(
              `SELECT ${QUOTE_COLUMNS} FROM quotes WHERE n = (SELECT 1 + floor(random() * greatest(value::int, 1))::int FROM meta WHERE key = 'count')`,
              [],
            )
          : await quotesWhere(
              `WITH pool AS MATERIALIZED (SELECT n FROM quotes WHERE ${where.join(' AND ')})
               SELECT ${QUOTE_COLUMNS} FROM quotes WHERE n = (SELECT n FROM pool ORDER BY n OFFSET (SELECT floor(random() * greatest(count(*), 1))::int FROM pool) LIMIT 1)`,
              values,
            )
      return quote
    },
    async candidates(words, mode, limit) {
      const parts = words.flatMap((w) => (tokenize(w).length > 0 ? [wordPart(w, foldedWords(w).join(''))] : []))
      if (parts.length === 0) return []
      const alternatives = mode === 'any' ? await corrections(sql, parts) : new Map<number, string[]>()
      const match = tsqueryOf(parts, mode === 'all' ? 'AND' : 'OR', alternatives)
      if (match === null) return []
      return quotesWhere(
        `SELECT ${QUOTE_COLUMNS} FROM (SELECT ${QUOTE_COLUMNS}, ts_rank(${RANK_WEIGHTS}, own, $3::tsquery, 1) AS rank FROM quotes WHERE own @@ $1::tsquery) f
         ORDER BY rank DESC, n LIMIT $2::int`,
        [match, limit, tsqueryOf(parts, 'OR', alternatives)],
      )
    },
    async suggest(q, limit) {
      const typed = readTyped(q)
      const raw = tokenize(q).slice(0, MAX_TERMS)
      if (typed.words.length === 0 || raw.length !== typed.words.length) return []
      const last = raw.length - 1
      const parts: QueryPart[] = raw.map((w, i) => wordPart(w, processTerm(w) ?? w, i === last && completesLast(typed)))
      const alternatives = await corrections(sql, parts)
      // The word being typed is incomplete: typos only in the finished ones.
      if (typed.typing) alternatives.delete(last)
      const match = tsqueryOf(parts, 'AND', alternatives)
      if (match === null) return []
      const rank = tsqueryOf(parts, 'OR', alternatives)
      const rows = await sql<{ text: string; speaker: string; rank: number }>(
        `SELECT q.text, coalesce(s.name || ' ' || (SELECT string_agg(a, ' ') FROM json_array_elements_text(s.aliases::json) a), s.name, '') AS speaker, q.rank
         FROM (SELECT text, speaker, n, ts_rank(${RANK_WEIGHTS}, own, $2::tsquery, 1) AS rank FROM quotes WHERE own @@ $1::tsquery
               ORDER BY rank DESC, n LIMIT ${SUGGEST_ROWS}) q LEFT JOIN speakers s ON s.id = q.speaker ORDER BY q.rank DESC, q.n`,
        [match, rank],
      )
      const forms = surfaceFormsOf(rows.flatMap((r) => [r.text, r.speaker]))
      const matches = rows.map((r) => ({ terms: [...new Set(foldedWords(`${r.text} ${r.speaker}`))], score: r.rank }))
      return completions(matches, typed, (t) => forms.get(t) ?? t, limit)
    },
    buildId: async () => (await metaFacts()).id,
    stats: () => meta<Stats>('stats'),
  }
}
