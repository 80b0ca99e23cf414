/**
 * @module
 * The speaker and source lists of the D1 backend, paged in SQL, filtered and sorted as the bundle's
 * (src/search/listing.ts).
 */
import { foldName } from '../text'
import type { Listed, SourceListing, SourceListQuery, SpeakerListing, SpeakerListQuery } from './contract'
import { SOURCE_META, type SourceRow, type SpeakerRow, toSpeaker } from './d1-rows'

export async function listSpeakers(db: D1Database, query: SpeakerListQuery): Promise<Listed<SpeakerListing>> {
  // As src/search/listing.ts nameMatches: the start of any name word (speaker_names), or part of a whole name.
  const f = query.name ? foldName(query.name) : ''
  const where = f
    ? "WHERE id IN (SELECT id FROM speaker_names WHERE name >= ?1 AND name < ?1 || char(1114111)) OR instr(lower(name || ' ' || aliases), ?1) > 0"
    : ''
  const order = query.sort === 'quotes' ? 'quote_count DESC, name, id' : 'name, id'
  const binds = f ? [f] : []
  const [count, rows] = await db.batch<SpeakerRow & { total: number }>([
    db.prepare(`SELECT count(*) AS total FROM speakers ${where}`).bind(...binds),
    db.prepare(`SELECT * FROM speakers ${where} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}`).bind(...binds),
  ])
  return {
    total: count?.results[0]?.total ?? 0,
    items: (rows?.results ?? []).map((r): SpeakerListing => ({ ...toSpeaker(r), quote_count: r.quote_count })),
  }
}

export async function listSources(db: D1Database, query: SourceListQuery): Promise<Listed<SourceListing>> {
  const order = {
    id: 'rowid',
    '-date': 'published IS NULL, published DESC, id',
    date: 'published IS NULL, published, id',
    quotes: 'quote_count DESC, id',
  }[query.sort ?? 'id']
  const [count, rows] = await db.batch<Omit<SourceRow, 'body' | 'removed'> & { total: number }>([
    db.prepare('SELECT count(*) AS total FROM sources'),
    db.prepare(
      `SELECT ${SOURCE_META}, occurrence_count, quote_count FROM sources ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}`,
    ),
  ])
  return {
    total: count?.results[0]?.total ?? 0,
    items: (rows?.results ?? []).map(
      ({ occurrence_count, quote_count, total: _t, ...meta }): SourceListing => ({
        ...meta,
        occurrences: occurrence_count,
        quotes: quote_count,
      }),
    ),
  }
}
