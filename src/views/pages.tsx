/**
 * @module
 * The HTML pages: search, quote, source, speaker, and the error pages. They take plain view data
 * prepared by src/routes/pages.ts and render it; text from the corpus is escaped by hono/jsx.
 */

import type { QuoteKind, SourceMeta } from '../types'
import { type BodySegment, bodyBlocks } from './blocks'
import { DateText, Pager, type QuoteItem, QuoteListItem, type Ref, SourceChips, SpeakerLink } from './components'
import { formatDate, safeUrl } from './format'
import { Layout } from './layout'

export interface QuotePageProps {
  id: string
  text: string
  kind: QuoteKind
  speaker: Ref | null
  date: string | null
  dateSource: string
  occurrences: {
    source: { id: string; title: string; outlet: string | null; published: string | null }
    anchor: string
    text: string
    before: string
    after: string
    /** The words naming the speaker, when they stand in `before` or `after` (offsets in that string). */
    named: { in: 'before' | 'after'; start: number; end: number } | null
    /** Who this source credits, the words that name them there, and how sure the extractor is. */
    attribution: { speaker: Ref | null; mention: string | null; confidence: number }
  }[]
  variants: { id: string; text: string; relation: string }[]
  citations: { plain: string; markdown: string; apa: string }
  snippet: string
  oembedUrl: string
  pageUrl: string
}

/** Attributions below this calibrated confidence are shown as uncertain (about one in six or more is wrong there). */
export const UNCERTAIN_BELOW = 0.85

/** Who a source credits with the quote, in the words that name them, flagged when the extractor is unsure. */
function Attribution({ a }: { a: QuotePageProps['occurrences'][number]['attribution'] }) {
  if (!a.speaker) return <p class="attribution">Speaker: not named with enough confidence in this source.</p>
  const uncertain = a.confidence < UNCERTAIN_BELOW
  return (
    <p class={uncertain ? 'attribution uncertain' : 'attribution'}>
      Speaker: <a href={`/speakers/${encodeURIComponent(a.speaker.id)}`}>{a.speaker.name}</a>
      {a.mention && a.mention !== a.speaker.name ? <>, named as “{a.mention}”</> : null}
      {uncertain ? <span class="badge">uncertain attribution (confidence {a.confidence.toFixed(2)})</span> : null}
    </p>
  )
}

/** Context text with the words naming the speaker set apart, so a reader sees who the source credits. */
function Named({ text, range }: { text: string; range: { start: number; end: number } | null }) {
  if (!range) return <>{text}</>
  return (
    <>
      {text.slice(0, range.start)}
      <span class="named" title="the words naming the speaker">
        {text.slice(range.start, range.end)}
      </span>
      {text.slice(range.end)}
    </>
  )
}

const RELATION: Record<string, string> = {
  contains: 'A shorter form inside this quote',
  contained: 'A longer form containing this quote',
  translation: 'The same statement, worded differently',
}

function CopyField({ id, label, value, rows = 3 }: { id: string; label: string; value: string; rows?: number }) {
  return (
    <div>
      <label for={id}>{label}</label>
      <textarea id={id} readonly rows={rows}>
        {value}
      </textarea>
      <button type="button" class="copy" data-copy={id} hidden>
        Copy
      </button>
      <span id={`${id}-status`} class="copied" role="status" aria-live="polite"></span>
    </div>
  )
}

export function QuotePage(p: QuotePageProps) {
  const sources = [...new Map(p.occurrences.map((o) => [o.source.id, { id: o.source.id, title: o.source.title }])).values()]
  return (
    <Layout
      title={p.speaker ? `${p.speaker.name}: “${p.text.length > 60 ? `${p.text.slice(0, 59)}…` : p.text}”` : `“${p.text.slice(0, 60)}”`}
      description={p.text}
      head={<link rel="alternate" type="application/json+oembed" href={p.oembedUrl} title={`“${p.text.slice(0, 60)}”`} />}
    >
      <article aria-labelledby="quote-heading">
        <h1 id="quote-heading">Quote{p.speaker ? ` by ${p.speaker.name}` : ''}</h1>
        <figure class="quote hero">
          <blockquote cite={p.pageUrl}>
            <p>{p.text}</p>
          </blockquote>
          <figcaption class="meta">
            <SpeakerLink speaker={p.speaker} />
            {p.speaker &&
            p.occurrences.every((o) => o.attribution.speaker?.id !== p.speaker?.id || o.attribution.confidence < UNCERTAIN_BELOW) ? (
              <span class="badge">uncertain attribution</span>
            ) : null}
            <DateText date={p.date} />
            {p.date && p.dateSource === 'published' ? <span>(source’s publication date)</span> : null}
            {p.kind === 'fragment' ? <span class="kind">fragment</span> : null}
          </figcaption>
          <SourceChips sources={sources} quoteId={p.id} label="Sources printing this quote" />
        </figure>

        <h2>Where it was printed</h2>
        <ul class="quotes">
          {p.occurrences.map((o) => (
            <li class="occurrence">
              <p>
                <a href={`/sources/${encodeURIComponent(o.source.id)}#${o.anchor}`}>{o.source.title}</a>
                {o.source.outlet ? `, ${o.source.outlet}` : ''}
                {o.source.published ? `, ${formatDate(o.source.published)}` : ''}
              </p>
              <p class="context">
                {o.before ? '…' : ''}
                <Named text={o.before} range={o.named?.in === 'before' ? o.named : null} />
                <mark>{o.text}</mark>
                <Named text={o.after} range={o.named?.in === 'after' ? o.named : null} />
                {o.after ? '…' : ''}
              </p>
              <Attribution a={o.attribution} />
            </li>
          ))}
        </ul>

        {p.variants.length > 0 ? (
          <>
            <h2>Variants</h2>
            <ul class="quotes">
              {p.variants.map((v) => (
                <li class="occurrence">
                  <p class="summary">{RELATION[v.relation] ?? v.relation}</p>
                  <p>
                    <a href={`/quotes/${encodeURIComponent(v.id)}`}>“{v.text}”</a>
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h2 id="cite">Copy citation</h2>
        <div class="cite">
          <CopyField id="cite-plain" label="Plain text" value={p.citations.plain} />
          <CopyField id="cite-markdown" label="Markdown" value={p.citations.markdown} rows={4} />
          <CopyField id="cite-apa" label="Reference (APA-like)" value={p.citations.apa} rows={4} />
        </div>

        <h2 id="embed">Embed this quote</h2>
        <p>Paste this HTML into a blog post or page. It shows as a quote card; without JavaScript the plain quotation stays.</p>
        <div class="cite">
          <CopyField id="embed-snippet" label="Embed code" value={p.snippet} rows={5} />
          <p>
            Preview: <a href={`/embed/quotes/${encodeURIComponent(p.id)}`}>the card on its own</a>.
          </p>
        </div>
      </article>
    </Layout>
  )
}

/** A source page: the source's metadata, its body cut into segments, and its counts. */
export interface SourcePageProps extends SourceMeta {
  /** The body cut at quote offsets: plain text, or a quotation with its anchor. */
  segments: BodySegment[]
  /** Which blocks of the body (split at blank lines) are headings (Source.headings). */
  headings?: readonly number[]
  quoteCount: number
  removedCount: number
}

function BodyPart({ s }: { s: BodySegment }) {
  if (typeof s === 'string') return <>{s}</>
  return (
    <a
      class="q"
      id={s.anchor || undefined}
      href={`/quotes/${encodeURIComponent(s.quoteId)}`}
      data-quote-id={s.quoteId}
      title={s.speaker ? `Quote by ${s.speaker}` : 'Quote'}
    >
      {s.text}
    </a>
  )
}

export function SourcePage(p: SourcePageProps) {
  const link = safeUrl(p.url)
  const headings = new Set(p.headings ?? [])
  return (
    <Layout title={p.title} description={`Quotes in “${p.title}”`}>
      <article aria-labelledby="source-heading">
        <h1 id="source-heading">{p.title}</h1>
        <dl class="facts">
          <dt>Outlet</dt>
          <dd>{p.outlet ?? 'Unknown'}</dd>
          <dt>Published</dt>
          <dd>
            <DateText date={p.published} />
          </dd>
          <dt>Original</dt>
          <dd>{link ? <a href={link}>{link}</a> : (p.url ?? 'Not given')}</dd>
          <dt>License</dt>
          <dd>{p.license ?? 'Not stated'}</dd>
          <dt>Quotations</dt>
          <dd>
            {p.quoteCount} highlighted below; each links to its quote page
            {p.removedCount > 0 ? ` (${p.removedCount} lines of page furniture removed)` : ''}
          </dd>
        </dl>
        <h2>Article text</h2>
        <div class="body" lang={p.language}>
          {bodyBlocks(p.segments).map((block, i) => {
            if (block.length === 0) return null
            const parts = block.map((s) => <BodyPart s={s} />)
            // The article's own headings sit under "Article text": one level below it.
            return headings.has(i) ? <h3>{parts}</h3> : <p>{parts}</p>
          })}
        </div>
      </article>
    </Layout>
  )
}

export interface SpeakerPageProps {
  id: string
  name: string
  aliases: string[]
  roles: string[]
  qid: string | null
  /** One page of their quotes, newest first. */
  items: QuoteItem[]
  /** All their quotes. */
  total: number
  page: number
  pages: number
  href: (page: number) => string
}

export function SpeakerPage(p: SpeakerPageProps) {
  return (
    <Layout title={p.name} description={`Quotes by ${p.name}`}>
      <h1>{p.name}</h1>
      <dl class="facts">
        {p.roles.length > 0 ? (
          <>
            <dt>Roles</dt>
            <dd>{p.roles.join('; ')}</dd>
          </>
        ) : null}
        {p.aliases.length > 0 ? (
          <>
            <dt>Also named</dt>
            <dd>{p.aliases.join('; ')}</dd>
          </>
        ) : null}
        {p.qid ? (
          <>
            <dt>Wikidata</dt>
            <dd>
              <a href={`https://www.wikidata.org/wiki/${encodeURIComponent(p.qid)}`}>{p.qid}</a>
            </dd>
          </>
        ) : null}
        <dt>Quotes</dt>
        <dd>{p.total}</dd>
      </dl>
      <h2>Quotes, newest first{p.pages > 1 ? ` (page ${Math.min(p.page, p.pages)} of ${p.pages})` : ''}</h2>
      <ol class="results">
        {p.items.map((item) => (
          <QuoteListItem item={item} />
        ))}
      </ol>
      <Pager page={p.page} pages={p.pages} href={p.href} label="Quote pages" />
    </Layout>
  )
}

export function ErrorPage({ status, title, detail }: { status: number; title: string; detail: string }) {
  return (
    <Layout title={title}>
      <div class="error">
        <h1>{title}</h1>
        <p>{detail}</p>
        <search aria-label="Quotes">
          <form class="search" method="get" action="/">
            <label for="q">Search quotes instead</label>
            <div class="searchrow">
              <input type="search" id="q" name="q" maxlength={200} autocomplete="off" />
              <button type="submit">Search</button>
            </div>
          </form>
        </search>
        <p class="summary">Status {status}</p>
      </div>
    </Layout>
  )
}
