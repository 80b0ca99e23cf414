/**
 * @module
 * GET /api/stats: what the bundled index holds, and which build it is.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { backendOf } from '../search/backend'
import { createApp } from './app'
import { jsonResponse } from './schemas'

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
  responses: { 200: jsonResponse('Index statistics', Stats) },
})

export const stats = createApp().openapi(route, async (c) => c.json(await backendOf(c).stats(), 200))
