/**
 * @module
 * The SQL of a PostgreSQL search (src/search/pg.ts): one statement that finds the matching quotes (the GIN index on
 * `quotes.tsv`), ranks them in tiers as the other backends do, and returns the total, one page and the facets as
 * JSON: a search costs one round trip through Hyperdrive. Its work is bounded as D1's (src/search/d1-page.ts): the
 * total is counted up to COUNT_CAP + 1, a query matching more than RANK_CAP quotes is ranked among its newest, and
 * the facets count the best FACET_SAMPLE matches. Every value is bound ($1…); only constants and placeholders
 * are written into the SQL.
 */
import { speakerId } from '../text'
import { COUNT_CAP, FACET_LIMIT, FACET_SAMPLE, RANK_CAP } from './options'
import type { SearchFilters, SearchParams } from './params'
import type { RankPart } from './pg-text'

/** A filter dimension; a facet counts with every filter but its own. */
export type Dimension = 'speaker' | 'source' | 'kind' | 'date'

/**
 * ts_rank weights for D (context), C (unused), B (speaker's names), A (quote text): the bundle's field boosts
 * (src/search/options.ts FIELD_BOOST) scaled to PostgreSQL's 0–1. Normalisation 1 divides by 1 + log(length),
 * as bm25 favours the shorter of two quotes saying the same words.
 */
export const RANK_WEIGHTS = "'{0.2, 0.2, 0.5, 1.0}'"

/** What a search asks of the tables. */
export interface PgQuery {
  /** The tsquery text (src/search/pg-text.ts tsqueryOf); null finds every quote (newest first). */
  match: string | null
  /**
   * The parts ranked: a quote's rank is the sum over parts of ts_rank of the part alone, times the part's rarity
   * (idf, from the document counts of `terms`), as bm25 adds up its words. Not ts_rank of the whole AND, which scores
   * how near the words stand: a quote with one word in its text and one in its context would come last.
   */
  rank?: RankPart[]
  /** Speaker ids and years the query names: their quotes rank first (a tier each). */
  speakers: string[]
  years: string[]
  /** A query of years only: quotes dated in these years are found besides the match. */
  orYears?: string[]
  /** "Quoted phrases" as folded words between spaces (" the region "): checked word for word, not stemmed. */
  exact: string[]
  /** The query's free words in order as one tsquery phrase: quotes holding it in their own words rank first. */
  sequence?: string
  /** Match in the quotes' own words only (options.ts CONTEXT_WIDEN_BELOW: the search is not widened to contexts). */
  ownOnly?: boolean
}

/** Placeholders for bound values: `add(v)` binds v and answers its `$n`. */
export class Binds {
  readonly values: (string | number | null)[] = []
  add(value: string | number | null): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

/** The filter values, each bound once: placeholders, or null for a filter not asked. */
export type FilterBinds = Record<'speaker' | 'source' | 'kind' | 'from' | 'to', string | null>

export function bindFilters(params: SearchFilters, binds: Binds): FilterBinds {
  const bind = (v: string | undefined) => (v ? binds.add(v) : null)
  return {
    speaker: bind(params.speaker ? speakerId(params.speaker) : undefined),
    source: bind(params.source),
    kind: bind(params.kind),
    from: bind(params.from),
    to: bind(params.to),
  }
}

/** The filters as SQL over a set aliased `b` (n, speaker, kind, date, sources); `except` leaves one out (for its facet). */
export function filterSql(f: FilterBinds, except?: Dimension): string[] {
  const sql: string[] = []
  if (f.speaker && except !== 'speaker') sql.push(`b.speaker = ${f.speaker}`)
  if (f.source && except !== 'source') sql.push(`${f.source} = ANY (b.sources)`)
  if (f.kind && except !== 'kind') sql.push(`b.kind = ${f.kind}`)
  if (f.from && except !== 'date') sql.push(`b.date >= ${f.from}`)
  if (f.to && except !== 'date') sql.push(`b.date <= ${f.to}`)
  return sql
}

const where = (clauses: string[]) => (clauses.length > 0 ? clauses.join(' AND ') : 'true')

/** Each facet's dimension, and whether the filters choose a value of it (its facet then counts a set without it). */
const DIMENSIONS: Dimension[] = ['speaker', 'source', 'date', 'kind']
const chosen = (f: FilterBinds, dim: Dimension) => (dim === 'date' ? f.from !== null || f.to !== null : f[dim] !== null)

/**
 * Facet subqueries (speaker, source, year, kind; top FACET_LIMIT each), each over its set's sample (`sampleOf`: a CTE
 * of the set's best matches with their speaker, kind, date, sources), and the selected values' labels.
 */
function facetColumns(f: FilterBinds, sampleOf: (dim: Dimension) => string): string[] {
  const list = (inner: string, order: string, label?: [string, string]) =>
    label
      ? `(SELECT coalesce(json_agg(json_build_object('value', f.value, 'label', coalesce(l.${label[1]}, f.value), 'count', f.count) ORDER BY ${order}), '[]') FROM (${inner}) f LEFT JOIN ${label[0]} l ON l.id = f.value)`
      : `(SELECT coalesce(json_agg(json_build_object('value', f.value, 'label', f.value, 'count', f.count) ORDER BY ${order}), '[]') FROM (${inner}) f)`
  const grouped = (dim: Dimension, value: string, join: string, extra: string, order: string) =>
    `SELECT ${value} AS value, count(*)::int AS count FROM ${sampleOf(dim)} b${join}${extra ? ` WHERE ${extra}` : ''} GROUP BY 1 ORDER BY ${order} LIMIT ${FACET_LIMIT}`
  return [
    `${list(grouped('speaker', 'b.speaker', '', 'b.speaker IS NOT NULL', '2 DESC, 1'), 'f.count DESC, f.value', ['speakers', 'name'])} AS f_speaker`,
    `${list(grouped('source', 'o.source', ' CROSS JOIN unnest(b.sources) AS o(source)', '', '2 DESC, 1'), 'f.count DESC, f.value', ['sources', 'title'])} AS f_source`,
    `${list(grouped('date', 'substr(b.date, 1, 4)', '', 'b.date IS NOT NULL', '1 DESC'), 'f.value DESC')} AS f_year`,
    `${list(grouped('kind', 'b.kind', '', '', '2 DESC, 1'), 'f.count DESC, f.value')} AS f_kind`,
    `(SELECT name FROM speakers WHERE id = ${f.speaker ?? 'NULL'}) AS speaker_label`,
    `(SELECT title FROM sources WHERE id = ${f.source ?? 'NULL'}) AS source_label`,
  ]
}

/** A text[] literal of these strings (each double-quoted, quotes and backslashes escaped), to bind as one value. */
export function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`
}

/** How rare a part is: ln((N + 1) / (1 + quotes holding it)), counted from `terms` (document counts per word). */
function idfSql(part: RankPart, binds: Binds): string {
  const stems = `SELECT json_array_elements_text(${binds.add(JSON.stringify(part.stems))}::text::json)`
  const prefix =
    part.prefix === null ? 'false' : `(t.stem >= ${binds.add(part.prefix)} AND t.stem < ${binds.add(part.prefix)} || chr(1114111))`
  // Without a prefix, no `OR false`: the OR would make the IN a filter over every term instead of an index lookup.
  const docs = part.phrase
    ? `(SELECT min(d) FROM (SELECT sum(t.docs) AS d FROM terms t WHERE t.stem IN (${stems}) GROUP BY t.stem) x)`
    : `(SELECT sum(t.docs) FROM terms t WHERE t.stem IN (${stems})${part.prefix === null ? '' : ` OR ${prefix}`})`
  return `ln(((SELECT value::float FROM meta WHERE key = 'count') + 1) / (1 + coalesce(${docs}, 0)))`
}

/**
 * How a matched quote's vector ranks: each part's ts_rank times its idf, the idfs computed once per statement (the
 * `idf` CTE, one column a part). Without parts (a query of years only), ts_rank of the whole match.
 */
function ranking(parts: RankPart[], binds: Binds, whole: string): { idf: string[]; of: (vector: string) => string } {
  if (parts.length === 0) return { idf: [], of: (vector) => `ts_rank(${RANK_WEIGHTS}, ${vector}, ${whole}, 1)` }
  const bound = parts.map((p, i) => ({ tsq: binds.add(p.tsquery), idf: `${idfSql(p, binds)} AS i${i}` }))
  return {
    idf: bound.map((b) => b.idf),
    of: (vector) => bound.map((b, i) => `idf.i${i} * ts_rank(${RANK_WEIGHTS}, ${vector}, ${b.tsq}::tsquery, 1)`).join(' + '),
  }
}

/**
 * The year range [lo, hi) of each partition of `quotes` but the default one (undated quotes), read from the catalog
 * within the statement: no round trip, and right after a year is attached or detached (scripts/pg/schema.ts).
 */
const PARTITION_YEARS = `SELECT lo, hi FROM (SELECT substring(e FROM 'FROM [(]''?(-?[0-9]+)')::int AS lo,
  substring(e FROM 'TO [(]''?(-?[0-9]+)')::int AS hi FROM (SELECT pg_get_expr(c.relpartbound, c.oid) AS e
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'quotes'::regclass) e) p WHERE lo IS NOT NULL`

/**
 * The `limit` newest quotes matching `where` (over quotes `b`), or the oldest with `oldestFirst`, read a partition at a
 * time from the newest year (the oldest: undated quotes first), stopping once `limit` are found. Years hold disjoint
 * ranges of `n` (numbered by date), so this is `ORDER BY n LIMIT limit`, without walking the `n` index and checking
 * every quote's vector: each year's matches come from its GIN index (`n + 0`: not from the `n` index) and are sorted.
 * A common word at 1M is read from the newest one or two years instead of walking 166,000 quotes of the newest.
 */
export function newestMatches(columns: string, where: string, limit: number, oldestFirst: boolean): string {
  const order = `b.n + 0 ${oldestFirst ? 'DESC' : 'ASC'} LIMIT ${limit}`
  const byYear = `SELECT m.* FROM (${PARTITION_YEARS} ORDER BY lo ${oldestFirst ? 'ASC' : 'DESC'}) y CROSS JOIN LATERAL
    (SELECT ${columns} FROM quotes b WHERE b.year >= y.lo AND b.year < y.hi AND ${where} ORDER BY ${order}) m`
  const undated = `SELECT ${columns} FROM quotes b WHERE b.year IS NULL AND ${where} ORDER BY ${order}`
  const [first, then] = oldestFirst ? [undated, byYear] : [byYear, undated]
  // UNION ALL runs its branches in order and the LIMIT stops it: the years after the one that fills it are never read.
  return `SELECT * FROM ((${first}) UNION ALL (${then})) m LIMIT ${limit}`
}

/**
 * Reading the newest matches year by year (newestMatches) pays for every match of each year it reads; walking the `n`
 * index pays for every quote it passes until it has enough. Measured at 1M: ~1 µs a quote walked, ~2.4 µs a match of
 * a year's GIN bitmap. So a word in most quotes is cheaper walked: at 10M, "ha" (6 % of the quotes) walks 166,000
 * quotes for its 10,001 newest matches, where 2020 alone holds 100,000 of them. The statement chooses from the
 * words' document counts (the `idf` CTE: the rarest word bounds the matches): walk when limit × quotes / matches <
 * BITMAP_COST × matches / years. A filter is never walked: it thins what the walk passes, and its index is ANDed.
 */
const BITMAP_COST = 2.4

/** The CTE of what that choice needs: the matches the rarest word allows, the quotes, the year partitions. */
function walkFacts(idfColumns: number): string {
  const rarest = `greatest(${Array.from({ length: idfColumns }, (_, i) => `idf.i${i}`).join(', ')})`
  return `walk AS MATERIALIZED (SELECT (c.n + 1) * exp(-${rarest}) AS matches, c.n AS quotes,
    (SELECT count(*) FROM (${PARTITION_YEARS}) y) AS years FROM idf, (SELECT value::float AS n FROM meta WHERE key = 'count') c)`
}

/** The newest `limit` matches by walking (`walked`) or year by year (`byYear`), whichever the `walk` CTE says is cheaper. */
function cheaperOf(walked: string, byYear: string, limit: number): string {
  const walks = `(SELECT w.matches ^ 2 * ${BITMAP_COST} > ${limit}::float * w.quotes * w.years FROM walk w)`
  return `(SELECT * FROM (${walked}) m WHERE ${walks}) UNION ALL (SELECT * FROM (${byYear}) m WHERE NOT ${walks})`
}

/**
 * A search's row: the total (counted up to the count cap + 1), the page (n, own, rank) and, when asked, the facet
 * lists and whether some set they count matched more than its sample (`approximate`).
 */
export interface SearchRow {
  /** Asked with `widenBelow`: the own-words search should have read the contexts. */
  widen?: boolean
  total: number
  page: { n: number; own: boolean; rank: number }[]
  approximate?: boolean
  f_speaker?: unknown[]
  f_source?: unknown[]
  f_year?: unknown[]
  f_kind?: unknown[]
  speaker_label?: string | null
  source_label?: string | null
}

/** The bounds of a search's work (src/search/options.ts; smaller in tests). */
export interface Caps {
  /** Matches counted: `total` is exact up to this many. */
  count: number
  /** Matches ranked: a query matching more is ranked among its newest this many. */
  rank: number
  /** Best matches the facets count. */
  sample: number
}

export const CAPS: Caps = { count: COUNT_CAP, rank: RANK_CAP, sample: FACET_SAMPLE }

/**
 * The search statement, with bounded work at any corpus size (as D1's, src/search/d1-page.ts). Each set of matches
 * (the query with every filter; and, for each chosen filter, without it, for that filter's own facet) is three CTEs:
 * `c<k>`, its candidates (at most max(rank cap, count cap + 1) matches, newest first, or oldest first when sorted
 * oldest first), which count the total; `r<k>`, the same ranked; `s<k>`, the best sample of them, which the facets
 * count (for the sets of chosen filters, which count no total, the candidates are the rank cap's newest). Order: a
 * date sort if asked (undated last), then a match in the quote's own words before a context-only one, the
 * speaker/year tier, the whole query in order, the rank, and `n` (newest first). Without count (every quote, no
 * filter), the candidates reach the page asked, uncapped.
 */
export function searchSql(
  query: PgQuery,
  params: SearchParams,
  { facets, count, widenBelow }: { facets: boolean; count: boolean; widenBelow?: number },
  caps: Caps = CAPS,
): { text: string; values: (string | number | null)[] } {
  const binds = new Binds()
  const { match } = query
  const ranked = match !== null && !query.orYears
  const columns = ['b.n', 'b.speaker', 'b.kind', 'b.date', 'b.sources']
  let idf: string[] = []
  const conditions: string[] = []
  // `widen`: whether this own-words search should have read the contexts (fewer than widenBelow quotes hold the words,
  // and some quote holds them with its context only).
  let widen: string | null = null
  if (match !== null) {
    const tsq = `${binds.add(match)}::tsquery`
    // The index is on tsv; the own words are checked on its matches.
    const ownMatch = `(b.tsv @@ ${tsq} AND b.own @@ ${tsq})`
    const matches = query.ownOnly ? ownMatch : `b.tsv @@ ${tsq}`
    if (widenBelow !== undefined)
      widen =
        `CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM quotes b WHERE ${ownMatch} LIMIT ${widenBelow}) t) >= ${widenBelow} ` +
        `THEN false ELSE EXISTS (SELECT 1 FROM quotes b WHERE b.tsv @@ ${tsq} AND NOT b.own @@ ${tsq}) END AS widen`
    if (query.orYears) {
      conditions.push(
        `(${matches} OR b.year = ANY (SELECT json_array_elements_text(${binds.add(JSON.stringify(query.orYears))}::text::json)::int))`,
      )
      columns.push('true AS own', '0::real AS rank')
    } else {
      conditions.push(matches)
      const rank = ranking(query.rank ?? [], binds, tsq)
      idf = rank.idf
      columns.push(`b.own @@ ${tsq} AS own`, `CASE WHEN b.own @@ ${tsq} THEN ${rank.of('b.own')} ELSE ${rank.of('b.tsv')} END AS rank`)
    }
  } else columns.push('true AS own', '0::real AS rank')
  for (const phrase of query.exact) conditions.push(`strpos(b.folded, ${binds.add(phrase)}) > 0`)
  const order: string[] = []
  if (params.sort === 'date' || params.sort === '-date') order.push('b.date IS NULL', `b.date ${params.sort === 'date' ? 'ASC' : 'DESC'}`)
  if (ranked) order.push('b.own DESC')
  if (ranked && (query.speakers.length > 0 || query.years.length > 0)) {
    const speakers = `ARRAY(SELECT json_array_elements_text(${binds.add(JSON.stringify(query.speakers))}::text::json))`
    const years = `ARRAY(SELECT json_array_elements_text(${binds.add(JSON.stringify(query.years))}::text::json))`
    columns.push(
      `coalesce(b.speaker = ANY (${speakers}), false)::int + coalesce(substr(b.date, 1, 4) = ANY (${years}), false)::int AS tier`,
    )
    order.push('b.tier DESC')
  }
  if (ranked && query.sequence) {
    columns.push(`b.own @@ ${binds.add(query.sequence)}::tsquery AS seq`)
    order.push('b.seq DESC')
  }
  if (ranked) order.push('b.rank DESC')
  order.push('b.n')
  const filters = bindFilters(params, binds)
  const offset = (params.page - 1) * params.limit
  const limit = binds.add(params.limit)
  const from = binds.add(offset)
  // The candidates are counted and ranked (as D1's when a filter joins its keys): at most max(rank cap, count cap + 1).
  const candLimit = count ? Math.max(caps.rank, caps.count + 1) : Math.max(caps.rank, offset + params.limit)
  // Oldest first needs the oldest candidates: the highest numbers (undated quotes, which come last anyway, and the oldest).
  const scan = params.sort === 'date' ? 'b.n DESC' : 'b.n'
  const best = (k: number, n: number | string) => `SELECT * FROM r${k} b ORDER BY ${order.join(', ')} LIMIT ${n}`
  const candidateColumns = 'b.n, b.speaker, b.kind, b.date, b.sources, b.own, b.tsv'
  const walkable = ranked && idf.length > 0
  const set = (k: number, except?: Dimension) => {
    const filtered = filterSql(filters, except)
    const matching = where([...conditions, ...filtered])
    const n = k === 0 ? candLimit : caps.rank
    const walked = `SELECT ${candidateColumns} FROM quotes b WHERE ${matching} ORDER BY ${scan} LIMIT ${n}`
    // Words to match: the newest matches year by year, or walked when the words are in most quotes. No words (filters
    // only, or years): walked, newest first.
    const byYear = () => newestMatches(candidateColumns, matching, n, params.sort === 'date')
    const candidates = !ranked ? walked : walkable && filtered.length === 0 ? cheaperOf(walked, byYear(), n) : byYear()
    const cand = `c${k} AS MATERIALIZED (${candidates})`
    const rank = `r${k} AS MATERIALIZED (SELECT ${columns.join(', ')} FROM c${k} b, idf)`
    const sample = `s${k} AS (${best(k, caps.sample)})`
    return [cand, rank, ...(facets ? [sample] : [])]
  }
  const others = facets ? DIMENSIONS.filter((d) => chosen(filters, d)) : []
  const ctes = [
    `idf AS MATERIALIZED (SELECT ${idf.length > 0 ? idf.join(', ') : '1 AS i0'})`,
    ...(walkable ? [walkFacts(idf.length)] : []),
    ...set(0),
    ...others.flatMap((d, i) => set(i + 1, d)),
  ]
  const sampleOf = (dim: Dimension) => `s${others.indexOf(dim) + 1}`
  const select = [
    ...(widen ? [widen] : []),
    count ? `(SELECT count(*)::int FROM (SELECT 1 FROM c0 LIMIT ${caps.count + 1}) t) AS total` : '0 AS total',
    `(SELECT coalesce(json_agg(json_build_object('n', p.n, 'own', p.own, 'rank', p.rank) ORDER BY ${order.map((o) => o.replaceAll('b.', 'p.')).join(', ')}), '[]') FROM (${best(0, `${limit}::int OFFSET ${from}::int`)}) p) AS page`,
    ...(facets
      ? [
          `(${['c0', ...others.map((_, i) => `c${i + 1}`)].map((c) => `(SELECT count(*) FROM ${c}) > ${caps.sample}`).join(' OR ')}) AS approximate`,
          ...facetColumns(filters, sampleOf),
        ]
      : []),
  ]
  return { text: `WITH ${ctes.join(',\n')}\nSELECT ${select.join(',\n  ')}`, values: binds.values }
}
