/**
 * @module
 * GET /api/random: a random quote, optionally by one speaker or of one kind.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import { lookUpSpeakers } from '../search/speakers'
import { createApp } from './app'
import { quoteSources, quoteSummary } from './present'
import { jsonResponse, Kind, problemResponses, QuoteSummary, SourceRef } from './schemas'

const RandomQuery = z.object({
  speaker: z.string().min(1).max(128).optional().openapi({ example: 'ali-khamenei', description: 'Speaker id or name.' }),
  kind: Kind.optional(),
})

const RandomQuote = QuoteSummary.extend({
  sources: z.array(SourceRef),
}).openapi('RandomQuote')

const route = createRoute({
  method: 'get',
  path: '/',
  summary: 'A random quote',
  description: 'Each call may answer another quote, so responses are not cached (Cache-Control: no-store).',
  request: { query: RandomQuery },
  responses: {
    200: jsonResponse('A quote', RandomQuote),
    ...problemResponses,
  },
})

export const random = createApp().openapi(route, async (c) => {
  const { speaker, kind } = c.req.valid('query')
  const backend = backendOf(c)
  const speakers = speaker ? await lookUpSpeakers(backend, speaker) : undefined
  const quote = await backend.random({ speakers, kind })
  if (!quote) throw new ProblemError(404, speaker ? `No quote by “${speaker}”${kind ? ` of kind ${kind}` : ''}.` : 'No quote matches.')
  const corpus = await backend.view([quote.id])
  c.header('cache-control', 'no-store')
  return c.json(
    {
      ...quoteSummary(corpus, quote),
      sources: quoteSources(corpus, quote),
    },
    200,
  )
})
