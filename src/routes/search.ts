/**
 * @module
 * GET /api/search: quotes by words, speaker, source, kind and date, with highlights, facets and a link to the next page.
 */
import { createRoute } from '@hono/zod-openapi'
import { backendOf } from '../search/backend'
import { speakerFilter } from '../search/speakers'
import { createApp } from './app'
import { searchResult } from './present'
import { jsonResponse, problemResponses, SearchQuery, SearchResponse } from './schemas'

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Search quotations',
  request: { query: SearchQuery },
  responses: {
    200: jsonResponse('Matching quotes, best first (newest first for an empty query)', SearchResponse),
    400: problemResponses[400],
  },
})

export const search = createApp().openapi(route, async (c) => {
  const started = performance.now()
  const backend = backendOf(c)
  const params = c.req.valid('query')
  if (params.speaker) params.speaker = await speakerFilter(backend, params.speaker)
  const { total, totalIsExact, hits, facets, facetsApproximate, corpus, dropped, match, corrected, common } = await backend.search(params)
  let next: string | null = null
  if (params.page * params.limit < total) {
    const url = new URL(c.req.url)
    url.searchParams.set('page', String(params.page + 1))
    next = url.toString()
  }
  return c.json(
    {
      query: params.q,
      total,
      total_is_exact: totalIsExact ?? true,
      page: params.page,
      limit: params.limit,
      sort: params.sort,
      next,
      took_ms: Math.round((performance.now() - started) * 100) / 100,
      ignored_words: dropped,
      match,
      corrected,
      common_words: common,
      results: hits.map((hit) => searchResult(corpus, hit)),
      facets,
      facets_approximate: facets !== null && (facetsApproximate ?? false),
    },
    200,
  )
})
