/**
 * @module
 * The SQL of a D1 search (src/search/d1.ts): what a query asks of the tables, the filters and the set of quotes it
 * finds as FROM and WHERE over `quote_keys q` (every value bound).
 */

import { speakerId } from '../text'
import { QUOTE_KINDS, type QuoteKind } from '../types'
import type { SearchFilters } from './params'
import type { PlannedQuery } from './query-plan'

/** A filter dimension; a facet counts with every filter but its own. */
export type Dimension = 'speaker' | 'source' | 'kind' | 'date'

/** What a search asks of the tables: the planned query (query-plan.ts), its match an FTS5 MATCH expression. */
export type Query = PlannedQuery

/** The filters as SQL over `quote_keys q` (n, speaker, kind, date), every value bound; `except` leaves one out (for its facet). */
export function filters(params: SearchFilters, except?: Dimension, datesOnly = false): { sql: string[]; binds: unknown[] } {
  const sql: string[] = []
  const binds: unknown[] = []
  if (datesOnly) params = { from: params.from, to: params.to }
  if (params.speaker && except !== 'speaker') {
    sql.push('q.speaker = ?')
    binds.push(speakerId(params.speaker))
  }
  if (params.source && except !== 'source') {
    sql.push('q.n IN (SELECT n FROM quote_sources WHERE source = ?)')
    binds.push(params.source)
  }
  if (params.kind && except !== 'kind') {
    sql.push('q.kind = ?')
    binds.push(params.kind)
  }
  if (params.from && except !== 'date') {
    sql.push('q.date >= ?')
    binds.push(params.from)
  }
  if (params.to && except !== 'date') {
    sql.push('q.date <= ?')
    binds.push(params.to)
  }
  return { sql, binds }
}

/**
 * The quotes a query finds before paging, as FROM and WHERE over `quote_keys q`. CROSS JOIN keeps the FTS table
 * outer: SQLite otherwise may walk a filter's index and probe the FTS index once per quote (measured 0.4 s
 * against 7 ms for a speaker with 6,658 quotes at 100k). A query of years only finds its words or its years' quotes.
 */
/** A filter value as `search_fts.keys` holds it (scripts/d1/sql.ts quote_texts): a prefix, then the value's UTF-8 in hex. */
export function keyToken(prefix: 'zs' | 'zk' | 'zo', value: string): string {
  return prefix + [...new TextEncoder().encode(value)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The kind most quotes have: its filter is a NOT of the other kinds' tokens. bm25 first counts every row of each
 * MATCH term, a filter's too (weight 0 or not): `ha` with `kind=quotation` at 1M took 38.7 ms with the quotation
 * token (in every quote), 6.2 ms with NOT the fragment token, for the same 10,000 candidates.
 */
const USUAL_KIND: QuoteKind = 'quotation'

/**
 * The speaker, source and kind filters as MATCH terms on `search_fts.keys` (FTS5 intersects them with the words):
 * `all` the quote must have, `none` it must not (the other kinds, for USUAL_KIND).
 */
export function keyTerms(params: SearchFilters, except?: Dimension): { all: string[]; none: string[] } {
  const all: string[] = []
  const none: string[] = []
  if (params.speaker && except !== 'speaker') all.push(keyToken('zs', speakerId(params.speaker)))
  if (params.source && except !== 'source') all.push(keyToken('zo', params.source))
  if (params.kind && except !== 'kind') {
    if (params.kind === USUAL_KIND) none.push(...QUOTE_KINDS.filter((k) => k !== USUAL_KIND).map((k) => keyToken('zk', k)))
    else all.push(keyToken('zk', params.kind))
  }
  const term = (t: string) => `keys : "${t}"`
  return { all: all.map(term), none: none.map(term) }
}

/** A MATCH expression with the key terms (keyTerms) its quotes must and must not have. */
export function withKeys(match: string, keys: { all: string[]; none: string[] }): string {
  const all = keys.all.length > 0 ? `(${match}) AND ${keys.all.join(' AND ')}` : match
  return keys.none.length > 0 ? `(${all}) NOT (${keys.none.join(' OR ')})` : all
}

/**
 * The quotes a query finds before paging, as FROM and WHERE, over `quote_keys q` when `keys` (or a date range, an
 * exact phrase, no words) needs its columns, else over `search_fts` alone. With words, the speaker, source and kind
 * filters are MATCH terms (keyTerms): FTS5 intersects doclists instead of reading every match's keys.
 */
export function found(query: Query, params: SearchFilters, except?: Dimension, keys = true) {
  const { match, orYears } = query
  const inMatch = match !== null && !orYears
  const f = filters(params, except, inMatch)
  const matched = inMatch ? withKeys(match, keyTerms(params, except)) : match
  if (inMatch && !keys && f.sql.length === 0 && query.exact.length === 0)
    return { from: 'search_fts', where: 'search_fts MATCH ?', binds: [matched] }
  // FTS5 stems ("region" matches "regional"); a quoted phrase must hold its exact words (quotes.folded).
  for (const phrase of query.exact) {
    f.sql.push('instr((SELECT folded FROM quotes WHERE n = q.n), ?) > 0')
    f.binds.push(phrase)
  }
  if (match === null) return { from: 'quote_keys q', where: f.sql.length > 0 ? f.sql.join(' AND ') : '1', binds: f.binds }
  if (orYears)
    return {
      from: 'quote_keys q',
      where: [
        '(q.n IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?) OR substr(q.date, 1, 4) IN (SELECT value FROM json_each(?)))',
        ...f.sql,
      ].join(' AND '),
      binds: [match, JSON.stringify(orYears), ...f.binds],
    }
  return {
    from: 'search_fts CROSS JOIN quote_keys q ON q.n = search_fts.rowid',
    where: ['search_fts MATCH ?', ...f.sql].join(' AND '),
    binds: [matched, ...f.binds],
  }
}
