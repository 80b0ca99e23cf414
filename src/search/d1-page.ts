/**
 * @module
 * A D1 search's page and total (src/search/d1.ts), with bounded work at any corpus size: the total is counted up to
 * COUNT_CAP (beyond, `exact: false`), and a query matching more than COUNT_CAP quotes is ranked among its COUNT_CAP
 * newest matches (FTS5 yields matches in rowid order, which is date order: bm25 is computed for those only). The
 * facets (d1-facets.ts) are counted over the best FACET_SAMPLE of the same ranked candidates.
 */
import { bm25Weights } from './d1-query'
import { type Dimension, found, type Query } from './d1-where'
import type { SearchParams } from './params'

/** Most matches a search counts (`total` is exact up to this many) and ranks (the newest this many, when more match). */
export const COUNT_CAP = 10_000

/** bm25 weights of `quotes_fts` (text, speaker) and `search_fts` (text, speaker, context), from FIELD_BOOST. */
export const WEIGHTS = bm25Weights(['text', 'speaker'])
export const SEARCH_WEIGHTS = bm25Weights(['text', 'speaker', 'context'])

/** What the database says of its corpus (meta, written by the build). */
export interface CorpusFacts {
  /** Quotes in the corpus: the total of an empty query without filters. */
  quotes: number
  /** Whether some quote has a context: else `search_fts` ranks as `quotes_fts` and one table ranks a page. */
  contexts: boolean
}

/** A page of hits: quote numbers and bm25 ranks (none for an unranked query); `own`: matched in the quote's own words. */
export type PageRow = { n: number; trank?: number | null; crank?: number; own?: number }

/** SQL and its binds. */
export interface Sql {
  sql: string
  binds: unknown[]
}

/**
 * The quotes a search finds, in page order, as `SELECT n, crank, trank, own … ORDER BY …` (no LIMIT: the caller's;
 * `ctes` to put in its WITH):
 * a match in the quote's own words (`quotes_fts`) first, then the tiers (a speaker or year the query names), the
 * query's words in order, bm25, `n`; by date first when sorted by date. Ranked queries draw from their COUNT_CAP
 * newest matches, unless sorted by date (then every match is ordered).
 */
export function ordered(
  query: Query,
  params: SearchParams,
  facts: CorpusFacts,
  except?: Dimension,
  sortByDate = true,
): Sql & { ctes: Sql[] } {
  const { from, where, binds } = found(query, params, except)
  const byDate = sortByDate && (params.sort === 'date' || params.sort === '-date')
  const ranked = query.match !== null && !query.orYears
  const columns: Sql[] = []
  const order: string[] = []
  if (byDate) order.push(`(c.date IS NULL), c.date ${params.sort === 'date' ? 'ASC' : 'DESC'}`)
  const ownJoin = ranked && facts.contexts
  if (ranked) order.push('own DESC')
  if (query.speakers.length > 0 || query.years.length > 0) {
    columns.push({
      sql: 'coalesce(q.speaker IN (SELECT value FROM json_each(?)), 0) + coalesce(substr(q.date, 1, 4) IN (SELECT value FROM json_each(?)), 0) AS tier',
      binds: [JSON.stringify(query.speakers), JSON.stringify(query.years)],
    })
    order.push('tier DESC')
  }
  if (ranked && query.sequence) {
    columns.push({ sql: 'q.n IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?) AS seq', binds: [query.sequence] })
    order.push('seq DESC')
  }
  if (ranked) {
    columns.push({ sql: `bm25(search_fts, ${SEARCH_WEIGHTS}) AS crank`, binds: [] })
    order.push(ownJoin ? 'CASE WHEN own THEN trank ELSE crank END' : 'crank')
  }
  order.push('c.n')
  const cap = ranked && !byDate ? ` LIMIT ${COUNT_CAP}` : ''
  const inner = `SELECT q.n AS n, q.date AS date${columns.map((c) => `, ${c.sql}`).join('')} FROM ${from} WHERE ${where}${cap}`
  const innerBinds = [...columns.flatMap((c) => c.binds), ...binds]
  // Without contexts every match is in the quote's own words, and search_fts ranks exactly as quotes_fts. With them,
  // the own matches are materialized (else SQLite may join the FTS subquery as one MATCH per candidate: seconds).
  const rank = !ranked ? '' : ownJoin ? ', c.crank, t.trank, t.n IS NOT NULL AS own' : ', c.crank, c.crank AS trank, 1 AS own'
  const ctes = ownJoin
    ? [
        {
          sql: `own AS MATERIALIZED (SELECT rowid AS n, bm25(quotes_fts, ${WEIGHTS}) AS trank FROM quotes_fts WHERE quotes_fts MATCH ?)`,
          binds: [query.match],
        },
      ]
    : []
  return {
    ctes,
    sql: `SELECT c.n AS n${rank} FROM (${inner}) c${ownJoin ? ' LEFT JOIN own t ON t.n = c.n' : ''} ORDER BY ${order.join(', ')}`,
    binds: innerBinds,
  }
}

/** A statement's SQL with its common table expressions first, and their binds before its own. */
export function withCtes(ctes: Sql[], sql: string, binds: unknown[]): Sql {
  if (ctes.length === 0) return { sql, binds }
  return { sql: `WITH ${ctes.map((c) => c.sql).join(', ')} ${sql}`, binds: [...ctes.flatMap((c) => c.binds), ...binds] }
}

/** The total, counted up to COUNT_CAP + 1 (an empty query without filters is the corpus: no count). */
export function countSql(query: Query, params: SearchParams): Sql {
  const { from, where, binds } = found(query, params)
  return { sql: `SELECT count(*) AS total FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${COUNT_CAP + 1})`, binds }
}

/** One page and the total (exact up to COUNT_CAP), for a query (every quote, newest first, when its match is null). */
export async function page(
  db: D1Database,
  query: Query,
  params: SearchParams,
  facts: CorpusFacts,
): Promise<{ total: number; exact: boolean; rows: PageRow[] }> {
  const offset = (params.page - 1) * params.limit
  const rows = ordered(query, params, facts)
  const listing = withCtes(rows.ctes, `${rows.sql} LIMIT ? OFFSET ?`, [...rows.binds, params.limit, offset])
  const pageStatement = db.prepare(listing.sql).bind(...listing.binds)
  const { where } = found(query, params)
  if (query.match === null && where === '1') {
    const result = await pageStatement.all<PageRow>()
    return { total: facts.quotes, exact: true, rows: result.results }
  }
  const count = countSql(query, params)
  const [counted, listed] = await db.batch<PageRow & { total: number }>([db.prepare(count.sql).bind(...count.binds), pageStatement])
  const total = counted?.results[0]?.total ?? 0
  return { total: Math.min(total, COUNT_CAP), exact: total <= COUNT_CAP, rows: listed?.results ?? [] }
}
