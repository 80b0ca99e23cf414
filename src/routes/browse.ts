/**
 * @module
 * The browsing pages: /speakers (filter by name, sort, paged), /speakers/:id (their quotes, paged) and /sources
 * (outlet, date, title, quote count, paged). Query parameters are read as the API reads them; bad ones fall back to
 * the defaults, since a page should always show something.
 */

import { z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { AppEnv } from '../data'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import { SourcesPage, SpeakersPage } from '../views/browse'
import { SpeakerPage } from '../views/pages'
import { renderHtml } from './html'
import { pageQuery, sliceOf } from './paging'
import { quoteItem } from './present'
import { Id } from './schemas'
import { SourceListQuery } from './sources'
import { SpeakerListQuery } from './speakers'

/** Rows a list page shows. */
const PAGE_SIZE = 50
/** Quotes a speaker page shows. */
const QUOTES_PER_PAGE = 20

/** Parses a page's query, dropping empty and invalid values so a hand-edited URL still shows a page. */
function readQuery<T extends z.ZodTypeAny>(schema: T, raw: Record<string, string>): z.infer<T> {
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''))
  const parsed = schema.safeParse(given)
  if (parsed.success) return parsed.data
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])))
  return schema.parse(Object.fromEntries(Object.entries(given).filter(([k]) => !bad.has(k))))
}

/** A URL of this list at another page, keeping its other parameters (defaults left out). */
function pageHref(path: string, params: Record<string, string | undefined>) {
  return (page: number) => {
    const u = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])))
    if (page > 1) u.set('page', String(page))
    const s = u.toString()
    return s ? `${path}?${s}` : path
  }
}

export const browse = new Hono<AppEnv>()

browse.get('/speakers', async (c) => {
  const query = readQuery(SpeakerListQuery, { ...c.req.query(), limit: String(PAGE_SIZE) })
  const { total, items } = await backendOf(c).speakers({ name: query.q, sort: query.sort, ...sliceOf(query) })
  return renderHtml(
    SpeakersPage({
      q: query.q ?? '',
      sort: query.sort,
      total,
      page: query.page,
      pages: Math.ceil(total / PAGE_SIZE),
      speakers: items,
      href: pageHref('/speakers', { q: query.q, sort: query.sort === 'name' ? undefined : query.sort }),
    }),
  )
})

browse.get('/sources', async (c) => {
  const raw = c.req.query()
  // The page lists newest first unless asked otherwise (the API keeps corpus order by default).
  const query = readQuery(SourceListQuery, { sort: '-date', ...raw, limit: String(PAGE_SIZE) })
  const { total, items } = await backendOf(c).sources({ sort: query.sort, ...sliceOf(query) })
  return renderHtml(
    SourcesPage({
      sort: query.sort,
      total,
      page: query.page,
      pages: Math.ceil(total / PAGE_SIZE),
      sources: items.map((s) => ({ ...s, quote_count: s.occurrences })),
      href: pageHref('/sources', { sort: query.sort === '-date' ? undefined : query.sort }),
    }),
  )
})

browse.get('/speakers/:id', async (c) => {
  const id = c.req.param('id')
  if (!Id.safeParse(id).success) throw new ProblemError(404, `No speaker has the id “${id}”.`)
  const page = readQuery(z.object(pageQuery(QUOTES_PER_PAGE, 100)), { page: c.req.query('page') ?? '', limit: String(QUOTES_PER_PAGE) })
  const { corpus, quotes, total } = await backendOf(c).speaker(id, sliceOf(page))
  const speaker = corpus.speakers.get(id)
  if (!speaker) throw new ProblemError(404, `No speaker has the id “${id}”.`)
  return renderHtml(
    SpeakerPage({
      ...speaker,
      total,
      page: page.page,
      pages: Math.ceil(total / QUOTES_PER_PAGE),
      href: pageHref(`/speakers/${encodeURIComponent(id)}`, {}),
      items: quotes.map((q) => quoteItem(corpus, q, null)),
    }),
  )
})
