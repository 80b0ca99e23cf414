/**
 * @module
 * The records text module, packed: an occurrence stores only what differs from its quote (a quote printed
 * by five sources otherwise repeats its text, speaker and date five times), and a source without a body
 * (Quotebank: known only by URL) drops its empty body and removed list. `unpackRecords(packRecords(r))`
 * deep-equals `r`; the routes only ever see unpacked Records.
 */
import type { Occurrence, Quote, Records, Source } from './types'

export type PackedOccurrence = Pick<Occurrence, 'source' | 'start' | 'end' | 'confidence'> & Partial<Occurrence>
type PackedQuote = Omit<Quote, 'occurrences'> & { occurrences: PackedOccurrence[] }
type PackedSource = Omit<Source, 'body' | 'removed'> & Partial<Pick<Source, 'body' | 'removed'>>
export type PackedRecords = Omit<Records, 'quotes' | 'sources'> & { packed: 1; quotes: PackedQuote[]; sources: PackedSource[] }

const INHERITED = ['text', 'speaker', 'kind', 'date', 'date_source'] as const

export function packRecords(records: Records): PackedRecords {
  return {
    ...records,
    packed: 1,
    sources: records.sources.map(({ body, removed, ...meta }) => (body === '' && removed.length === 0 ? meta : { ...meta, body, removed })),
    // Field by field, not spread: a stored quote (src/records.ts) has its occurrences and variants behind getters.
    quotes: records.quotes.map((q) => ({
      id: q.id,
      text: q.text,
      kind: q.kind,
      speaker: q.speaker,
      date: q.date,
      date_source: q.date_source,
      occurrences: q.occurrences.map((o) => {
        const p: PackedOccurrence = { source: o.source, start: o.start, end: o.end, confidence: o.confidence }
        for (const key of INHERITED) if (o[key] !== q[key]) Object.assign(p, { [key]: o[key] })
        if (o.speaker_mention) p.speaker_mention = o.speaker_mention
        return p
      }),
      variants: q.variants,
    })),
  }
}

/**
 * Accepts packed or plain records (plain ones are returned as they are). Unpacks in place: `raw` is taken over (a
 * freshly parsed value), so a cold isolate's first request does not copy every quote and source again (at 10k
 * quotes: 8 ms of CPU against 36 ms for copying them with spreads, measured in fresh processes).
 */
export function unpackRecords(raw: Records | PackedRecords): Records {
  if (!('packed' in raw)) return raw
  const records = raw as Omit<PackedRecords, 'packed'> & { packed?: 1 }
  delete records.packed
  for (const s of records.sources) {
    s.body ??= ''
    s.removed ??= []
  }
  for (const q of records.quotes) {
    const occurrences = q.occurrences
    for (let i = 0; i < occurrences.length; i++) occurrences[i] = unpackOccurrence(occurrences[i] as PackedOccurrence, q)
  }
  return records as Records
}

/** An occurrence with what it inherits from its quote filled in, its keys in the order the build wrote them. */
export function unpackOccurrence(o: PackedOccurrence, q: Pick<Quote, (typeof INHERITED)[number]>): Occurrence {
  const out = {
    source: o.source,
    start: o.start,
    end: o.end,
    text: o.text ?? q.text,
    speaker: o.speaker !== undefined ? o.speaker : q.speaker,
    confidence: o.confidence,
  } as Occurrence
  if (o.speaker_mention) out.speaker_mention = o.speaker_mention
  out.kind = o.kind ?? q.kind
  out.date = o.date !== undefined ? o.date : q.date
  out.date_source = o.date_source ?? q.date_source
  return out
}
