/**
 * @module
 * GET /api/stats: what the bundled index holds, and which build it is.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { getCorpus } from '../data'
import { createApp } from './app'

const Stats = z.object({
  build_id: z.string().openapi({ description: 'Hash of the built records and index: the same corpus and code give the same id.' }),
  sources: z.number().int(),
  quotes: z.number().int(),
  occurrences: z.number().int(),
  speakers: z.number().int(),
  kinds: z.object({ quotation: z.number().int(), fragment: z.number().int() }),
})

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'Counts and the build id',
  responses: { 200: { description: 'Index statistics', content: { 'application/json': { schema: Stats } } } },
})

export const stats = createApp().openapi(route, (c) => {
  const { records } = getCorpus(c)
  const quotation = records.quotes.filter((q) => q.kind === 'quotation').length
  return c.json(
    {
      build_id: records.build_id,
      sources: records.sources.length,
      quotes: records.quotes.length,
      occurrences: records.quotes.reduce((n, q) => n + q.occurrences.length, 0),
      speakers: records.speakers.length,
      kinds: { quotation, fragment: records.quotes.length - quotation },
    },
    200,
  )
})
