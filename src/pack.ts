/**
 * @module
 * The records text module, packed: an occurrence stores only what differs from its quote (a quote printed
 * by five sources otherwise repeats its text, speaker and date five times), and a source without a body
 * (Quotebank: known only by URL) drops its empty body and removed list. `unpackRecords(packRecords(r))`
 * deep-equals `r`; the routes only ever see unpacked Records.
 */
import type { Occurrence, Quote, Records, Source } from './types'

type PackedOccurrence = Pick<Occurrence, 'source' | 'start' | 'end' | 'confidence'> & Partial<Occurrence>
type PackedQuote = Omit<Quote, 'occurrences'> & { occurrences: PackedOccurrence[] }
type PackedSource = Omit<Source, 'body' | 'removed'> & Partial<Pick<Source, 'body' | 'removed'>>
export type PackedRecords = Omit<Records, 'quotes' | 'sources'> & { packed: 1; quotes: PackedQuote[]; sources: PackedSource[] }

const INHERITED = ['text', 'speaker', 'kind', 'date', 'date_source'] as const

export function packRecords(records: Records): PackedRecords {
  return {
    ...records,
    packed: 1,
    sources: records.sources.map(({ body, removed, ...meta }) => (body === '' && removed.length === 0 ? meta : { ...meta, body, removed })),
    quotes: records.quotes.map((q) => ({
      ...q,
      occurrences: q.occurrences.map((o) => {
        const p: PackedOccurrence = { source: o.source, start: o.start, end: o.end, confidence: o.confidence }
        for (const key of INHERITED) if (o[key] !== q[key]) Object.assign(p, { [key]: o[key] })
        if (o.speaker_mention) p.speaker_mention = o.speaker_mention
        return p
      }),
    })),
  }
}

/** Accepts packed or plain records (plain ones are returned as they are). */
export function unpackRecords(raw: Records | PackedRecords): Records {
  if (!('packed' in raw)) return raw
  const { packed: _p, ...records } = raw
  return {
    ...records,
    sources: records.sources.map((s) => ({ ...s, body: s.body ?? '', removed: s.removed ?? [] })),
    quotes: records.quotes.map((q) => ({
      ...q,
      occurrences: q.occurrences.map((o) => ({
        source: o.source,
        start: o.start,
        end: o.end,
        text: o.text ?? q.text,
        speaker: o.speaker !== undefined ? o.speaker : q.speaker,
        confidence: o.confidence,
        ...(o.speaker_mention ? { speaker_mention: o.speaker_mention } : {}),
        kind: o.kind ?? q.kind,
        date: o.date !== undefined ? o.date : q.date,
        date_source: o.date_source ?? q.date_source,
      })),
    })),
  }
}
