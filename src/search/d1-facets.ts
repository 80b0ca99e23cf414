/**
 * @module
 * Facets of a D1 search (src/search/d1.ts): speaker, source, year and kind, each with every filter but its own,
 * counted over the best FACET_SAMPLE matches in page order (d1-page.ts `ordered`), so their cost is bounded at any
 * corpus size; `approximate` says when more quotes matched than were counted. Without words or filters they are the
 * whole corpus's, precomputed by the build (meta.facets).
 */
import { speakerId } from '../text'
import { type CorpusFacts, ordered, withCtes } from './d1-page'
import { type Dimension, filters, type Query } from './d1-where'
import { FACET_LIMIT } from './facets'
import type { Facets, FacetValue, SearchFilters, SearchParams } from './params'

/** Best matches the facets are counted over: all of them up to this many. */
export const FACET_SAMPLE = 1_000

type Facet = keyof Facets

/** The facet of each filter dimension. */
const FACET_OF: Record<Dimension, Facet> = { speaker: 'speaker', source: 'source', date: 'year', kind: 'kind' }

/** One facet's top values over the sample `c`, as (facet, value, label, count) rows. */
const BRANCH: Record<Facet, string> = {
  speaker: `SELECT 'speaker' AS facet, g.value, coalesce(s.name, g.value) AS label, g.count FROM (SELECT q.speaker AS value, count(*) AS count FROM c JOIN quote_keys q ON q.n = c.n WHERE q.speaker IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) g LEFT JOIN speakers s ON s.id = g.value`,
  source: `SELECT 'source', g.value, coalesce(s.title, g.value), g.count FROM (SELECT qs.source AS value, count(*) AS count FROM c JOIN quote_sources qs ON qs.n = c.n GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) g LEFT JOIN sources s ON s.id = g.value`,
  year: `SELECT * FROM (SELECT 'year', substr(q.date, 1, 4), substr(q.date, 1, 4), count(*) FROM c JOIN quote_keys q ON q.n = c.n WHERE q.date IS NOT NULL GROUP BY 2 ORDER BY 2 DESC LIMIT ${FACET_LIMIT})`,
  kind: `SELECT * FROM (SELECT 'kind', q.kind, q.kind, count(*) FROM c JOIN quote_keys q ON q.n = c.n GROUP BY 2 ORDER BY 4 DESC, 2 LIMIT ${FACET_LIMIT})`,
}

/** A row of a facet statement; facet `more` counts the matches past the sample (0: every match was counted). */
type FacetRow = { facet: Facet | 'more'; value: string; label: string; count: number }

/**
 * The facet statements: one per set of matches (every filter; and every filter but one, for each chosen filter's own
 * facet), each ranking the set once and grouping its best FACET_SAMPLE four ways; then the labels of chosen values.
 */
export function facetStatements(db: D1Database, query: Query, params: SearchParams, facts: CorpusFacts): D1PreparedStatement[] {
  if (query.match === null && filters(params).sql.length === 0) return [db.prepare("SELECT value FROM meta WHERE key = 'facets'")]
  const chosen = (Object.keys(FACET_OF) as Dimension[]).filter((d) => filters(params).sql.length > filters(params, d).sql.length)
  const groups: { except?: Dimension; facets: Facet[] }[] = [
    { facets: (Object.keys(FACET_OF) as Dimension[]).filter((d) => !chosen.includes(d)).map((d) => FACET_OF[d]) },
    ...chosen.map((d) => ({ except: d, facets: [FACET_OF[d]] })),
  ].filter((g) => g.facets.length > 0)
  return [
    ...groups.map(({ except, facets }) => {
      const set = ordered(query, params, facts, except, false)
      const branches = [
        `SELECT 'more' AS facet, NULL AS value, NULL AS label, max(0, count(*) - ${FACET_SAMPLE}) AS count FROM sample`,
        ...facets.map((f) => BRANCH[f]),
      ]
      const statement = withCtes(
        [
          ...set.ctes,
          { sql: `sample AS MATERIALIZED (${set.sql} LIMIT ${FACET_SAMPLE + 1})`, binds: set.binds },
          { sql: `c AS (SELECT n FROM sample LIMIT ${FACET_SAMPLE})`, binds: [] },
        ],
        branches.join(' UNION ALL '),
        [],
      )
      return db.prepare(statement.sql).bind(...statement.binds)
    }),
    db
      .prepare('SELECT (SELECT name FROM speakers WHERE id = ?) AS speaker, (SELECT title FROM sources WHERE id = ?) AS source')
      .bind(params.speaker ? speakerId(params.speaker) : null, params.source ?? null),
  ]
}

/** Facets from facetStatements' results; a chosen value missing from its list is added with the total. */
export function facetsFrom(results: D1Result<unknown>[], params: SearchFilters, total: number): { facets: Facets; approximate: boolean } {
  if (results.length === 1) {
    const row = results[0]?.results[0] as { value: string } | undefined
    if (!row) throw new Error('The D1 database has no facets: apply the migrations from npm run build:d1.')
    return { facets: JSON.parse(row.value) as Facets, approximate: false }
  }
  const lists: Facets = { speaker: [], source: [], year: [], kind: [] }
  let approximate = false
  for (const result of results.slice(0, -1))
    for (const r of result.results as FacetRow[]) {
      if (r.facet === 'more') approximate ||= r.count > 0
      else lists[r.facet].push({ value: r.value, label: r.label, count: r.count })
    }
  const names = (results.at(-1)?.results[0] ?? {}) as { speaker?: string | null; source?: string | null }
  return { facets: withChosen(lists, params, names, total), approximate }
}

/** The facets with each chosen value listed (with `total`, and its name as label) when the counts left it out. */
export function withChosen(
  facets: Facets,
  params: SearchFilters,
  names: { speaker?: string | null; source?: string | null },
  total: number,
): Facets {
  const add = (list: FacetValue[], value: string | undefined, label: string | null | undefined) =>
    value && !list.some((v) => v.value === value) ? [...list, { value, label: label ?? value, count: total }] : list
  return {
    speaker: add(facets.speaker, params.speaker ? speakerId(params.speaker) : undefined, names.speaker),
    source: add(facets.source, params.source, names.source),
    year: facets.year,
    kind: add(facets.kind, params.kind, params.kind),
  }
}
