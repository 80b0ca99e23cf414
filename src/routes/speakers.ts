/**
 * @module
 * GET /api/speakers and /api/speakers/:id: who said what, with quote counts.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import { createApp } from './app'
import { quoteSources } from './present'
import { Id, problemResponses, SourceRef } from './schemas'

const SpeakerMeta = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  roles: z.array(z.string()),
  qid: z.string().nullable(),
  quote_count: z.number().int(),
})

export const SpeakerDetail = SpeakerMeta.extend({
  quotes: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      kind: z.enum(['quotation', 'fragment']),
      date: z.string().nullable(),
      sources: z.array(SourceRef),
    }),
  ),
}).openapi('Speaker')

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'All speakers',
  responses: {
    200: { description: 'Speakers by name', content: { 'application/json': { schema: z.object({ speakers: z.array(SpeakerMeta) }) } } },
  },
})

const one = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A speaker and their quotes, newest first',
  request: { params: z.object({ id: Id }) },
  responses: { 200: { description: 'The speaker', content: { 'application/json': { schema: SpeakerDetail } } }, ...problemResponses },
})

export const speakers = createApp()
  .openapi(list, async (c) => {
    const all = (await backendOf(c).speakers()).sort((a, b) => a.name.localeCompare(b.name))
    return c.json({ speakers: all }, 200)
  })
  .openapi(one, async (c) => {
    const { id } = c.req.valid('param')
    const corpus = await backendOf(c).speaker(id)
    const speaker = corpus.speakers.get(id)
    if (!speaker) throw new ProblemError(404, `No speaker has the id "${id}".`)
    const quotes = corpus.bySpeaker.get(id) ?? []
    return c.json(
      {
        ...speaker,
        quote_count: quotes.length,
        quotes: quotes.map((q) => ({ id: q.id, text: q.text, kind: q.kind, date: q.date, sources: quoteSources(corpus, q) })),
      },
      200,
    )
  })
