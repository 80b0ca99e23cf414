/**
 * @module
 * Pieces shared by the pages: a quote in a list, source chips, dates.
 */
import { raw } from 'hono/html'
import type { QuoteKind } from '../types'
import { formatDate } from './format'

export interface Ref {
  id: string
  name: string
}

export interface QuoteItem {
  id: string
  /** Escaped HTML with <mark> around matched words (from `highlight()`), or null to show `text`. */
  highlightHtml: string | null
  text: string
  kind: QuoteKind
  speaker: Ref | null
  date: string | null
  sources: { id: string; title: string }[]
  /** For a quote found by its context: escaped HTML snippet of the article around it, matched words in <mark>. */
  contextHtml?: string | null
}

export function DateText({ date }: { date: string | null }) {
  return date ? <time datetime={date}>{formatDate(date)}</time> : <span>undated</span>
}

export function SpeakerLink({ speaker }: { speaker: Ref | null }) {
  return speaker ? (
    <a class="speaker" href={`/speakers/${encodeURIComponent(speaker.id)}`}>
      {speaker.name}
    </a>
  ) : (
    <span class="speaker">Unattributed</span>
  )
}

export function SourceChips({ sources, quoteId, label }: { sources: QuoteItem['sources']; quoteId: string; label: string }) {
  return (
    <ul class="chips" aria-label={label}>
      {sources.map((s) => (
        <li>
          <a href={`/sources/${encodeURIComponent(s.id)}#q-${encodeURIComponent(quoteId)}`} title={s.title}>
            {s.title}
          </a>
        </li>
      ))}
    </ul>
  )
}

/** A quote as a list item: the words are the link to its page. */
export function QuoteListItem({ item }: { item: QuoteItem }) {
  const words = item.highlightHtml === null ? item.text : raw(item.highlightHtml)
  return (
    <li class="quote">
      <blockquote>
        <p>
          <a href={`/quotes/${encodeURIComponent(item.id)}`} class="qlink">
            {words}
          </a>
        </p>
      </blockquote>
      <p class="meta">
        <SpeakerLink speaker={item.speaker} />
        <DateText date={item.date} />
        {item.kind === 'fragment' ? <span class="kind">fragment</span> : null}
      </p>
      {item.contextHtml ? (
        <p class="context-match">
          <span class="why">Found in the article around it:</span> {raw(item.contextHtml)}
        </p>
      ) : null}
      <SourceChips sources={item.sources} quoteId={item.id} label="Sources printing this quote" />
    </li>
  )
}

/** Previous / page n of m / next links; nothing when everything fits on one page. */
export function Pager({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null
  return (
    <nav class="pages" aria-label={label}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : null}
      <span>
        Page {Math.min(page, pages)} of {pages}
      </span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          Next →
        </a>
      ) : null}
    </nav>
  )
}
