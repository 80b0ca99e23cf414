/**
 * @module
 * How records are shown in API answers and pages: references to speakers and sources, context around a quote, a quote
 * as the lists show it, and a source's body cut at its quotes.
 */
import { sourcesOf } from '../records'
import type { BackendHit } from '../search/contract'
import { highlight } from '../search/search'
import type { CorpusView } from '../search/view'
import type { Occurrence, Quote } from '../types'
import type { QuoteItem } from '../views/components'

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
  return sourcesOf(quote).map((id) => sourceRef(corpus, id))
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

/** A quote as the lists show it. */
export function quoteItem(corpus: CorpusView, quote: Quote, highlightHtml: string | null): QuoteItem {
  const sources = sourcesOf(quote).map((id) => ({ id, title: corpus.sources.get(id)?.title ?? id }))
  return {
    id: quote.id,
    text: quote.text,
    highlightHtml,
    kind: quote.kind,
    speaker: speakerRef(corpus, quote.speaker),
    date: quote.date,
    sources,
  }
}

/** The anchor of the n-th (0-based) printing of a quote in one source: `q-<id>`, then `q-<id>-2`… */
export function quoteAnchor(quoteId: string, n: number): string {
  return n === 0 ? `q-${quoteId}` : `q-${quoteId}-${n + 1}`
}

/** Cuts a body at quote offsets; a quote overlapping an earlier one stays unhighlighted rather than breaking the text. */
export function sourceSegments(corpus: CorpusView, sourceId: string, body: string) {
  const occ = corpus.records.quotes
    .flatMap((q) => q.occurrences.filter((o) => o.source === sourceId).map((o) => ({ quote: q, o })))
    .sort((a, b) => a.o.start - b.o.start || b.o.end - a.o.end)
  const seen = new Map<string, number>()
  const segments: ({ quoteId: string; anchor: string; text: string; speaker: string | null } | string)[] = []
  let at = 0
  for (const { quote, o } of occ) {
    if (o.start < at || o.end > body.length || o.start >= o.end) continue
    const n = seen.get(quote.id) ?? 0
    seen.set(quote.id, n + 1)
    if (o.start > at) segments.push(body.slice(at, o.start))
    const speaker = speakerRef(corpus, o.speaker ?? quote.speaker)
    segments.push({ quoteId: quote.id, anchor: quoteAnchor(quote.id, n), text: body.slice(o.start, o.end), speaker: speaker?.name ?? null })
    at = o.end
  }
  if (at < body.length) segments.push(body.slice(at))
  return { segments, count: occ.length }
}

/** Each printing of a quote for its page, by source: the context shown, where the words naming the speaker fall in it, and the attribution. */
export function quoteOccurrences(corpus: CorpusView, quote: Quote) {
  const seen = new Map<string, number>()
  return [...quote.occurrences]
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.start - b.start))
    .map((o) => {
      const s = corpus.sources.get(o.source)
      const n = seen.get(o.source) ?? 0
      seen.set(o.source, n + 1)
      const ctx = s ? occurrenceContext(s.body, o) : { context_before: '', context_after: '' }
      // Where the words naming the speaker fall in the context shown, if they do.
      const m = o.speaker_mention
      const from = o.start - ctx.context_before.length
      const named = !m
        ? null
        : m.start >= from && m.end <= o.start
          ? { in: 'before' as const, start: m.start - from, end: m.end - from }
          : m.start >= o.end && m.end <= o.end + ctx.context_after.length
            ? { in: 'after' as const, start: m.start - o.end, end: m.end - o.end }
            : null
      return {
        source: { id: o.source, title: s?.title ?? o.source, outlet: s?.outlet ?? null, published: s?.published ?? null },
        anchor: quoteAnchor(quote.id, n),
        text: o.text,
        before: ctx.context_before,
        after: ctx.context_after,
        named,
        attribution: {
          speaker: speakerRef(corpus, o.speaker),
          mention: o.speaker_mention?.text ?? null,
          confidence: o.confidence,
        },
      }
    })
}

/** A search hit as the API answers it: the quote, highlighted, with its speaker, sources and where it matched. */
export function searchResult(corpus: CorpusView, { quote, score, terms, highlight: html, matchedIn, context }: BackendHit) {
  return {
    id: quote.id,
    text: quote.text,
    highlight: html ?? highlight(quote.text, terms),
    kind: quote.kind,
    speaker: speakerRef(corpus, quote.speaker),
    date: quote.date,
    sources: quoteSources(corpus, quote),
    matched_in: matchedIn,
    context,
    score,
  }
}
