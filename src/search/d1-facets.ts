/**
 * @module
 * Facets of a D1 search (src/search/d1.ts): speaker, source, year and kind, each with every filter but its own,
 * counted over the best FACET_SAMPLE matches of their set (d1-page.ts setStatement), so their cost is bounded at any
 * corpus size; `approximate` says when more quotes matched than were counted. Without words or filters they are the
 * whole corpus's, precomputed by the build (meta.facets).
 */

import { speakerId } from '../text'
import type { Dimension } from './d1-where'
import { FACET_LIMIT } from './options'
import type { Facets, FacetValue, SearchFilters } from './params'

export type Facet = keyof Facets

/** The facet of each filter dimension. */
export const FACET_OF: Record<Dimension, Facet> = { speaker: 'speaker', source: 'source', date: 'year', kind: 'kind' }

/**
 * Each facet's top values over the sample (`sample`: the `n`, speaker, date and kind of the best matches, one
 * `quote_keys` lookup each), as (facet, value, label, count).
 */
export const FACET_BRANCHES: Record<Facet, string> = {
  speaker: `SELECT 'speaker', g.value, coalesce(s.name, g.value), g.count FROM (SELECT c.speaker AS value, count(*) AS count FROM sample c WHERE c.speaker IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) g LEFT JOIN speakers s ON s.id = g.value`,
  source: `SELECT 'source', g.value, coalesce(s.title, g.value), g.count FROM (SELECT qs.source AS value, count(*) AS count FROM sample c CROSS JOIN quote_sources qs ON qs.n = c.n GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}) g LEFT JOIN sources s ON s.id = g.value`,
  year: `SELECT 'year', substr(c.date, 1, 4), substr(c.date, 1, 4), count(*) FROM sample c WHERE c.date IS NOT NULL GROUP BY 2 ORDER BY 2 DESC LIMIT ${FACET_LIMIT}`,
  kind: `SELECT 'kind', c.kind, c.kind, count(*) FROM sample c GROUP BY 2 ORDER BY 4 DESC, 2 LIMIT ${FACET_LIMIT}`,
}

/**
 * The `sample` CTE of FACET_BRANCHES over a set of quote numbers (`numbers`: SQL selecting `n`): materialized once
 * for several facets (one `quote_keys` row read per quote, not one per facet), else joined where it is read.
 */
export const sampleOf = (numbers: string, facets = 2) =>
  `sample AS ${facets > 1 ? '' : 'NOT '}MATERIALIZED (SELECT q.n AS n, q.speaker AS speaker, q.date AS date, q.kind AS kind FROM (${numbers}) r CROSS JOIN quote_keys q ON q.n = r.n)`

/** Labels of the chosen speaker and source. */
export const CHOSEN_NAMES = 'SELECT (SELECT name FROM speakers WHERE id = ?) AS speaker, (SELECT title FROM sources WHERE id = ?) AS source'

export const chosenBinds = (params: SearchFilters) => [params.speaker ? speakerId(params.speaker) : null, params.source ?? null]

/** The facets in rows of set statements (other rows are left). */
export function facetsOf(rows: { facet: string; value: unknown; label: unknown; count: unknown }[]): { facets: Facets } {
  const facets: Facets = { speaker: [], source: [], year: [], kind: [] }
  for (const r of rows)
    if (r.facet in facets) facets[r.facet as Facet].push({ value: String(r.value), label: String(r.label), count: Number(r.count) })
  return { facets }
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
