/**
 * @module
 * Pure helpers for the HTML views: dates, safe links, citations and the embed snippet.
 */
import { escapeHtml } from '../text'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "2020-01-08" → "8 January 2020"; anything else is returned as given. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`
}

/** The URL when it is http(s); null for anything else (javascript:, data:, relative), so it never becomes a link. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null
  } catch {
    return null
  }
}

export interface CitationInput {
  text: string
  speaker: string | null
  date: string | null
  /** First source printing the quote. */
  source: { title: string; outlet: string | null; url: string | null; published?: string | null } | null
  /** Absolute URL of the quote page. */
  pageUrl: string
}

/** Plain text, Markdown and an APA-like reference for a quote. */
export function citations(c: CitationInput): { plain: string; markdown: string; apa: string } {
  const who = c.speaker ?? 'Unknown speaker'
  const when = c.date ? formatDate(c.date) : 'n.d.'
  const plain = `“${c.text}” — ${who}${c.date ? `, ${when}` : ''}. ${c.pageUrl}`
  const md = c.text.replace(/([\\`*_[\]<>])/g, '\\$1')
  const markdown = `> ${md}\n>\n> — ${who}${c.date ? `, ${when}` : ''} ([verbatim](${c.pageUrl}))`
  const year = c.date
    ? `${c.date.slice(0, 4)}, ${formatDate(c.date)
        .replace(/ \d{4}$/, '')
        .split(' ')
        .reverse()
        .join(' ')}`
    : 'n.d.'
  // A title cut short ("… in the region…", inferred from the first sentence) is no title: the outlet and date say where.
  const cut = c.source ? /…$/.test(c.source.title.trim()) : false
  const title = c.source ? c.source.title.replace(/[\s.…]+$/, '') : ''
  const published = c.source?.published ? formatDate(c.source.published) : null
  const where = [c.source?.outlet, published].filter(Boolean).join(', ')
  const src = !c.source
    ? ''
    : cut
      ? ` Quoted in ${where || 'an article'}.`
      : ` Quoted in ${title}${c.source.outlet ? `. ${c.source.outlet}` : ''}.`
  const srcUrl = safeUrl(c.source?.url)
  const apa = `${who}. (${year}). “${c.text}” [Quotation].${src}${srcUrl ? ` ${srcUrl}` : ''} Retrieved from ${c.pageUrl}`
  return { plain, markdown, apa }
}

/** The HTML a blogger pastes: the blockquote fallback plus the script that turns it into the card. */
export function embedSnippet(origin: string, q: { id: string; text: string; speaker: string | null; date: string | null }): string {
  const who = q.speaker ? `— ${escapeHtml(q.speaker)}` : '—'
  const when = q.date ? `, ${escapeHtml(formatDate(q.date))}` : ''
  return (
    `<blockquote class="verbatim-quote" data-quote-id="${escapeHtml(q.id)}">` +
    `<p>${escapeHtml(q.text)}</p>${who}${when} ` +
    `<a href="${escapeHtml(`${origin}/quotes/${encodeURIComponent(q.id)}`)}">via verbatim</a></blockquote>\n` +
    `<script async src="${escapeHtml(origin)}/embed.js" charset="utf-8"></script>`
  )
}

/** A rough card height for oEmbed consumers that reserve space before the card reports its own. */
export function estimateCardHeight(text: string, width: number): number {
  const charsPerLine = Math.max(20, Math.floor((width - 40) / 10))
  const lines = Math.ceil(text.length / charsPerLine) + 1
  return Math.min(1200, 110 + lines * 28)
}
