/**
 * @module
 * Rows of the D1 tables (scripts/d1/sql.ts) and the records they hold: quotes (occurrences packed as in
 * src/pack.ts), speakers and sources.
 */
import { unpackRecords } from '../pack'
import type { Quote, Source, Speaker } from '../types'

/** A quote's text and context with OPEN/CLOSE around the words a MATCH found (FTS5 highlight()), and its plain context. */
export interface Marks {
  text: string
  ctx: string
  context: string
}

export interface QuoteRow {
  n: number
  id: string
  text: string
  kind: Quote['kind']
  speaker: string | null
  date: string | null
  date_source: Quote['date_source']
  occurrences: string
  variants: string
  folded?: string
}

export interface SpeakerRow {
  id: string
  name: string
  aliases: string
  roles: string
  qid: string | null
  quote_count: number
}

export interface SourceRow extends Omit<Source, 'removed' | 'headings'> {
  removed: string
  headings?: string | null
  occurrence_count: number
  quote_count: number
}

export function toQuotes(rows: QuoteRow[]): Quote[] {
  // Occurrences are stored packed (src/pack.ts); unpack through the same code as the bundle.
  const packed = rows.map(({ n: _n, folded: _f, ...r }) => ({
    ...r,
    occurrences: JSON.parse(r.occurrences),
    variants: JSON.parse(r.variants),
  }))
  return unpackRecords({
    packed: 1,
    build_id: '',
    built_from: { sources: 0, quotes: 0, speakers: 0 },
    sources: [],
    speakers: [],
    quotes: packed,
  }).quotes
}

export const toSpeaker = (r: SpeakerRow): Speaker => ({
  id: r.id,
  name: r.name,
  aliases: JSON.parse(r.aliases),
  roles: JSON.parse(r.roles),
  qid: r.qid,
})

export const toSource = (r: SourceRow): Source => ({
  id: r.id,
  title: r.title,
  outlet: r.outlet,
  url: r.url,
  published: r.published,
  license: r.license,
  language: r.language,
  body: r.body,
  removed: JSON.parse(r.removed),
  ...(r.headings ? { headings: JSON.parse(r.headings) as number[] } : {}),
})

export const SOURCE_META = 'id, title, outlet, url, published, license, language'
