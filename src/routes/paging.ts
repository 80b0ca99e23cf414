/**
 * @module
 * Paging shared by every list answer: `page` (from 1) and `limit` in, `total`, `page`, `limit` and `next` (the URL
 * of the next page, or null) out.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { jsonResponse, problemResponses } from './schemas'

/** `page` and `limit` query parameters, limit 1–`max`, default `fallback`. */
export function pageQuery(fallback: number, max: number) {
  return {
    page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(10_000).default(1),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(max, `must be at most ${max}`).default(fallback),
  }
}

/** The paging fields of a list answer, for its schema. */
export const PageFields = {
  total: z.number().int().openapi({ description: 'Items in the whole list, on every page.' }),
  page: z.number().int(),
  limit: z.number().int(),
  next: z.string().nullable().openapi({ description: 'URL of the next page, or null on the last page.' }),
}

/** The page as an offset and a limit. */
export function sliceOf(p: { page: number; limit: number }) {
  return { offset: (p.page - 1) * p.limit, limit: p.limit }
}

/** `total`, `page`, `limit` and `next` for an answer: `next` is this URL with the page after, if any is left. */
export function paging(url: string, p: { page: number; limit: number }, total: number) {
  let next: string | null = null
  if (p.page * p.limit < total) {
    const u = new URL(url)
    u.searchParams.set('page', String(p.page + 1))
    next = u.toString()
  }
  return { total, page: p.page, limit: p.limit, next }
}

/**
 * GET / of a paged list (/api/speakers, /api/sources): `query` holds pageQuery's fields; the answer holds `items` (the
 * list under its name) and the PageFields. A bad query is a 400.
 */
export function listRoute<Query extends z.ZodObject, Items extends z.ZodRawShape>(route: {
  summary: string
  query: Query
  description: string
  items: Items
}) {
  return createRoute({
    method: 'get',
    path: '/',
    summary: route.summary,
    request: { query: route.query },
    responses: {
      200: jsonResponse(route.description, z.object({ ...route.items, ...PageFields })),
      400: problemResponses[400],
    },
  })
}
