/**
 * @module
 * The D1 search backend: the corpus in Cloudflare D1 (tables written by scripts/d1/sql.ts), searched with FTS5
 * (porter stemming, diacritics folded) and ranked by bm25 with the quote text weighted over the speaker: a search
 * matches in `search_fts` (the quote, its speaker's names and its context) and ranks the quotes matching in their
 * own words (`quotes_fts`) first. Its SQL is in src/search/d1-where.ts, its rows in d1-rows.ts, its lists in
 * d1-lists.ts, the reading of a query in d1-query.ts.
 *
 * Queries: words must all match (else any may), very common words aside; the last word is also a prefix (from 3
 * letters, as in the bundle); "double quotes" make a phrase; a word absent from the vocabulary is also tried as its
 * nearest vocabulary words (edit distance 1 up to 7 letters, 2 beyond, same first letter). User text never reaches
 * SQL (everything is bound) nor the MATCH syntax unquoted (every word is an FTS5 string).
 */
import { speakerId } from '../text'
import type { Quote, Records } from '../types'
import { CLOSE, markedHtml, OPEN, snippetHtml } from './context'
import type { BackendHit, BackendPage, SearchBackend } from './contract'
import { listSources, listSpeakers } from './d1-lists'
import { ftsString, letterRange, matchExpression, type QueryPart, readQuery } from './d1-query'
import { type Marks, type QuoteRow, SOURCE_META, type SourceRow, type SpeakerRow, toQuotes, toSource, toSpeaker } from './d1-rows'
import { facetStatements, facetsFrom, filters, found, noFacets, type Query } from './d1-where'
import { editDistance } from './diff'
import { COMMON_WORDS, foldedWords, MAX_TERMS, processTerm, tokenize, typos } from './options'
import type { Reading, SearchParams } from './params'
import { YEAR } from './search'
import { type NameKey, type NameKind, namedSpeakers, namesTable } from './speakers'
import type { Stats } from './stats'
import { completesLast, completions, readTyped, surfaceFormsOf } from './suggest'
import { type CorpusView, corpusView } from './view'

export { markedHtml } from './context'
export { ftsString, matchExpression, parseQuery, type QueryPart, readQuery } from './d1-query'

/**
 * bm25 column weights. `quotes_fts` holds the quote's own words (text, speaker's names and aliases: the bundle boosts
 * text 2, speaker 1); `search_fts` holds them and the quote's context (src/search/context.ts) at low weight. Two
 * tables because FTS5's bm25 normalises by the whole row's length: a long context would otherwise reorder quotes
 * that match in their own words.
 */
const WEIGHTS = '2.0, 1.0'
const SEARCH_WEIGHTS = '2.0, 1.0, 0.4'
/**
 * A page's rank columns: a quote matching in its own words (`own`, the first order) ranks by quotes_fts among those;
 * a context-only match by search_fts after them. `t` is OWN_JOIN.
 */
const RANKS = `t.trank AS trank, bm25(search_fts, ${SEARCH_WEIGHTS}) AS crank, t.n IS NOT NULL AS own`
const OWN_JOIN = `LEFT JOIN (SELECT rowid AS n, bm25(quotes_fts, ${WEIGHTS}) AS trank FROM quotes_fts WHERE quotes_fts MATCH ?) t`
const BY_RANK = 'CASE WHEN own THEN trank ELSE crank END'

/** Best-ranked quotes a suggestion is drawn from: enough for the common completions, bounded work for common words. */
const SUGGEST_ROWS = 200

const EMPTY: Records = { build_id: '', built_from: { sources: 0, quotes: 0, speakers: 0 }, quotes: [], speakers: [], sources: [] }

/** How long an isolate trusts the build id it read: a re-migrated database changes ETags within this time. */
const BUILD_ID_TTL_MS = 60_000
const buildIds = new WeakMap<D1Database, { id: string; at: number }>()

export function d1Backend(db: D1Database): SearchBackend {
  /** A page of hits: quote numbers and bm25 ranks (none for an empty query). */
  type PageRow = { n: number; trank?: number; crank?: number; own?: number }

  /**
   * One page and the total, for a query (every quote, newest first, when its match is null). Without filters, tiers
   * or a date sort, the count and the ranking read the FTS table alone (no join: measured 2× faster at 100k quotes);
   * quote rows and highlights are fetched for the page only, by slice(). Quotes by a speaker the query names, or
   * dated in a year it names, rank first (one tier each), as in the bundle.
   */
  async function run(query: Query, params: SearchParams): Promise<{ total: number; rows: PageRow[] }> {
    const { match } = query
    const offset = (params.page - 1) * params.limit
    const filtered = filters(params).sql.length > 0
    const byDate = params.sort === 'date' || params.sort === '-date'
    const tiered = query.speakers.length > 0 || query.years.length > 0
    const ranked = match !== null && !query.orYears
    // Extra columns to order by, each with its binds: the speaker/year tier, then the whole query in order.
    const columns: { sql: string; binds: unknown[]; order: string }[] = []
    if (tiered)
      columns.push({
        sql: 'coalesce(q.speaker IN (SELECT value FROM json_each(?)), 0) + coalesce(substr(q.date, 1, 4) IN (SELECT value FROM json_each(?)), 0) AS tier',
        binds: [JSON.stringify(query.speakers), JSON.stringify(query.years)],
        order: 'tier DESC',
      })
    if (ranked && query.sequence)
      columns.push({
        sql: `${'%N'} IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?) AS seq`,
        binds: [query.sequence],
        order: 'seq DESC',
      })
    let statements: D1PreparedStatement[]
    if (ranked && !filtered && !byDate && !tiered && query.exact.length === 0) {
      const extra = columns.map((c) => `, ${c.sql.replace('%N', 'search_fts.rowid')}`).join('')
      const order = columns.map((c) => `${c.order}, `).join('')
      // A match in the quote's own words ranks above a context-only match, then the tiers and the rank.
      statements = [
        db.prepare('SELECT count(*) AS total FROM search_fts WHERE search_fts MATCH ?').bind(match),
        db
          .prepare(
            `SELECT search_fts.rowid AS n, ${RANKS}${extra} FROM search_fts ${OWN_JOIN} ON t.n = search_fts.rowid WHERE search_fts MATCH ? ORDER BY own DESC, ${order}${BY_RANK}, search_fts.rowid LIMIT ? OFFSET ?`,
          )
          .bind(...columns.flatMap((c) => c.binds), match, match, params.limit, offset),
      ]
    } else {
      const { from, where, binds } = found(query, params)
      // Undated quotes last; equal dates keep the relevance order (newest first, `n`, for an empty query).
      const dateOrder = byDate ? `(q.date IS NULL), q.date ${params.sort === 'date' ? 'ASC' : 'DESC'}, ` : ''
      const rank = ranked ? `, ${RANKS}` : ''
      const join = ranked ? ` ${OWN_JOIN} ON t.n = q.n` : ''
      const extra = columns.map((c) => `, ${c.sql.replace('%N', 'q.n')}`).join('')
      const order = columns.map((c) => `${c.order}, `).join('')
      statements = [
        db.prepare(`SELECT count(*) AS total FROM ${from} WHERE ${where}`).bind(...binds),
        db
          .prepare(
            `SELECT q.n${rank}${extra} FROM ${from}${join} WHERE ${where} ORDER BY ${dateOrder}${ranked ? 'own DESC, ' : ''}${order}${ranked ? `${BY_RANK}, ` : ''}q.n LIMIT ? OFFSET ?`,
          )
          .bind(...columns.flatMap((c) => c.binds), ...(ranked ? [match] : []), ...binds, params.limit, offset),
      ]
    }
    const [count, page] = await db.batch<PageRow & { total: number }>(statements)
    return { total: count?.results[0]?.total ?? 0, rows: page?.results ?? [] }
  }

  /** Nearest vocabulary words for the lone words the vocabulary lacks, by part index. */
  async function corrections(parts: QueryPart[]): Promise<Map<number, string[]>> {
    const lone = parts.flatMap((p, i) => {
      const term = p.words.length === 1 && !p.quoted ? processTerm(p.words[0] as string) : null
      return term && typos(term) > 0 ? [{ i, term }] : []
    })
    const out = new Map<number, string[]>()
    if (lone.length === 0) return out
    // One batch: the near words of each lone word; a word that is itself in the vocabulary needs none.
    const candidates = await db.batch<{ term: string; docs: number }>(
      lone.map(({ term }) => {
        const max = typos(term)
        return db
          .prepare('SELECT term, docs FROM terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?')
          .bind(...letterRange(term), term.length - max, term.length + max)
      }),
    )
    lone.forEach(({ i, term }, k) => {
      const max = typos(term)
      const found = candidates[k]?.results ?? []
      if (found.some((r) => r.term === term)) return
      const near = found
        .map((r) => ({ ...r, d: editDistance(term, r.term, max) }))
        .filter((r) => r.d <= max)
        .sort((a, b) => a.d - b.d || b.docs - a.docs || (a.term < b.term ? -1 : 1))
        .slice(0, 3)
      if (near.length > 0)
        out.set(
          i,
          near.map((r) => r.term),
        )
    })
    return out
  }

  /** The quotes of a set (SQL selecting `n`), with their speakers and sources (bodies if asked), as a view. */
  async function slice(
    set: string,
    binds: unknown[],
    opts: { bodies: boolean; speaker?: string; source?: string; variantsOf?: string; highlight?: string; extra?: D1PreparedStatement[] },
  ): Promise<{ corpus: CorpusView; byN: Map<number, Quote>; marked: Map<number, Marks>; extra: D1Result<unknown>[] }> {
    const occ = `SELECT json_extract(o.value, '$.speaker') FROM quotes q, json_each(q.occurrences) o WHERE q.n IN (${set})`
    const statements = [
      db.prepare(`SELECT * FROM quotes WHERE n IN (${set}) ORDER BY n`).bind(...binds),
      db
        .prepare(`SELECT * FROM speakers WHERE id IN (SELECT speaker FROM quotes WHERE n IN (${set}) UNION ${occ}) OR id = ?`)
        .bind(...binds, ...binds, opts.speaker ?? null),
      db
        .prepare(
          `SELECT ${opts.bodies ? '*' : `${SOURCE_META}, '' AS body, '[]' AS removed`} FROM sources WHERE id IN (SELECT source FROM quote_sources WHERE n IN (${set})) OR id = ? ORDER BY rowid`,
        )
        .bind(...binds, opts.source ?? null),
      db
        .prepare(
          "SELECT * FROM quotes WHERE id IN (SELECT json_extract(v.value, '$.id') FROM quotes q, json_each(q.variants) v WHERE q.id = ?)",
        )
        .bind(opts.variantsOf ?? null),
    ]
    // highlight() for the set's quotes only: MATCH with a rowid list is a lookup per row, not a scan.
    if (opts.highlight !== undefined)
      statements.push(
        db
          .prepare(
            `SELECT rowid AS n, highlight(search_fts, 0, ?, ?) AS text, highlight(search_fts, 2, ?, ?) AS ctx, context FROM search_fts WHERE search_fts MATCH ? AND rowid IN (${set})`,
          )
          .bind(OPEN, CLOSE, OPEN, CLOSE, opts.highlight, ...binds),
      )
    const highlighted = opts.highlight !== undefined
    const results = await db.batch<unknown>([...statements, ...(opts.extra ?? [])])
    const [quotes, speakers, sources, variants] = results
    const marks = highlighted ? results[4] : undefined
    const extra = results.slice(highlighted ? 5 : 4)
    const quoteRows = [...((quotes?.results ?? []) as QuoteRow[]), ...((variants?.results ?? []) as QuoteRow[])]
    const records: Records = {
      build_id: '',
      built_from: { sources: 0, quotes: 0, speakers: 0 },
      quotes: toQuotes(quoteRows),
      speakers: ((speakers?.results ?? []) as SpeakerRow[]).map(toSpeaker),
      sources: ((sources?.results ?? []) as SourceRow[]).map(toSource),
    }
    const marked = new Map(((marks?.results ?? []) as (Marks & { n: number })[]).map((r) => [r.n, r]))
    const byN = new Map(quoteRows.map((r, i) => [r.n, records.quotes[i] as Quote]))
    return { corpus: corpusView(records), byN, marked, extra }
  }

  /**
   * The speaker-name rows namedSpeakers and resolveSpeaker need: exact names, surnames and name words for the words
   * (and the whole `name`), the speaker whose id `name` is, and surnames within the typo budget of each word the
   * vocabulary lacks (same first letter, as corrections). A word of the vocabulary is taken as written.
   */
  async function names(words: string[], name?: string) {
    const unique = [...new Set(words)]
    const keys = [...unique, ...(name ? [foldedWords(name).join(' ')] : [])]
    const statements = [
      db.prepare('SELECT kind, name, id FROM speaker_names WHERE name IN (SELECT value FROM json_each(?))').bind(JSON.stringify(keys)),
      db.prepare("SELECT '' AS kind, '' AS name, id FROM speakers WHERE id = ? AND quote_count > 0").bind(name ? speakerId(name) : null),
      ...unique
        .filter((w) => w.length >= 3 && typos(w) > 0)
        .map((w) => {
          const max = typos(w)
          return db
            .prepare(
              "SELECT kind, name, id FROM speaker_names WHERE kind = 'surname' AND name >= ? AND name < ? AND length(name) BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM terms WHERE term = ?)",
            )
            .bind(...letterRange(w), w.length - max, w.length + max, w)
        }),
    ]
    const byId = new Map<string, NameKey[]>()
    for (const result of await db.batch<{ kind: NameKind | ''; name: string; id: string }>(statements))
      for (const r of result.results) {
        const list = byId.get(r.id) ?? []
        if (r.kind !== '') list.push({ kind: r.kind, name: r.name })
        byId.set(r.id, list)
      }
    return namesTable([...byId].map(([id, keys]) => ({ id, keys })))
  }

  /** Rows of quotes as Quotes, in the order given. */
  async function quotesWhere(sql: string, binds: unknown[]): Promise<Quote[]> {
    const { results } = await db
      .prepare(sql)
      .bind(...binds)
      .all<QuoteRow>()
    return toQuotes(results)
  }

  /**
   * Reads a query as the bundle does (src/search/search.ts rank): years are date hints (a query of years only also
   * finds them as words), words naming a speaker put that speaker's quotes first and are left out of the match
   * when other words remain.
   */
  async function plan(q: string): Promise<{ parts: QueryPart[]; common: string[]; query: Query; names: QueryPart[]; dropped: number }> {
    const { parts, dropped } = readQuery(q)
    if (parts.length === 0) return { parts, common: [], query: { match: null, speakers: [], years: [], exact: [] }, names: [], dropped }
    const lone = (p: QueryPart) => (p.quoted ? null : (processTerm(p.words[0] as string) ?? ''))
    const isYear = (p: QueryPart) => YEAR.test(lone(p) ?? '')
    const free = parts.filter((p) => !p.quoted)
    const yearsOnly = parts.every(isYear)
    const years = [...new Set(parts.filter(isYear).map((p) => lone(p) as string))]
    const rest = yearsOnly ? parts : parts.filter((p) => !isYear(p))
    const words = [...new Set(rest.flatMap((p) => lone(p) ?? []))].filter(Boolean)
    const named = words.length > 0 ? namedSpeakers(await names(words), words) : { ids: new Set<string>(), terms: new Set<string>() }
    const isName = (p: QueryPart) => named.terms.has(lone(p) ?? '')
    const isCommon = (p: QueryPart) => COMMON_WORDS.has(lone(p) ?? '')
    const content = rest.filter((p) => !isName(p))
    // As in the bundle: very common words beside a name do not count as other words, and decide nothing beside
    // other words or a "phrase" (a query of only common words searches them).
    const split = content.some((p) => !isCommon(p))
    const searched = split ? content : rest
    const deciding = searched.some((p) => !isCommon(p)) ? searched.filter((p) => !isCommon(p)) : searched
    return {
      parts: deciding,
      common: [...new Set(searched.filter(isCommon).map((p) => lone(p) as string))].filter(() => deciding !== searched),
      names: split ? rest.filter(isName) : [],
      query: {
        match: null,
        speakers: [...named.ids],
        years,
        orYears: yearsOnly ? years : undefined,
        exact: parts.filter((p) => p.quoted).map((p) => ` ${foldedWords(p.words.join(' ')).join(' ')} `),
        sequence:
          free.length > 1 ? ftsString({ words: free.map((p) => p.words[0] as string), prefix: free.at(-1)?.prefix ?? false }) : undefined,
      },
      dropped,
    }
  }

  return {
    async search(params) {
      let result: { total: number; rows: PageRow[] } = { total: 0, rows: [] }
      const { parts, common, query, names: nameParts, dropped } = await plan(params.q)
      const reading: Reading = { match: 'all', corrected: [], common, dropped }
      // A query without a searchable word ("😀", "!!!") finds none; no query lists every quote.
      if (parts.length === 0 && params.q.trim() !== '')
        return { ...reading, total: 0, hits: [], corpus: corpusView(EMPTY), facets: noFacets(params) } satisfies BackendPage
      if (parts.length === 0) result = await run(query, params)
      else {
        query.match = matchExpression(parts, 'AND')
        result = await run(query, params)
        if (result.total === 0) {
          const alternatives = await corrections(parts)
          if (alternatives.size > 0) {
            query.match = matchExpression(parts, 'AND', alternatives)
            result = await run(query, params)
          }
          if (result.total === 0 && parts.length > 1) {
            reading.match = 'any'
            query.match = matchExpression(parts, 'OR', alternatives)
            result = await run(query, params)
          }
          // Typos decided: the words searched instead of those typed (the nearest first).
          if (result.total > 0)
            reading.corrected = [...alternatives].map(([i, alts]) => ({
              typed: processTerm(parts[i]?.words[0] as string) ?? '',
              searched: alts[0] as string,
            }))
        }
      }
      const { match } = query
      // Name words left out of the match are still marked in the text.
      const marks = match !== null && nameParts.length > 0 ? `(${match}) OR ${nameParts.map(ftsString).join(' OR ')}` : match
      const { corpus, byN, marked, extra } = await slice('SELECT value FROM json_each(?)', [JSON.stringify(result.rows.map((r) => r.n))], {
        bodies: false,
        highlight: marks ?? undefined,
        extra: params.facets === false ? [] : facetStatements(db, query, params),
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
      const facets = params.facets === false ? null : facetsFrom(extra, params, result.total)
      return { ...reading, total: result.total, hits, corpus, facets } satisfies BackendPage
    },
    quote: async (id) => (await slice('SELECT n FROM quotes WHERE id = ?', [id], { bodies: true, variantsOf: id })).corpus,
    source: async (id) => (await slice('SELECT n FROM quote_sources WHERE source = ?', [id], { bodies: true, source: id })).corpus,
    async speaker(id, page) {
      // quote_keys numbers quotes newest first: a page is a range of them.
      const { corpus, byN } = await slice(
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
      (await slice('SELECT n FROM quotes WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)], { bodies: false })).corpus,
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
      const parts = words.filter((w) => tokenize(w).length > 0).map((w) => ({ words: [w], prefix: false }))
      if (parts.length === 0) return []
      const match = matchExpression(parts, mode === 'all' ? 'AND' : 'OR', mode === 'any' ? await corrections(parts) : new Map())
      return quotesWhere(
        `SELECT q.* FROM (SELECT rowid AS n, bm25(quotes_fts, ${WEIGHTS}) AS rank FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?) f JOIN quotes q ON q.n = f.n ORDER BY f.rank, q.n`,
        [match, limit],
      )
    },
    async suggest(q, limit) {
      const typed = readTyped(q)
      const raw = tokenize(q).slice(0, MAX_TERMS)
      if (typed.words.length === 0 || raw.length !== typed.words.length) return []
      const last = raw.length - 1
      const parts = raw.map((w, i) => ({ words: [w], prefix: i === last && completesLast(typed) }))
      const alternatives = await corrections(parts)
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
    async buildId() {
      // Every API GET needs it (ETags): read once a minute per isolate, not once per request.
      const hit = buildIds.get(db)
      if (hit && Date.now() - hit.at < BUILD_ID_TTL_MS) return hit.id
      const row = await db.prepare("SELECT json_extract(value, '$.build_id') AS id FROM meta WHERE key = 'stats'").first<{ id: string }>()
      if (!row) throw new Error('The D1 database has no stats: apply the migrations from npm run build:d1.')
      const id = row.id
      buildIds.set(db, { id, at: Date.now() })
      return id
    },
    async stats() {
      const row = await db.prepare("SELECT value FROM meta WHERE key = 'stats'").first<{ value: string }>()
      if (!row) throw new Error('The D1 database has no stats: apply the migrations from npm run build:d1.')
      return JSON.parse(row.value) as Stats
    },
  }
}
