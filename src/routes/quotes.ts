/**
 * @module
 * GET /api/quotes/:id: a quote with every printing of it, in context, so a reader can check it.
 */
import { z } from '@hono/zod-openapi'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import { createApp } from './app'
import { occurrenceContext, quoteSummary, speakerRef } from './present'
import { Confidence, itemRoute, Kind, QuoteSummary, SpeakerMention, SpeakerRef } from './schemas'

export const QuoteDetail = QuoteSummary.extend({
  date_source: z.enum(['text', 'published', 'unknown']),
  occurrences: z.array(
    z.object({
      source: z.object({
        id: z.string(),
        title: z.string(),
        url: z.string().nullable(),
        outlet: z.string().nullable(),
        published: z.string().nullable(),
      }),
      text: z.string().openapi({ description: 'The quote as printed there: body.slice(start, end).' }),
      start: z.number().int(),
      end: z.number().int(),
      context_before: z.string(),
      context_after: z.string(),
      speaker: SpeakerRef,
      confidence: Confidence,
      speaker_mention: SpeakerMention,
      kind: Kind,
    }),
  ),
  variants: z.array(
    z.object({ id: z.string(), text: z.string(), relation: z.enum(['contains', 'contained', 'translation']), similarity: z.number() }),
  ),
}).openapi('Quote')

const route = itemRoute({ summary: 'A quote and every occurrence of it', description: 'The quote', item: QuoteDetail })

export const quotes = createApp().openapi(route, async (c) => {
  const { id } = c.req.valid('param')
  const corpus = await backendOf(c).quote(id)
  const quote = corpus.quotes.get(id)
  if (!quote) throw new ProblemError(404, `No quote has the id "${id}".`)
  return c.json(
    {
      ...quoteSummary(corpus, quote),
      date_source: quote.date_source,
      occurrences: quote.occurrences.map((o) => {
        const s = corpus.sources.get(o.source)
        return {
          source: {
            id: o.source,
            title: s?.title ?? o.source,
            url: s?.url ?? null,
            outlet: s?.outlet ?? null,
            published: s?.published ?? null,
          },
          text: o.text,
          start: o.start,
          end: o.end,
          ...occurrenceContext(s?.body ?? '', o),
          speaker: speakerRef(corpus, o.speaker),
          confidence: o.confidence,
          speaker_mention: o.speaker_mention ?? null,
          kind: o.kind,
        }
      }),
      variants: quote.variants.flatMap((v) => {
        const other = corpus.quotes.get(v.id)
        return other ? [{ id: v.id, text: other.text, relation: v.relation, similarity: v.similarity }] : []
      }),
    },
    200,
  )
})
