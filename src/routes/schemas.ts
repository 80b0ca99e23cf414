/**
 * @module
 * Zod schemas for requests and responses: the validators and the OpenAPI document come from the same source.
 */

import { createRoute, z } from '@hono/zod-openapi'
import { COUNT_CAP, FACET_LIMIT, FACET_SAMPLE } from '../search/options'
import { QUOTE_KINDS } from '../types'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s)
  }, 'is not a real calendar date')

/** A quote's kind (QuoteKind, src/types.ts). */
export const Kind = z.enum(QUOTE_KINDS)

export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, _ . or -')

export const SearchQuery = z
  .object({
    q: z
      .string()
      .max(200, 'must be at most 200 characters')
      .default('')
      .openapi({ example: 'revenge', description: 'Words to find; fuzzy and prefix matched. Empty lists quotes by date.' }),
    speaker: z.string().max(128).optional().openapi({ example: 'ali-khamenei', description: 'Speaker id or name.' }),
    source: Id.optional().openapi({ description: 'Source id.' }),
    kind: Kind.optional(),
    from: isoDate.optional().openapi({ example: '2020-01-01' }),
    to: isoDate.optional(),
    sort: z.enum(['relevance', 'date', '-date']).default('relevance').openapi({
      description:
        '`relevance` (best first; newest first for an empty query), `date` (oldest first) or `-date` (newest first). Undated quotes come last.',
    }),
    page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(10_000).default(1),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(100, 'must be at most 100').default(20),
    facets: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true')
      .openapi({ description: '`false` leaves out the facet counts (`facets` is then null): faster, most of all for common words on D1.' }),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'must not be after to', path: ['from'] })

export const SpeakerRef = z.object({ id: z.string(), name: z.string() }).nullable()

/** A quote as every answer shows it (quoteSummary, src/routes/present.ts): words, kind, speaker, date. */
export const QuoteSummary = z.object({ id: z.string(), text: z.string(), kind: Kind, speaker: SpeakerRef, date: z.string().nullable() })

/** How sure the extractor is of one occurrence's speaker. */
export const Confidence = z.number().openapi({
  description:
    'How sure the attribution is, 0..1, calibrated on held-out news: about the share of attributions given this confidence that name the right speaker. 0 when no speaker is named.',
})

/** The words of a source that name an occurrence's speaker. */
export const SpeakerMention = z.object({ text: z.string(), start: z.number().int(), end: z.number().int() }).nullable().openapi({
  description: 'The words in the source that name the speaker ("Sen. Claire McCaskill", "she"): body.slice(start, end) === text.',
})
export const SourceRef = z.object({ id: z.string(), title: z.string(), url: z.string().nullable() })

export const SearchResultItem = z.object({
  id: z.string(),
  text: z.string(),
  highlight: z.string().openapi({ description: 'HTML-escaped text with matched words in <mark>.' }),
  kind: Kind,
  speaker: SpeakerRef,
  date: z.string().nullable(),
  sources: z.array(SourceRef),
  matched_in: z.enum(['text', 'context']).openapi({
    description:
      '`text`: every deciding word is in the quote’s own words or its speaker’s names; `context`: some only in the article around it or its title. Text matches always rank first.',
  }),
  context: z.string().nullable().openapi({
    description: 'For a `context` match: HTML-escaped snippet of the article around the quote, matched words in <mark>; else null.',
  }),
  score: z.number(),
})

const FacetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() })

export const Facets = z
  .object({
    speaker: z.array(FacetValue),
    source: z.array(FacetValue),
    year: z.array(FacetValue),
    kind: z.array(FacetValue),
  })
  .openapi('Facets', {
    description: `Result counts for the current query, before pagination. Each facet applies every other filter but not its own, so a UI can offer the alternatives to a chosen value. Speakers, sources and years: the most frequent, at most ${FACET_LIMIT} each, plus the chosen one; speakers and sources by count, years newest first; unattributed and undated quotes are not counted in speaker and year.`,
  })

const CAP = COUNT_CAP.toLocaleString('en')

export const SearchResponse = z.object({
  query: z.string(),
  total: z
    .number()
    .int()
    .openapi({
      description: `Quotes matching, before pagination: exact up to ${CAP} (see \`total_is_exact\`).`,
    }),
  total_is_exact: z.boolean().openapi({
    description: `\`false\` when more than \`total\` quotes match: the D1 backend stops counting at ${CAP} (and ranks the ${CAP} newest matches). The bundled backend always counts every match.`,
  }),
  page: z.number().int(),
  limit: z.number().int(),
  sort: z.enum(['relevance', 'date', '-date']),
  next: z.string().nullable().openapi({ description: 'URL of the next page, or null on the last page.' }),
  took_ms: z.number(),
  ignored_words: z.number().int().openapi({ description: 'Words of `q` past the first 12, which are not searched.' }),
  match: z.enum(['all', 'any']).openapi({
    description: '`all`: every deciding word of `q` matched; `any`: no quote has them all, so quotes with any of them are listed.',
  }),
  corrected: z.array(z.object({ typed: z.string(), searched: z.string() })).openapi({
    description: 'Words of `q` that no result holds as typed, searched as their nearest words instead (`revnge` → `revenge`).',
  }),
  common_words: z.array(z.string()).openapi({
    description: 'Very common words of `q` (of, the, and…) that did not decide which quotes match; they still rank words side by side.',
  }),
  results: z.array(SearchResultItem),
  facets: Facets.nullable(),
  facets_approximate: z.boolean().openapi({
    description: `\`true\` when the facets count only the best ${FACET_SAMPLE.toLocaleString('en')} matches, not all of them (the D1 backend, for a query matching more); \`false\` when they count every match, or when \`facets\` is null.`,
  }),
})

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem')

/** A JSON answer in a route's `responses`: its description and schema. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } }
}

/** The error answers every route may give. */
export const problemResponses = {
  400: { description: 'Bad parameters', content: { 'application/problem+json': { schema: Problem } } },
  404: { description: 'Not found', content: { 'application/problem+json': { schema: Problem } } },
} as const

/** GET /{id} of a resource with no other parameter (/api/quotes, /api/sources): the item, or a problem (400, 404). */
export function itemRoute<Item extends z.ZodType>(route: {
  summary: string
  /** Of the 200 answer. */
  description: string
  item: Item
}) {
  return createRoute({
    method: 'get',
    path: '/{id}',
    summary: route.summary,
    request: { params: z.object({ id: Id }) },
    responses: { 200: jsonResponse(route.description, route.item), ...problemResponses },
  })
}
