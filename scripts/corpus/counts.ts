/**
 * @module
 * The counts the database backends' lists carry (scripts/d1/sql.ts, scripts/pg/rows.ts): per speaker its quotes, per
 * source its printings and the distinct quotes it prints. Pure.
 */
import type { Quote } from '../../src/types'

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
