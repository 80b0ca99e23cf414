/**
 * @module
 * GET /api/sources and /api/sources/:id: the articles, their metadata, body and quote offsets.
 */
import { z } from '@hono/zod-openapi'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import type { CorpusView } from '../search/view'
import { createApp } from './app'
import { listRoute, pageQuery, paging, sliceOf } from './paging'
import { speakerRef } from './present'
import { Confidence, itemRoute, Kind, SpeakerMention, SpeakerRef } from './schemas'

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
  headings: z.array(z.number().int()).optional().openapi({
    description: "Which blocks of the body (split at blank lines, `body.split('\\n\\n')`, 0-based) are headings; absent when none.",
  }),
  quotes: z.array(
    z.object({
      id: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      text: z.string(),
      speaker: SpeakerRef,
      confidence: Confidence,
      speaker_mention: SpeakerMention,
      kind: Kind,
    }),
  ),
}).openapi('Source')

export const SourceListQuery = z.object({
  sort: z.enum(['id', '-date', 'date', 'quotes']).default('id').openapi({
    description: '`id` (corpus order), `-date` (newest first), `date` (oldest first) or `quotes` (most first); undated last.',
  }),
  ...pageQuery(50, 200),
})

const list = listRoute({
  summary: 'Sources, paged',
  query: SourceListQuery,
  description: 'Source metadata',
  items: { sources: z.array(SourceMeta) },
})

const one = itemRoute({ summary: 'A source with its body and quote offsets', description: 'The source', item: SourceDetail })

function occurrencesIn(corpus: CorpusView, sourceId: string) {
  return corpus.records.quotes
    .flatMap((q) =>
      q.occurrences
        .filter((o) => o.source === sourceId)
        .map((o) => ({
          id: q.id,
          start: o.start,
          end: o.end,
          text: o.text,
          speaker: speakerRef(corpus, o.speaker),
          confidence: o.confidence,
          speaker_mention: o.speaker_mention ?? null,
          kind: o.kind,
        })),
    )
    .sort((a, b) => a.start - b.start || a.end - b.end)
}

export const sources = createApp()
  .openapi(list, async (c) => {
    const query = c.req.valid('query')
    const { total, items } = await backendOf(c).sources({ sort: query.sort, ...sliceOf(query) })
    return c.json(
      {
        sources: items.map(({ occurrences, quotes: _q, ...meta }) => ({ ...meta, quote_count: occurrences })),
        ...paging(c.req.url, query, total),
      },
      200,
    )
  })
  .openapi(one, async (c) => {
    const { id } = c.req.valid('param')
    const corpus = await backendOf(c).source(id)
    const source = corpus.sources.get(id)
    if (!source) throw new ProblemError(404, `No source has the id "${id}".`)
    const quotes = occurrencesIn(corpus, id)
    return c.json({ ...source, quote_count: quotes.length, quotes }, 200)
  })
