/**
 * @module
 * The embed card: one quote, its speaker, date, source and a link back, small enough to frame anywhere.
 * Its stylesheet and height script are same-origin files; it sets no cookies and loads nothing from third parties.
 */
import { DateText } from './components'
import { Document } from './layout'

export type Theme = 'light' | 'dark' | 'auto'

export interface CardProps {
  id: string
  text: string
  speaker: string | null
  date: string | null
  /** Absolute URL of the quote page on verbatim. */
  pageUrl: string
  /** The first source, linked to its page on verbatim (where the quote is highlighted). */
  source: { title: string; href: string } | null
  sourceCount: number
  theme: Theme
}

export function EmbedCard(p: CardProps) {
  const title = `Quote${p.speaker ? ` by ${p.speaker}` : ''} · verbatim`
  return (
    <Document
      title={title}
      assets="card"
      colorScheme={p.theme === 'auto' ? 'light dark' : p.theme}
      html={{ class: p.theme === 'auto' ? undefined : `theme-${p.theme}`, 'data-quote-id': p.id }}
      head={<meta name="referrer" content="strict-origin-when-cross-origin" />}
    >
      <main>
        <article aria-label={title}>
          <blockquote cite={p.pageUrl}>
            <p>{p.text}</p>
          </blockquote>
          <p class="meta">
            <span class="speaker">{p.speaker ?? 'Unattributed'}</span>
            {p.date ? ', ' : ''}
            {p.date ? <DateText date={p.date} /> : null}
            {p.source ? (
              <>
                {' · in '}
                <a href={p.source.href} target="_blank" rel="noopener">
                  {p.source.title}
                </a>
                {p.sourceCount > 1 ? ` and ${p.sourceCount - 1} more` : ''}
              </>
            ) : null}
          </p>
          <footer>
            <a href={p.pageUrl} target="_blank" rel="noopener">
              Check it in context
            </a>
            <a class="brand" href={new URL('/', p.pageUrl).href} target="_blank" rel="noopener">
              verbatim
            </a>
          </footer>
        </article>
      </main>
    </Document>
  )
}

/** Shown inside the frame when the quote is gone, so the host page shows a message instead of a browser error. */
export function EmbedMissing({ id, home }: { id: string; home: string }) {
  return (
    <Document title="Quote not found · verbatim" assets="card">
      <main>
        <article aria-label="Quote not found">
          <p>No quote has the id “{id}”.</p>
          <footer>
            <a class="brand" href={home} target="_blank" rel="noopener">
              verbatim
            </a>
          </footer>
        </article>
      </main>
    </Document>
  )
}
