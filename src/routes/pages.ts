/**
 * @module
 * The HTML pages: search (/), /quotes/:id, /sources/:id and their assets (/speakers and /sources lists: browse.ts;
 * /verify: verify-page.ts; headers and error pages: html.ts).
 * Pages work without JavaScript; /assets/app.js only adds type-ahead and copy buttons.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../data'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import { highlight } from '../search/search'
import { speakerFilter } from '../search/speakers'
import { citations, embedSnippet } from '../views/format'
import { HomePage, type SearchForm } from '../views/home'
import { QuotePage, SourcePage } from '../views/pages'
import { appJs } from '../views/scripts'
import { appCss, faviconSvg } from '../views/styles'
import { asset, renderHtml } from './html'
import { quoteItem, quoteOccurrences, sourceSegments, speakerRef } from './present'
import { Id, SearchQuery } from './schemas'

const PAGE_SIZE = 10

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
  const { total, totalIsExact, hits, facets, corpus, match, corrected, common } = await backend.search(params)
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
  return renderHtml(HomePage({ ...base, errors: [], total, totalIsExact, page: params.page, pages: pageCount, items, pageHref, reading }))
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
  const occurrences = quoteOccurrences(corpus, quote)
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
      headings: source.headings,
      quoteCount: count,
      removedCount: source.removed.length,
    }),
  )
})
