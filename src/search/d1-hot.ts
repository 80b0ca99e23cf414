/**
 * @module
 * The build's answers for the most frequent words (D1): a word in more quotes than HOT_MIN (and, from PREFIX_MIN
 * letters, its prefix, as the last word typed is searched) is searched once when the migrations are applied
 * (`hotFill`, in SQL, with the same FTS5 index, bm25 weights, order and facet queries as a live search), into `hot`
 * (key, every match counted, the best COUNT_CAP ranked) and `hot_facets` (each facet over every match). A search whose
 * set is that word alone reads them (`hotSet`) instead of ranking 10,000 candidates: one row and its facets' rows.
 * The ranking is then over every match, not the RANK_CAP newest, and its facets count every match
 * (`facets_approximate: false`); `total` stays capped at COUNT_CAP as a live search's, so paging (`next`) never
 * reaches past the ranked COUNT_CAP.
 *
 * `hot.hits`: the ranked matches as fixed-width lower-case hex, `width` digits of the quote's number, HIT_SCORE of
 * its score in thousandths (-bm25 × 1000, rounded: the precision the API shows) and one digit for a match in the
 * quote's own words; a page is a substr of it.
 */
import { FACET_BRANCHES, type Facet, sampleOf } from './d1-facets'
import { ftsString, holdsEnough, ownWordsOnly, type QueryPart, SEARCH_WEIGHTS, WEIGHTS, wordPart } from './d1-query'
import { COUNT_CAP, PREFIX_MIN } from './options'
import { YEAR } from './search'

/** SQL and its binds (as d1-page.ts Sql). */
type Sql = { sql: string; binds: unknown[] }

/** A ranked hit (as d1-page.ts PageRow): the quote's number, its bm25 ranks, whether it matched in its own words. */
export type Hit = { n: number; crank: number | null; trank: number | null; own: number | null }

/** Hex digits of a hit's score (thousandths): up to 1,048.575, far above a bm25 of one word. */
const HIT_SCORE = 5

/** What the build wrote of its hot words (meta `hot`): the keys and the digits of a quote number. */
export interface HotWords {
  keys: ReadonlySet<string>
  width: number
}

export const NO_HOT: HotWords = { keys: new Set(), width: 0 }

/** A key: a folded word of ASCII letters and digits (FTS5 folds those as the bundle does), `*` for its prefix. */
const KEY = /^[a-z0-9]+\*?$/

/** Reads meta `hot` (absent in a database built before it: no hot words). */
export function readHot(value: string | undefined): HotWords {
  if (!value) return NO_HOT
  const { keys, width } = JSON.parse(value) as { keys: string[]; width: number }
  return { keys: new Set(keys), width }
}

/**
 * The hot keys of a vocabulary (folded words and the quotes holding each): words in at least `min` quotes, and
 * their prefixes from PREFIX_MIN letters; not years (a query of years only also lists their quotes).
 */
export function hotKeys(docs: Iterable<[string, number]>, min: number): string[] {
  const keys: string[] = []
  for (const [word, n] of docs) {
    if (n < min || !KEY.test(word) || word.endsWith('*') || YEAR.test(word)) continue
    keys.push(word)
    if (word.length >= PREFIX_MIN) keys.push(`${word}*`)
  }
  return keys.sort()
}

/** Hex digits of the largest quote number. */
export const hitWidth = (quotes: number) => Math.max(1, quotes.toString(16).length)

/**
 * The hot key of a search's deciding parts, if the build precomputed it: one free word of ASCII letters and digits
 * (as typed: FTS5 folds its case as the key is folded), a prefix when it is searched as one.
 */
export function hotKey(parts: QueryPart[], hot: HotWords): string | null {
  const [part] = parts
  if (parts.length !== 1 || !part || part.quoted || part.words.length !== 1) return null
  const typed = part.words[0] as string
  if (!/^[A-Za-z0-9]+$/.test(typed)) return null
  const key = `${typed.toLowerCase()}${part.prefix ? '*' : ''}`
  return hot.keys.has(key) ? key : null
}

/** The MATCH expression of a key, as a live search writes it (d1-query.ts ftsString). */
const matchOf = (key: string) => ftsString(wordPart(key.replace('*', ''), key.replace('*', ''), key.endsWith('*')))

/**
 * The SQL that fills `hot` and `hot_facets` for one key, run when the migrations are applied (after the FTS tables):
 * every match counted, the best COUNT_CAP in a live search's order (d1-page.ts setStatement: a match in the quote's
 * own words first when the corpus has contexts, then bm25, then `n`), the facets of FACET_BRANCHES over every match.
 */
export function hotFill(key: string, contexts: boolean, width: number): string[] {
  if (!KEY.test(key)) throw new Error(`not a hot key: ${key}`)
  const typed = `'${matchOf(key)}'`
  // As a live search reads it (d1-query.ts ownWordsFirst): the quotes' own words only when enough of them hold it.
  const match = contexts ? `(SELECT CASE WHEN ${holdsEnough(typed)} THEN '${ownWordsOnly(matchOf(key))}' ELSE ${typed} END)` : typed
  const ranked = contexts
    ? `own AS MATERIALIZED (SELECT rowid AS n, bm25(quotes_fts, ${WEIGHTS}) AS trank FROM quotes_fts WHERE quotes_fts MATCH ${typed}), ` +
      `cand AS MATERIALIZED (SELECT rowid AS n, bm25(search_fts, ${SEARCH_WEIGHTS}) AS crank FROM search_fts WHERE search_fts MATCH ${match}), ` +
      'ranked AS MATERIALIZED (SELECT c.n AS n, CASE WHEN t.n IS NOT NULL THEN t.trank ELSE c.crank END AS rank, t.n IS NOT NULL AS own FROM cand c LEFT JOIN own t ON t.n = c.n)'
    : `cand AS MATERIALIZED (SELECT rowid AS n, bm25(search_fts, ${SEARCH_WEIGHTS}) AS crank FROM search_fts WHERE search_fts MATCH ${match}), ` +
      'ranked AS MATERIALIZED (SELECT n, crank AS rank, 1 AS own FROM cand)'
  const order = 'own DESC, rank, n'
  const score = `max(0, min(${16 ** HIT_SCORE - 1}, CAST(round(-rank * 1000) AS INTEGER)))`
  const best = `SELECT n, rank, own FROM ranked ORDER BY ${order} LIMIT ${COUNT_CAP}`
  return [
    `INSERT INTO hot (key, total, hits) WITH ${ranked} SELECT '${key}', (SELECT count(*) FROM ranked), ` +
      `coalesce((SELECT group_concat(printf('%0${width}x%0${HIT_SCORE}x%d', n, ${score}, own), '' ORDER BY ${order}) FROM (${best})), '');`,
    `INSERT INTO hot_facets (key, facet, value, label, count) WITH ${sampleOf(`SELECT rowid AS n FROM search_fts WHERE search_fts MATCH ${match}`)} ` +
      (Object.keys(FACET_BRANCHES) as Facet[]).map((f) => `SELECT '${key}', * FROM (${FACET_BRANCHES[f]})`).join(' UNION ALL ') +
      ';',
  ]
}

/**
 * A hot set's rows (as d1-page.ts SetRow): `total` (every match), `hits` (the page's slice of `hot.hits`, if asked)
 * and the facets named, in the build's order.
 */
export function hotSet(key: string, width: number, page: { limit: number; offset: number } | undefined, facets: Facet[]): Sql {
  const entry = width + HIT_SCORE + 1
  const branches: Sql[] = [
    {
      sql: "SELECT 'total' AS facet, NULL AS value, NULL AS label, total AS count, NULL AS crank, NULL AS trank, NULL AS own FROM hot WHERE key = ?",
      binds: [key],
    },
    ...(page
      ? [
          {
            sql: "SELECT 'hits', substr(hits, ?, ?), NULL, NULL, NULL, NULL, NULL FROM hot WHERE key = ?",
            binds: [page.offset * entry + 1, page.limit * entry, key],
          },
        ]
      : []),
    ...(facets.length > 0
      ? [
          {
            sql: 'SELECT * FROM (SELECT facet, value, label, count, NULL, NULL, NULL FROM hot_facets WHERE key = ? AND facet IN (SELECT value FROM json_each(?)) ORDER BY id)',
            binds: [key, JSON.stringify(facets)],
          },
        ]
      : []),
  ]
  return { sql: branches.map((b) => b.sql).join(' UNION ALL '), binds: branches.flatMap((b) => b.binds) }
}

/** The page rows of a `hits` slice: each hit's quote number, score (as bm25: negative) and own-words match. */
export function decodeHits(hits: string, width: number): Hit[] {
  const entry = width + HIT_SCORE + 1
  const rows: Hit[] = []
  for (let i = 0; i + entry <= hits.length; i += entry) {
    const rank = -Number.parseInt(hits.slice(i + width, i + width + HIT_SCORE), 16) / 1000
    rows.push({ n: Number.parseInt(hits.slice(i, i + width), 16), crank: rank, trank: rank, own: Number(hits[i + entry - 1]) })
  }
  return rows
}
