/**
 * @module
 * Embeds: the quote card (/embed/quotes/:id, the only frameable page), the script that turns a pasted
 * blockquote into the card (/embed.js), and oEmbed discovery for publishing tools (/oembed).
 */

import { Hono } from 'hono'
import type { AppEnv } from '../data'
import { ProblemError } from '../problem'
import { sourcesOf } from '../records'
import { backendOf } from '../search/backend'
import { EmbedCard, EmbedMissing, type Theme } from '../views/embed'
import { embedSnippet, estimateCardHeight } from '../views/format'
import { cardJs, embedJs } from '../views/scripts'
import { cardCss } from '../views/styles'
import { asset, renderHtml } from './html'
import { speakerRef } from './present'
import { Id } from './schemas'

const CARD_WIDTH = 550

export const embed = new Hono<AppEnv>()

embed.get('/assets/card.css', () => asset(cardCss, 'text/css'))
embed.get('/assets/card.js', () => asset(cardJs, 'text/javascript'))
embed.get('/embed.js', () => asset(embedJs, 'text/javascript'))

embed.get('/embed/quotes/:id', async (c) => {
  const id = c.req.param('id')
  const corpus = Id.safeParse(id).success ? await backendOf(c).quote(id) : undefined
  const quote = corpus?.quotes.get(id)
  if (!quote) return renderHtml(EmbedMissing({ id, home: `${new URL(c.req.url).origin}/` }), 404, true)
  const t = c.req.query('theme')
  const theme: Theme = t === 'light' || t === 'dark' ? t : 'auto'
  const origin = new URL(c.req.url).origin
  const first = quote.occurrences[0]
  const source = first ? corpus?.sources.get(first.source) : undefined
  const card = EmbedCard({
    id: quote.id,
    text: quote.text,
    speaker: corpus ? (speakerRef(corpus, quote.speaker)?.name ?? null) : null,
    date: quote.date,
    pageUrl: `${origin}/quotes/${encodeURIComponent(quote.id)}`,
    source: source
      ? { title: source.title, href: `${origin}/sources/${encodeURIComponent(source.id)}#q-${encodeURIComponent(quote.id)}` }
      : null,
    sourceCount: sourcesOf(quote).length,
    theme,
  })
  const res = renderHtml(card, 200, true)
  res.headers.set('cache-control', 'public, max-age=300')
  return res
})

/** oEmbed 1.0 for quote page URLs on this host: a "rich" answer whose html is the paste-anywhere snippet. */
embed.get('/oembed', async (c) => {
  const format = c.req.query('format') ?? 'json'
  // oEmbed 1.0 asks for 501 when a provider lacks a format it knows of (xml); anything else is a bad parameter.
  if (format === 'xml') throw new ProblemError(501, 'format=xml is not supported; use format=json.')
  if (format !== 'json') {
    throw new ProblemError(400, 'format must be json.', [{ parameter: 'format', message: 'must be json' }])
  }
  const raw = c.req.query('url')
  if (!raw) throw new ProblemError(400, 'url is required: the address of a quote page.', [{ parameter: 'url', message: 'is required' }])
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ProblemError(400, 'url must be an absolute http(s) URL.', [{ parameter: 'url', message: 'is not a URL' }])
  }
  const here = new URL(c.req.url)
  const match = /^\/quotes\/([^/]+)\/?$/.exec(url.pathname)
  if (!/^https?:$/.test(url.protocol) || url.host !== here.host || !match) {
    throw new ProblemError(404, `${raw} is not a quote page on ${here.host}.`)
  }
  // A malformed escape (`%E0%A4%A`) or a path that is no quote id is simply not a quote page: 404, never a URIError.
  let id: string
  try {
    id = decodeURIComponent(match[1] as string)
  } catch {
    throw new ProblemError(404, `${raw} is not a quote page on ${here.host}.`)
  }
  if (!Id.safeParse(id).success) throw new ProblemError(404, `${raw} is not a quote page on ${here.host}.`)
  const corpus = await backendOf(c).quote(id)
  const quote = corpus.quotes.get(id)
  if (!quote) throw new ProblemError(404, `No quote has the id “${id}”.`)
  const maxwidth = Number(c.req.query('maxwidth'))
  const maxheight = Number(c.req.query('maxheight'))
  const width = Number.isFinite(maxwidth) && maxwidth > 0 ? Math.min(CARD_WIDTH, Math.floor(maxwidth)) : CARD_WIDTH
  let height = estimateCardHeight(quote.text, width)
  if (Number.isFinite(maxheight) && maxheight > 0) height = Math.min(height, Math.floor(maxheight))
  const speaker = speakerRef(corpus, quote.speaker)
  const title = quote.text.length > 100 ? `${quote.text.slice(0, 99)}…` : quote.text
  return c.json(
    {
      version: '1.0',
      type: 'rich',
      provider_name: 'verbatim',
      provider_url: `${here.origin}/`,
      title,
      ...(speaker ? { author_name: speaker.name, author_url: `${here.origin}/speakers/${encodeURIComponent(speaker.id)}` } : {}),
      html: embedSnippet(here.origin, { id: quote.id, text: quote.text, speaker: speaker?.name ?? null, date: quote.date }),
      width,
      height,
      cache_age: 3600,
    },
    200,
    { 'access-control-allow-origin': '*' },
  )
})
