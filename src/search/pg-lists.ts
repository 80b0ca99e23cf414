/**
 * @module
 * The speaker and source lists of the PostgreSQL backend, paged in SQL, filtered and sorted as D1's
 * (src/search/d1-lists.ts) and the bundle's (src/search/listing.ts). Columns are COLLATE "C": code-point order.
 */
import { foldName } from '../text'
import type { Listed, SourceListing, SourceListQuery, SpeakerListing, SpeakerListQuery } from './contract'
import { SOURCE_META, type SourceRow, type SpeakerRow, toSpeaker } from './d1-rows'
import type { Sql } from './pg-plan'

type Counted<T> = T & { total: number }

export async function listSpeakers(sql: Sql, query: SpeakerListQuery): Promise<Listed<SpeakerListing>> {
  // The start of any name word (speaker_names), or part of a whole name.
  const f = query.name ? foldName(query.name) : ''
  const where = f
    ? "WHERE id IN (SELECT id FROM speaker_names WHERE name >= $3 AND name < $3 || chr(1114111)) OR strpos(lower(name || ' ' || aliases), $3) > 0"
    : ''
  const order = query.sort === 'quotes' ? 'quote_count DESC, name, id' : 'name, id'
  const rows = await sql<Counted<SpeakerRow>>(
    `SELECT *, count(*) OVER ()::int AS total FROM speakers ${where} ORDER BY ${order} LIMIT $1::int OFFSET $2::int`,
    f ? [query.limit, query.offset, f] : [query.limit, query.offset],
  )
  const total = rows[0]?.total ?? (query.offset > 0 ? await countSpeakers(sql, where, f) : 0)
  return { total, items: rows.map((r): SpeakerListing => ({ ...toSpeaker(r), quote_count: r.quote_count })) }
}

/** The count alone, for a page past the end (the window count then has no row to ride on). */
async function countSpeakers(sql: Sql, where: string, f: string): Promise<number> {
  const [row] = await sql<{ total: number }>(`SELECT count(*)::int AS total FROM speakers ${where.replaceAll('$3', '$1')}`, f ? [f] : [])
  return row?.total ?? 0
}

export async function listSources(sql: Sql, query: SourceListQuery): Promise<Listed<SourceListing>> {
  const order = {
    id: 'ord',
    '-date': 'published IS NULL, published DESC, id',
    date: 'published IS NULL, published, id',
    quotes: 'quote_count DESC, id',
  }[query.sort ?? 'id']
  const rows = await sql<Counted<Omit<SourceRow, 'body' | 'removed'>>>(
    `SELECT ${SOURCE_META}, occurrence_count, quote_count, (SELECT count(*)::int FROM sources) AS total
     FROM sources ORDER BY ${order} LIMIT $1::int OFFSET $2::int`,
    [query.limit, query.offset],
  )
  const total = rows[0]?.total ?? (await sql<{ total: number }>('SELECT count(*)::int AS total FROM sources'))[0]?.total ?? 0
  return {
    total,
    items: rows.map(
      ({ occurrence_count, quote_count, total: _t, ...meta }): SourceListing => ({
        ...meta,
        occurrences: occurrence_count,
        quotes: quote_count,
      }),
    ),
  }
}
