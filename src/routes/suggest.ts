/**
 * @module
 * GET /api/suggest: type-ahead completions of what is being typed, from the corpus's own words (src/search/suggest.ts).
 */
import { createRoute, z } from '@hono/zod-openapi'
import { backendOf } from '../search/backend'
import { createApp } from './app'
import { jsonResponse, problemResponses } from './schemas'

const SuggestQuery = z.object({
  q: z
    .string()
    .max(100, 'must be at most 100 characters')
    .default('')
    .openapi({ example: 'reven', description: 'What has been typed so far.' }),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(20, 'must be at most 20').default(8),
})

const SuggestResponse = z
  .object({
    query: z.string(),
    suggestions: z.array(z.object({ text: z.string(), score: z.number() })),
  })
  .openapi('Suggestions')

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Type-ahead suggestions',
  description:
    'Completes the last word (prefix, from 3 letters, as in search: shorter prefixes expand to too many words) and tolerates typos in the others; every suggestion finds at least one quote. Words are shown as most often printed.',
  request: { query: SuggestQuery },
  responses: {
    200: jsonResponse('Suggestions, best first', SuggestResponse),
    400: problemResponses[400],
  },
})

export const suggestions = createApp().openapi(route, async (c) => {
  const { q, limit } = c.req.valid('query')
  return c.json({ query: q, suggestions: await backendOf(c).suggest(q, limit) }, 200)
})
