/**
 * @module
 * One source in, its quotations out: spans from the marks, a cue from the words around each,
 * a speaker from the cue, a kind and a date.
 */
import type { DateSource, Occurrence, Source } from '../../src/types'
import { type ArticleContext, attributeSpeaker, findMentions } from './attribute'
import { cueAfter, cueBefore } from './cues'
import { BRACKET_DATE, parseDate } from './dates'
import { classifyKind } from './kind'
import { findQuotations, type Span, sentenceStart } from './marks'
import type { Registry } from './registry'

/** The words after the closing mark, up to the end of the sentence or the next quote. */
function after(body: string, span: Span): string {
  const rest = body.slice(span.close + 1, span.close + 240)
  const stop = rest.search(/[“"‘]|(?<![A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col))\.(?:\s|$)|\n/)
  return stop < 0 ? rest : rest.slice(0, stop)
}

/** The words before the opening mark, in its sentence; a quote that opens a paragraph looks at the one before it when that ends in ":" or ",". */
function before(body: string, span: Span, previousClose: number): string {
  if (span.open < 0) return ''
  const lineStart = body.lastIndexOf('\n', span.open - 1) + 1
  let from = Math.max(sentenceStart(body, span.open), previousClose + 1)
  if (body.slice(lineStart, span.open).trim() === '') {
    const prev = body.slice(0, lineStart).trimEnd()
    if (!/[:,]$/.test(prev)) return ''
    from = Math.max(sentenceStart(body, prev.length), previousClose + 1)
    return body.slice(from, prev.length)
  }
  return body.slice(from, span.open)
}

/** "[Jan. 8, 2020]" right after the quote dates it; otherwise the source's publication date. */
function quoteDate(body: string, span: Span, published: string | null): { date: string | null; date_source: DateSource } {
  const near = body.slice(span.close + 1, span.close + 40)
  BRACKET_DATE.lastIndex = 0
  const m = BRACKET_DATE.exec(near)
  if (m && near.slice(0, m.index).trim() === '') {
    const date = parseDate(m[1] ?? '')
    if (date) return { date, date_source: 'text' }
  }
  return published ? { date: published, date_source: 'published' } : { date: null, date_source: 'unknown' }
}

export function extractQuotations(source: Source, registry: Registry): Occurrence[] {
  const { body } = source
  const ctx: ArticleContext = { registry, mentions: findMentions(body, registry), last: null, seen: new Map() }
  const out: Occurrence[] = []
  let previousClose = -1
  for (const span of findQuotations(body)) {
    const text = body.slice(span.start, span.end)
    const kind = classifyKind(text)
    const cue = cueAfter(after(body, span)) ?? cueBefore(before(body, span, previousClose))
    const who =
      kind === 'fragment' && !cue ? { speaker: null, confidence: 0 } : attributeSpeaker(ctx, cue, span.open < 0 ? span.start : span.open)
    out.push({
      source: source.id,
      start: span.start,
      end: span.end,
      text,
      speaker: who.speaker,
      confidence: who.confidence,
      kind,
      ...quoteDate(body, span, source.published),
    })
    previousClose = span.close
  }
  return out
}
