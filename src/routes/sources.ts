/**
 * @module
 * GET /api/sources and /api/sources/:id: the articles, their metadata, body and quote offsets.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { type Corpus, getCorpus } from '../data'
import { ProblemError } from '../problem'
import { createApp } from './app'
import { speakerRef } from './present'
import { Id, problemResponses, SpeakerRef } from './schemas'

const SourceMeta = z.object({
  id: z.string(),
  title: z.string(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  license: z.string().nullable(),
  language: z.string(),
  quote_count: z.number().int(),
})

export const SourceDetail = SourceMeta.extend({
  body: z.string(),
  removed: z
    .array(z.object({ line: z.number().int(), reason: z.string(), text: z.string() }))
    .openapi({ description: 'Page boilerplate removed from the body, with its line in the corpus file.' }),
  quotes: z.array(
    z.object({
      id: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      text: z.string(),
      speaker: SpeakerRef,
      kind: z.enum(['quotation', 'fragment']),
    }),
  ),
}).openapi('Source')

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'All sources',
  responses: {
    200: { description: 'Source metadata', content: { 'application/json': { schema: z.object({ sources: z.array(SourceMeta) }) } } },
  },
})

const one = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A source with its body and quote offsets',
  request: { params: z.object({ id: Id }) },
  responses: { 200: { description: 'The source', content: { 'application/json': { schema: SourceDetail } } }, ...problemResponses },
})

function occurrencesIn(corpus: Corpus, sourceId: string) {
  return corpus.records.quotes
    .flatMap((q) =>
      q.occurrences
        .filter((o) => o.source === sourceId)
        .map((o) => ({ id: q.id, start: o.start, end: o.end, text: o.text, speaker: speakerRef(corpus, o.speaker), kind: o.kind })),
    )
    .sort((a, b) => a.start - b.start || a.end - b.end)
}

export const sources = createApp()
  .openapi(list, (c) => {
    const corpus = getCorpus(c)
    const counts = new Map<string, number>()
    for (const q of corpus.records.quotes) for (const o of q.occurrences) counts.set(o.source, (counts.get(o.source) ?? 0) + 1)
    return c.json(
      {
        sources: corpus.records.sources.map(({ body: _b, removed: _r, ...meta }) => ({ ...meta, quote_count: counts.get(meta.id) ?? 0 })),
      },
      200,
    )
  })
  .openapi(one, (c) => {
    const { id } = c.req.valid('param')
    const corpus = getCorpus(c)
    const source = corpus.sources.get(id)
    if (!source) throw new ProblemError(404, `No source has the id "${id}".`)
    const quotes = occurrencesIn(corpus, id)
    return c.json({ ...source, quote_count: quotes.length, quotes }, 200)
  })
