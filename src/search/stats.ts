/**
 * @module
 * The counts /api/stats answers, from the records. The bundle computes them on request; the D1 build
 * stores them (scripts/d1/sql.ts) so a D1 Worker never counts a million rows.
 */
import type { Records } from '../types'

export interface Stats {
  build_id: string
  sources: number
  quotes: number
  occurrences: number
  speakers: number
  kinds: { quotation: number; fragment: number }
}

export function statsOf(records: Records): Stats {
  const quotation = records.quotes.filter((q) => q.kind === 'quotation').length
  return {
    build_id: records.build_id,
    sources: records.sources.length,
    quotes: records.quotes.length,
    occurrences: records.quotes.reduce((n, q) => n + q.occurrences.length, 0),
    speakers: records.speakers.length,
    kinds: { quotation, fragment: records.quotes.length - quotation },
  }
}
