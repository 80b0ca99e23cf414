/**
 * @module
 * GET /api/speakers and /api/speakers/:id: who said what, with quote counts.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import { createApp } from './app'
import { listRoute, PageFields, pageQuery, paging, sliceOf } from './paging'
import { quoteSources } from './present'
import { Id, jsonResponse, Kind, problemResponses, SourceRef } from './schemas'

const SpeakerMeta = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  roles: z.array(z.string()),
  qid: z.string().nullable(),
  quote_count: z.number().int(),
})

export const SpeakerDetail = SpeakerMeta.extend({
  ...PageFields,
  quotes: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      kind: Kind,
      date: z.string().nullable(),
      sources: z.array(SourceRef),
    }),
  ),
}).openapi('Speaker')

export const SpeakerListQuery = z.object({
  q: z.string().trim().max(100).optional().openapi({
    example: 'khame',
    description: 'Name filter: the start of any word of a name or alias, or part of a whole name (case and accents do not matter).',
  }),
  sort: z.enum(['name', 'quotes']).default('name').openapi({ description: '`name` (A–Z) or `quotes` (most quotes first).' }),
  ...pageQuery(50, 200),
})

const list = listRoute({
  summary: 'Speakers, paged',
  query: SpeakerListQuery,
  description: 'Speakers by name (or by quote count)',
  items: { speakers: z.array(SpeakerMeta) },
})

const one = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A speaker and a page of their quotes, newest first',
  request: { params: z.object({ id: Id }), query: z.object(pageQuery(20, 100)) },
  responses: {
    200: jsonResponse('The speaker; `quote_count` and `total` count all their quotes', SpeakerDetail),
    ...problemResponses,
  },
})

export const speakers = createApp()
  .openapi(list, async (c) => {
    const query = c.req.valid('query')
    const { total, items } = await backendOf(c).speakers({ name: query.q, sort: query.sort, ...sliceOf(query) })
    return c.json({ speakers: items, ...paging(c.req.url, query, total) }, 200)
  })
  .openapi(one, async (c) => {
    const { id } = c.req.valid('param')
    const page = c.req.valid('query')
    const { corpus, quotes, total } = await backendOf(c).speaker(id, sliceOf(page))
    const speaker = corpus.speakers.get(id)
    if (!speaker) throw new ProblemError(404, `No speaker has the id "${id}".`)
    return c.json(
      {
        ...speaker,
        quote_count: total,
        quotes: quotes.map((q) => ({ id: q.id, text: q.text, kind: q.kind, date: q.date, sources: quoteSources(corpus, q) })),
        ...paging(c.req.url, page, total),
      },
      200,
    )
  })
