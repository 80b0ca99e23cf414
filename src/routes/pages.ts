/**
 * @module
 * The HTML pages: search (/), /quotes/:id, /sources/:id, /speakers/:id, their assets, and the HTML 404/error pages.
 * Pages work without JavaScript; /assets/app.js only adds type-ahead and copy buttons.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { JSXNode } from 'hono/jsx'
import type { AppEnv } from '../data'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import { highlight } from '../search/search'
import { speakerFilter } from '../search/speakers'
import { BACKEND_RETRY_AFTER_S, BackendUnavailable } from '../search/unavailable'
import type { CorpusView } from '../search/view'
import type { Quote } from '../types'
import type { QuoteItem } from '../views/components'
import { citations, embedSnippet } from '../views/format'
import { HomePage, type SearchForm } from '../views/home'
import { ErrorPage, QuotePage, SourcePage } from '../views/pages'
import { appJs } from '../views/scripts'
import { appCss, faviconSvg } from '../views/styles'
import { occurrenceContext, speakerRef } from './present'
import { Id, SearchQuery } from './schemas'

const PAGE_SIZE = 10

/** A strict policy: only same-origin scripts and styles; these pages may not be framed (only /embed/* may). */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

export function htmlHeaders(frameable: boolean): Record<string, string> {
  const csp = frameable ? PAGE_CSP.replace("frame-ancestors 'none'", 'frame-ancestors *') : PAGE_CSP
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...(frameable ? {} : { 'x-frame-options': 'DENY' }),
  }
}

export function renderHtml(node: JSXNode | Promise<string> | string, status = 200, frameable = false): Response {
  return new Response(String(node), { status, headers: htmlHeaders(frameable) })
}

export function asset(body: string, type: string): Response {
  return new Response(body, {
    headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' },
  })
}

/** A quote as the lists show it. */
export function quoteItem(corpus: CorpusView, quote: Quote, highlightHtml: string | null): QuoteItem {
  const sources = [...new Set(quote.occurrences.map((o) => o.source))].map((id) => ({ id, title: corpus.sources.get(id)?.title ?? id }))
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

function validId(id: string): boolean {
  return Id.safeParse(id).success
}

export const pages = new Hono<AppEnv>()

pages.get('/assets/app.css', () => asset(appCss, 'text/css'))
pages.get('/assets/app.js', () => asset(appJs, 'text/javascript'))
pages.get('/favicon.svg', () => asset(faviconSvg, 'image/svg+xml'))
// Browsers ask for /favicon.ico whatever the page links: the same SVG (Chromium and Firefox read it by its type).
pages.get('/favicon.ico', () => asset(faviconSvg, 'image/svg+xml'))

pages.get('/', async (c) => {
  const raw = c.req.query()
  const form: SearchForm = {
    q: raw.q ?? '',
    speaker: raw.speaker ?? '',
    source: raw.source ?? '',
    kind: raw.kind ?? '',
    from: raw.from ?? '',
    to: raw.to ?? '',
  }
  // Empty form fields mean "any"; the API schema treats a present-but-empty value as an error.
  const given = Object.fromEntries(Object.entries({ ...form, page: raw.page ?? '' }).filter(([, v]) => v !== ''))
  const parsed = SearchQuery.safeParse({ ...given, limit: PAGE_SIZE })
  // The filter lists count what the current query finds (each list ignores its own filter), from the search facets.
  const params = parsed.success ? parsed.data : SearchQuery.parse({ limit: PAGE_SIZE })
  const backend = backendOf(c)
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0] ?? 'query')}: ${i.message}`)
  // The speaker filter takes an id, a name or a surname (like the API): the list selects the id it resolves to.
  if (params.speaker)
    params.speaker = await speakerFilter(backend, params.speaker).catch((e: unknown) => {
      if (!(e instanceof ProblemError)) throw e
      errors.push(`speaker: ${e.errors?.[0]?.message ?? e.detail}`)
      return undefined
    })
  const { total, hits, facets, corpus, match, corrected, common } = await backend.search(params)
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label)
  const speakers = [...(facets?.speaker ?? [])].sort(byLabel).map((f) => ({ id: f.value, name: f.label, count: f.count }))
  const sources = [...(facets?.source ?? [])].sort(byLabel).map((f) => ({ id: f.value, title: f.label, count: f.count }))
  const searched = Object.keys(given).some((k) => k !== 'page')
  const kinds = facets?.kind.map((k) => ({ value: k.value, count: k.count }))
  const years = facets?.year.map((y) => ({ value: y.value, count: y.count }))
  const base = { form: { ...form, speaker: params.speaker ?? form.speaker }, speakers, sources, kinds, years, searched }
  if (errors.length > 0) {
    return renderHtml(HomePage({ ...base, errors, total: 0, page: 1, pages: 0, items: [], pageHref: () => '/' }), 400)
  }
  const pageCount = Math.ceil(total / PAGE_SIZE)
  const items = hits.map((h) => ({
    ...quoteItem(corpus, h.quote, h.highlight ?? highlight(h.quote.text, h.terms)),
    contextHtml: h.context,
  }))
  const pageHref = (page: number) => {
    const u = new URLSearchParams(Object.entries(given).filter(([k]) => k !== 'page'))
    if (page > 1) u.set('page', String(page))
    const s = u.toString()
    return s ? `/?${s}` : '/'
  }
  const reading = { match, corrected, common }
  return renderHtml(HomePage({ ...base, errors: [], total, page: params.page, pages: pageCount, items, pageHref, reading }))
})

pages.get('/quotes/:id', async (c) => {
  const id = c.req.param('id')
  if (!validId(id)) throw new ProblemError(404, `No quote has the id “${id}”.`)
  const corpus = await backendOf(c).quote(id)
  const quote = corpus.quotes.get(id)
  if (!quote) throw new ProblemError(404, `No quote has the id “${id}”.`)
  const origin = new URL(c.req.url).origin
  const pageUrl = `${origin}/quotes/${encodeURIComponent(quote.id)}`
  const speaker = speakerRef(corpus, quote.speaker)
  const seen = new Map<string, number>()
  const occurrences = [...quote.occurrences]
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
  const first = corpus.sources.get(quote.occurrences[0]?.source ?? '')
  const variants = quote.variants.map((v) => ({ id: v.id, relation: v.relation, text: corpus.quotes.get(v.id)?.text ?? v.id }))
  return renderHtml(
    QuotePage({
      id: quote.id,
      text: quote.text,
      kind: quote.kind,
      speaker,
      date: quote.date,
      dateSource: quote.date_source,
      occurrences,
      variants,
      citations: citations({
        text: quote.text,
        speaker: speaker?.name ?? null,
        date: quote.date,
        source: first ? { title: first.title, outlet: first.outlet, url: first.url, published: first.published } : null,
        pageUrl,
      }),
      snippet: embedSnippet(origin, { id: quote.id, text: quote.text, speaker: speaker?.name ?? null, date: quote.date }),
      oembedUrl: `${origin}/oembed?url=${encodeURIComponent(pageUrl)}&format=json`,
      pageUrl,
    }),
  )
})

pages.get('/sources/:id', async (c) => {
  const id = c.req.param('id')
  if (!validId(id)) throw new ProblemError(404, `No source has the id “${id}”.`)
  const corpus = await backendOf(c).source(id)
  const source = corpus.sources.get(id)
  if (!source) throw new ProblemError(404, `No source has the id “${id}”.`)
  const { segments, count } = sourceSegments(corpus, source.id, source.body)
  return renderHtml(
    SourcePage({
      id: source.id,
      title: source.title,
      outlet: source.outlet,
      url: source.url,
      published: source.published,
      license: source.license,
      language: source.language,
      segments,
      quoteCount: count,
      removedCount: source.removed.length,
    }),
  )
})

/** Errors go out as problem+json for the API, oEmbed and clients asking for JSON; as HTML pages otherwise. */
export function wantsProblemJson(c: Context): boolean {
  const path = new URL(c.req.url).pathname
  if (path === '/api' || path.startsWith('/api/') || path === '/oembed') return true
  const accept = c.req.header('accept') ?? ''
  return /json/i.test(accept) && !/text\/html/i.test(accept)
}

export function htmlNotFound(c: Context): Response {
  const path = new URL(c.req.url).pathname
  return renderHtml(ErrorPage({ status: 404, title: 'Page not found', detail: `Nothing is at ${path}.` }), 404)
}

export function htmlError(err: Error, c: Context): Response {
  if (err instanceof ProblemError && err.status === 404) {
    return renderHtml(ErrorPage({ status: 404, title: 'Not found', detail: err.detail }), 404)
  }
  if (err instanceof HTTPException && err.status < 500) {
    return renderHtml(ErrorPage({ status: err.status, title: 'That did not work', detail: err.message }), err.status)
  }
  if (err instanceof BackendUnavailable) {
    console.error(err.message)
    const res = renderHtml(
      ErrorPage({
        status: 503,
        title: 'Busy right now',
        detail: `The search database is not answering. Please try again in ${BACKEND_RETRY_AFTER_S} seconds.`,
      }),
      503,
    )
    res.headers.set('retry-after', String(BACKEND_RETRY_AFTER_S))
    return res
  }
  console.error(err)
  const path = new URL(c.req.url).pathname
  return renderHtml(
    ErrorPage({ status: 500, title: 'Something went wrong', detail: `The page ${path} failed on our side. Please try again later.` }),
    500,
  )
}
