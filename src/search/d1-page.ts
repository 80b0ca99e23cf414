/**
 * @module
 * What a D1 search reads (src/search/d1.ts), with bounded work at any corpus size. Each set of matches (the query with
 * every filter; and, for each chosen filter, without it, for that filter's own facet) is one statement: the total
 * is counted up to COUNT_CAP + 1 matches (exact up to COUNT_CAP); its candidates are at most RANK_CAP matches in date
 * order (FTS5 yields matches in rowid order, which is date order), ranked once (bm25 for the candidates only: a query
 * matching more than RANK_CAP quotes is ranked among its RANK_CAP newest); the page and the facets (d1-facets.ts, over
 * the best FACET_SAMPLE) come from that ranking.
 */

import { CHOSEN_NAMES, chosenBinds, FACET_BRANCHES, FACET_OF, type Facet, facetsOf, sampleOf, withChosen } from './d1-facets'
import { decodeHits, type HotWords, hotSet } from './d1-hot'
import { ownWordsFirst, SEARCH_WEIGHTS, WEIGHTS } from './d1-query'
import { type Dimension, filters, found, type Query } from './d1-where'
import { COUNT_CAP, FACET_SAMPLE, RANK_CAP } from './options'
import type { Facets, SearchParams } from './params'

/** What the database says of its corpus (meta, written by the build). */
export interface CorpusFacts {
  /** Quotes in the corpus: the total of an empty query without filters. */
  quotes: number
  /** Whether some quote has a context: else `search_fts` ranks as `quotes_fts` and one table ranks a page. */
  contexts: boolean
  /** The words whose answers the build precomputed (d1-hot.ts). */
  hot: HotWords
  /** In place of CONTEXT_WIDEN_BELOW (tests on a small corpus; the build's hot answers keep the constant). */
  widenBelow?: number
}

/** SQL and its binds. */
export interface Sql {
  sql: string
  binds: unknown[]
}

/**
 * A row of a set's statement: `total` (count: the candidates, at most COUNT_CAP + 1; a hot set's every match), `page`
 * (value: the quote's `n`, with its ranks; `own`: matched in the quote's own words), `hits` (a hot set's page,
 * d1-hot.ts) and facet values (value, label, count).
 */
export interface SetRow {
  facet: 'total' | 'page' | 'hits' | Facet
  value: string | number | null
  label: string | null
  count: number | null
  crank: number | null
  trank: number | null
  own: number | null
}

/** What one set's statement returns: the page (if asked), the facets named, the total. */
export interface SetOptions {
  except?: Dimension
  page?: { limit: number; offset: number }
  facets: Facet[]
  /** The total's row (default true): none when a hot set counted it. */
  total?: boolean
}

/**
 * One set's statement: candidates (`cand`: at most COUNT_CAP + 1 matches, newest first, or oldest first when sorted
 * oldest first), ranked once (`ranked`: a match in the quote's own words first, then the tiers, the query's words in
 * order, bm25, `n`; by date first when sorted by date), then the total, the page and the facets of the best
 * FACET_SAMPLE as rows (SetRow).
 */
export function setStatement(query: Query, params: SearchParams, facts: CorpusFacts, opts: SetOptions): Sql {
  const byDate = opts.page !== undefined && (params.sort === 'date' || params.sort === '-date')
  const ranked = query.match !== null && !query.orYears
  const tiered = query.speakers.length > 0 || query.years.length > 0
  // The narrow keys are read only when something needs them (tiers, a date sort or range, an exact phrase).
  const { from, where, binds } = found(query, params, opts.except, !ranked || tiered || byDate)
  const keys = from !== 'search_fts'
  const ownJoin = ranked && facts.contexts
  const columns: Sql[] = []
  const order: string[] = []
  if (byDate) order.push(`(c.date IS NULL), c.date ${params.sort === 'date' ? 'ASC' : 'DESC'}`)
  if (ranked) order.push('own DESC')
  if (tiered) {
    columns.push({
      sql: 'coalesce(q.speaker IN (SELECT value FROM json_each(?)), 0) + coalesce(substr(q.date, 1, 4) IN (SELECT value FROM json_each(?)), 0) AS tier',
      binds: [JSON.stringify(query.speakers), JSON.stringify(query.years)],
    })
    order.push('tier DESC')
  }
  if (ranked && query.sequence) {
    columns.push({
      sql: `${keys ? 'q.n' : 'search_fts.rowid'} IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?) AS seq`,
      binds: [query.sequence],
    })
    order.push('seq DESC')
  }
  if (ranked) {
    columns.push({ sql: `bm25(search_fts, ${SEARCH_WEIGHTS}) AS crank`, binds: [] })
    order.push(ownJoin ? 'CASE WHEN own THEN trank ELSE crank END' : 'crank')
  }
  order.push('c.n')
  // A filtered scan (the keys joined) is the costly part: its candidates also count the total.
  const candLimit = keys ? Math.max(RANK_CAP, COUNT_CAP + 1) : RANK_CAP
  // Oldest first needs the oldest candidates: the highest numbers (undated quotes, which come last anyway, and the oldest).
  const scan = `${ranked ? 'search_fts.rowid' : 'q.n'}${params.sort === 'date' && opts.page ? ' DESC' : ''}`
  const ctes: Sql[] = [
    {
      sql: `cand AS MATERIALIZED (SELECT ${keys ? 'q.n AS n, q.date AS date' : 'search_fts.rowid AS n, NULL AS date'}${columns.map((c) => `, ${c.sql}`).join('')} FROM ${from} WHERE ${where} ORDER BY ${scan} LIMIT ${candLimit})`,
      binds: [...columns.flatMap((c) => c.binds), ...binds],
    },
  ]
  // Without contexts every match is in the quote's own words, and search_fts ranks as quotes_fts (but for its few key
  // tokens in each row's length, about the same for every quote). With them,
  // the own matches are materialized (else SQLite may join the FTS subquery as one MATCH per candidate: seconds).
  if (ownJoin)
    ctes.unshift({
      sql: `own AS MATERIALIZED (SELECT rowid AS n, bm25(quotes_fts, ${WEIGHTS}) AS trank FROM quotes_fts WHERE quotes_fts MATCH ?)`,
      binds: [query.match],
    })
  const rank = !ranked
    ? 'NULL AS crank, NULL AS trank, 1 AS own'
    : ownJoin
      ? 'c.crank AS crank, t.trank AS trank, t.n IS NOT NULL AS own'
      : 'c.crank AS crank, c.crank AS trank, 1 AS own'
  const best = Math.max(FACET_SAMPLE, opts.page ? opts.page.offset + opts.page.limit : 0)
  ctes.push(
    {
      sql: `ranked AS MATERIALIZED (SELECT c.n AS n, ${rank} FROM cand c${ownJoin ? ' LEFT JOIN own t ON t.n = c.n' : ''} ORDER BY ${order.join(', ')} LIMIT ${best})`,
      binds: [],
    },
    { sql: sampleOf(`SELECT n FROM ranked LIMIT ${FACET_SAMPLE}`, opts.facets.length), binds: [] },
  )
  const none = 'NULL, NULL, NULL'
  const branches: Sql[] = [
    ...(opts.total === false ? [] : [totalBranch(candLimit, from, where, binds)]),
    ...(opts.page
      ? [
          {
            sql: `SELECT * FROM (SELECT 'page' AS facet, n AS value, NULL AS label, NULL AS count, crank, trank, own FROM ranked LIMIT ? OFFSET ?)`,
            binds: [opts.page.limit, opts.page.offset],
          },
        ]
      : []),
    ...opts.facets.map((f) => ({ sql: `SELECT *, ${none} FROM (${FACET_BRANCHES[f]})`, binds: [] })),
  ]
  return {
    sql: `WITH ${ctes.map((c) => c.sql).join(', ')} ${unionAll(branches.map((b) => b.sql))}`,
    binds: [...ctes.flatMap((c) => c.binds), ...branches.flatMap((b) => b.binds)],
  }
}

/**
 * The total's row: the candidates count it when they reach past the cap (a filtered scan is read once) or are fewer
 * than their limit (every match); else a scan of the FTS table alone, without bm25, which CASE runs only then.
 */
function totalBranch(candLimit: number, from: string, where: string, binds: unknown[]): Sql {
  const head = "SELECT 'total' AS facet, NULL AS value, NULL AS label"
  const tail = 'NULL AS crank, NULL AS trank, NULL AS own'
  if (candLimit > COUNT_CAP) return { sql: `${head}, count(*) AS count, ${tail} FROM cand`, binds: [] }
  const scan = `(SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${COUNT_CAP + 1}))`
  return {
    sql: `${head}, CASE WHEN c.k < ${candLimit} THEN c.k ELSE ${scan} END AS count, ${tail} FROM (SELECT count(*) AS k FROM cand) c`,
    binds,
  }
}

/** D1 allows at most this many SELECTs in one compound SELECT (SQLITE_LIMIT_COMPOUND_SELECT). */
const COMPOUND_LIMIT = 5

/** SELECTs joined by UNION ALL, nested in groups of at most COMPOUND_LIMIT. */
export function unionAll(selects: string[]): string {
  if (selects.length <= COMPOUND_LIMIT) return selects.join(' UNION ALL ')
  const groups: string[] = []
  for (let i = 0; i < selects.length; i += COMPOUND_LIMIT)
    groups.push(`SELECT * FROM (${selects.slice(i, i + COMPOUND_LIMIT).join(' UNION ALL ')})`)
  return unionAll(groups)
}

/** A page of hits: quote numbers and bm25 ranks (none for an unranked query); `own`: matched in the quote's own words. */
export type PageRow = { n: number; crank: number | null; trank: number | null; own: number | null }

/** The page rows of a set statement's rows. */
const pageRows = (rows: SetRow[]): PageRow[] =>
  rows.filter((r) => r.facet === 'page').map((r) => ({ n: Number(r.value), crank: r.crank, trank: r.trank, own: r.own }))

/** A search's page, total (exact up to COUNT_CAP) and, if asked, facets. */
export interface Searched {
  total: number
  exact: boolean
  rows: PageRow[]
  facets: Facets | null
  approximate: boolean
}

/**
 * Runs a search in one batch: the set statement of every filter (total, page, the facets of unchosen filters), one
 * per chosen filter (its own facet) and the chosen names; an empty query without filters lists quotes by number and
 * reads the build's facets. `hot`: the query's hot key (d1-hot.ts hotKey), whose sets the build answered.
 */
export async function runSearch(
  db: D1Database,
  query: Query,
  params: SearchParams,
  facts: CorpusFacts,
  withFacets: boolean,
  hot: string | null = null,
  widened = false,
): Promise<Searched> {
  const page = { limit: params.limit, offset: (params.page - 1) * params.limit }
  const chosen = (Object.keys(FACET_OF) as Dimension[]).filter((d) => filters(params).sql.length > filters(params, d).sql.length)
  if (query.match === null && filters(params).sql.length === 0) {
    // Every quote: the corpus's count and facets (the build's), the page by number (or the date sort's candidates).
    const byNumber = (params.sort ?? 'relevance') === 'relevance'
    const listing = byNumber
      ? {
          sql: 'SELECT n, NULL AS crank, NULL AS trank, 1 AS own FROM quote_keys ORDER BY n LIMIT ? OFFSET ?',
          binds: [page.limit, page.offset],
        }
      : setStatement(query, params, facts, { page, facets: [] })
    const [listed, meta] = await db.batch<SetRow & PageRow & { value: string }>([
      db.prepare(listing.sql).bind(...listing.binds),
      db.prepare("SELECT value FROM meta WHERE key = 'facets'"),
    ])
    const stored = meta?.results[0]?.value
    if (withFacets && !stored) throw new Error('The D1 database has no facets: apply the migrations from npm run build:d1.')
    const rows = byNumber ? (listed?.results ?? []) : pageRows(listed?.results ?? [])
    const facets = withFacets ? (JSON.parse(stored as string) as Facets) : null
    return { total: facts.quotes, exact: true, rows, facets, approximate: false }
  }
  // The quotes' own words first, with the count that decides whether the context is searched too (d1-query.ts
  // ownWordsFirst, options.ts CONTEXT_WIDEN_BELOW): in the same batch; when fewer hold the words, another batch widens.
  const probe = widened ? null : ownWordsFirst(query.match, query.exact.length > 0, facts)
  if (probe) query = { ...query, match: probe.match }
  const own = withFacets ? (Object.keys(FACET_OF) as Dimension[]).filter((d) => !chosen.includes(d)).map((d) => FACET_OF[d]) : []
  // A hot word's set alone (no filter left, no exact phrase) is the build's (d1-hot.ts); its page too when ranked
  // by relevance alone (no speaker or year tiers, no words in order).
  const hotFor = (except?: Dimension) =>
    hot !== null && query.exact.length === 0 && !query.orYears && filters(params, except).sql.length === 0 ? hot : null
  const plainOrder = (params.sort ?? 'relevance') === 'relevance' && query.speakers.length + query.years.length === 0 && !query.sequence
  const mainHot = hotFor()
  const setOf = (except: Dimension | undefined, opts: SetOptions) => {
    const key = hotFor(except)
    return key === null
      ? { ...setStatement(query, params, facts, opts), hot: false }
      : { ...hotSet(key, facts.hot.width, plainOrder ? opts.page : undefined, opts.facets), hot: true }
  }
  const sets = [
    setOf(undefined, { page, facets: own }),
    ...(withFacets ? chosen.map((d) => setOf(d, { except: d, facets: [FACET_OF[d]] })) : []),
  ]
  // A hot set ranked otherwise (tiers, words in order, a date sort): its page alone, live.
  const livePage = mainHot !== null && !plainOrder ? [setStatement(query, params, facts, { page, facets: [], total: false })] : []
  const results = await db.batch<SetRow>([
    ...(probe ? [db.prepare(probe.sql).bind(...probe.binds)] : []),
    ...[...sets, ...livePage].map((s) => db.prepare(s.sql).bind(...s.binds)),
    ...(withFacets ? [db.prepare(CHOSEN_NAMES).bind(...chosenBinds(params))] : []),
  ])
  if (probe) {
    const [counted] = results.splice(0, 1)
    const enough = Boolean((counted?.results[0] as { enough?: number } | undefined)?.enough)
    if (!enough) return runSearch(db, { ...query, match: probe.typed }, params, facts, withFacets, hot, true)
  }
  // A key the database lacks (meta read, per isolate, before another build was applied): searched live.
  if (sets.some((s, i) => s.hot && !results[i]?.results.some((r) => r.facet === 'total')))
    return runSearch(db, query, params, facts, withFacets, null, true)
  const main = results[0]?.results ?? []
  const counted = Number(main.find((r) => r.facet === 'total')?.count ?? 0)
  const total = Math.min(counted, COUNT_CAP)
  const hits = main.find((r) => r.facet === 'hits')
  const rows = hits
    ? decodeHits(String(hits.value ?? ''), facts.hot.width)
    : pageRows(results[livePage.length > 0 ? sets.length : 0]?.results ?? [])
  if (!withFacets) return { total, exact: counted <= COUNT_CAP, rows, facets: null, approximate: false }
  const { facets } = facetsOf(results.slice(0, sets.length).flatMap((r) => r.results))
  // A live set's facets count its best FACET_SAMPLE: approximate when one matched more (a hot set's count every match).
  const approximate = sets.some((s, i) => !s.hot && Number(results[i]?.results.find((row) => row.facet === 'total')?.count) > FACET_SAMPLE)
  const names = (results.at(-1)?.results[0] ?? {}) as { speaker?: string | null; source?: string | null }
  return { total, exact: counted <= COUNT_CAP, rows, facets: withChosen(facets, params, names, total), approximate }
}
