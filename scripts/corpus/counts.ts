/**
 * @module
 * What the database builds (scripts/d1/sql.ts, scripts/pg/rows.ts) write alike: the counts their lists carry (per
 * speaker its quotes, per source its printings and the distinct quotes it prints) and a source's row. Pure.
 */
import { foldedWords } from '../../src/search/options'
import type { Quote, Source } from '../../src/types'

export interface ListCounts {
  /** Quotes attributed to each speaker id. */
  speakerQuotes: Map<string, number>
  /** Printings (occurrences) in each source id. */
  occurrenceCount: Map<string, number>
  /** Distinct quotes each source id prints. */
  quoteCount: Map<string, number>
}

export function listCounts(quotes: Iterable<Quote>): ListCounts {
  const speakerQuotes = new Map<string, number>()
  const occurrenceCount = new Map<string, number>()
  const quoteCount = new Map<string, number>()
  for (const q of quotes) {
    if (q.speaker) speakerQuotes.set(q.speaker, (speakerQuotes.get(q.speaker) ?? 0) + 1)
    for (const o of q.occurrences) occurrenceCount.set(o.source, (occurrenceCount.get(o.source) ?? 0) + 1)
    for (const s of new Set(q.occurrences.map((o) => o.source))) quoteCount.set(s, (quoteCount.get(s) ?? 0) + 1)
  }
  return { speakerQuotes, occurrenceCount, quoteCount }
}

/** The columns `sourceCells` fills, in order: both databases' `sources` tables, from `id` to `quote_count`. */
export const SOURCE_COLUMNS = [
  'id',
  'title',
  'outlet',
  'url',
  'published',
  'license',
  'language',
  'body',
  'removed',
  'headings',
  'occurrence_count',
  'quote_count',
] as const

/** A source's cells as both databases' `sources` tables hold them, from `id` to `quote_count` (SOURCE_COLUMNS). */
export function sourceCells(s: Source, { occurrenceCount, quoteCount }: ListCounts): (string | number | null)[] {
  return [
    s.id,
    s.title,
    s.outlet,
    s.url,
    s.published,
    s.license,
    s.language,
    s.body,
    JSON.stringify(s.removed),
    s.headings ? JSON.stringify(s.headings) : null,
    occurrenceCount.get(s.id) ?? 0,
    quoteCount.get(s.id) ?? 0,
  ]
}

/** The columns `quoteRowCells` fills, in order: both databases' `quotes` tables, from `id` to `folded`. */
export const QUOTE_ROW_COLUMNS = ['id', 'text', 'kind', 'speaker', 'date', 'date_source', 'occurrences', 'variants', 'folded'] as const

/**
 * A quote's own cells as both databases' `quotes` tables hold them, from `id` to `folded`: its text, kind, speaker and
 * date, its occurrences as packed (src/pack.ts), its variants, and its folded words between spaces (for exact phrases).
 */
export function quoteRowCells(q: Quote, packedOccurrences: unknown): (string | null)[] {
  return [
    q.id,
    q.text,
    q.kind,
    q.speaker,
    q.date,
    q.date_source,
    JSON.stringify(packedOccurrences),
    JSON.stringify(q.variants),
    ` ${foldedWords(q.text).join(' ')} `,
  ]
}
