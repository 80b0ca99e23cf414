/**
 * @module
 * How records are shown in API answers: references to speakers and sources, and context around a quote.
 */
import type { CorpusView } from '../search/view'
import type { Occurrence, Quote } from '../types'

export function speakerRef(corpus: CorpusView, id: string | null) {
  const s = id ? corpus.speakers.get(id) : undefined
  return s ? { id: s.id, name: s.name } : null
}

export function sourceRef(corpus: CorpusView, id: string) {
  const s = corpus.sources.get(id)
  return { id, title: s?.title ?? id, url: s?.url ?? null }
}

/** A quote as the API shows it anywhere: its words, kind, speaker (reference) and date. */
export function quoteSummary(corpus: CorpusView, quote: Quote) {
  return { id: quote.id, text: quote.text, kind: quote.kind, speaker: speakerRef(corpus, quote.speaker), date: quote.date }
}

/** The sources that print a quote, once each, in id order. */
export function quoteSources(corpus: CorpusView, quote: Quote) {
  return [...new Set(quote.occurrences.map((o) => o.source))].map((id) => sourceRef(corpus, id))
}

const CONTEXT = 200

/** Up to 200 characters either side of an occurrence, cut at word boundaries. */
export function occurrenceContext(body: string, o: Pick<Occurrence, 'start' | 'end'>) {
  let from = Math.max(0, o.start - CONTEXT)
  let to = Math.min(body.length, o.end + CONTEXT)
  if (from > 0) from = body.indexOf(' ', from) + 1 || from
  if (to < body.length) to = body.lastIndexOf(' ', to) > o.end ? body.lastIndexOf(' ', to) : to
  return { context_before: body.slice(from, o.start), context_after: body.slice(o.end, to) }
}
