/**
 * @module
 * POST /api/verify: is this quote real, word for word, and who said it? See src/search/verify.ts.
 */

import { createRoute, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { ProblemError } from '../problem'
import { backendOf } from '../search/backend'
import { words } from '../search/diff'
import { MAX_BODY_BYTES, MAX_CLAIM_WORDS } from '../search/options'
import { CLOSE, PARAPHRASE, verifyQuote } from '../search/verify'
import { createApp } from './app'
import { quoteSources, speakerRef } from './present'
import { jsonResponse, Kind, Problem, SourceRef, SpeakerRef } from './schemas'

const VerifyRequest = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(2000, 'must be at most 2000 characters')
      .openapi({ example: 'Revenge will be taken on those who ordered it', description: 'The quote as you read or heard it.' }),
    speaker: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(128)
      .optional()
      .openapi({ example: 'Khamenei', description: 'Who it is attributed to: a speaker id, a name or a surname.' }),
  })
  .openapi('VerifyRequest')

const Verdict = z.enum(['verbatim', 'close', 'paraphrase', 'not_found'])

const VerifyMatch = z.object({
  id: z.string(),
  text: z.string().openapi({ description: 'The quote as printed.' }),
  kind: Kind,
  speaker: SpeakerRef,
  date: z.string().nullable(),
  similarity: z.number().openapi({
    description: '0..1: 2 × shared words / (claimed words + printed words in the aligned stretch). 1 is word for word.',
  }),
  verdict: Verdict,
  excerpt: z.boolean().openapi({ description: 'The claim is a part of a longer printed quote.' }),
  attribution: z.enum(['same', 'other', 'unknown']).nullable().openapi({
    description:
      '`same`: printed as said by the claimed speaker; `other`: printed as someone else’s; `unknown`: printed without a speaker; null when no speaker was claimed.',
  }),
  diff: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })).openapi({
    description:
      'Word-level diff from the printed quote to the claim: `equal` words are in both, `delete` words are printed but not claimed (including the context around an excerpt), `insert` words are claimed but not printed. Punctuation is not compared.',
  }),
  sources: z.array(SourceRef),
})

const VerifyResponse = z
  .object({
    text: z.string(),
    speaker: z.string().nullable(),
    verdict: Verdict.openapi({
      description: `The best match’s verdict: \`verbatim\` (every word printed, in order), \`close\` (similarity ≥ ${CLOSE}), \`paraphrase\` (≥ ${PARAPHRASE}, sharing most content words) or \`not_found\`.`,
    }),
    misattributed: z.boolean().openapi({ description: 'True when the words are printed (verbatim or close) only as another speaker’s.' }),
    attributed_to: z.array(SpeakerRef.unwrap()).openapi({ description: 'Who the best match is printed as said by.' }),
    matches: z.array(VerifyMatch).openapi({ description: 'Up to 5 printed quotes, closest first.' }),
  })
  .openapi('Verification')

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } })

const route = createRoute({
  method: 'post',
  path: '/',
  summary: 'Check a quote against the printed record',
  description: `Finds the printed quotations closest to the text, with a word diff, the sources that print each, a verdict, and whether the claimed speaker is the one printed. JSON body of at most ${MAX_BODY_BYTES / 1024} KB.`,
  middleware: [
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ProblemError(413, `The request body is over ${MAX_BODY_BYTES / 1024} KB.`)
      },
    }),
  ] as const,
  request: { body: { required: true, content: { 'application/json': { schema: VerifyRequest } } } },
  responses: {
    200: jsonResponse('The verdict and the closest printed quotes', VerifyResponse),
    400: problem('Not JSON, or a missing, empty or over-long text'),
    413: problem('Body over 8 KB'),
    415: problem('Body not sent as application/json'),
  },
})

export const verify = createApp().openapi(route, async (c) => {
  const { text, speaker } = c.req.valid('json')
  if (words(text).length === 0) throw new ProblemError(400, 'text has no words to check', [{ parameter: 'text', message: 'has no words' }])
  if (words(text).length > MAX_CLAIM_WORDS)
    throw new ProblemError(400, `text has more than ${MAX_CLAIM_WORDS} words`, [
      { parameter: 'text', message: `must have at most ${MAX_CLAIM_WORDS} words` },
    ])
  const backend = backendOf(c)
  const result = await verifyQuote(backend, text, speaker)
  const corpus = await backend.view(result.matches.map((m) => m.quote.id))
  const best = result.matches[0]
  return c.json(
    {
      text,
      speaker: speaker ?? null,
      verdict: result.verdict,
      misattributed: result.misattributed,
      attributed_to: best
        ? [...new Set([best.quote.speaker, ...best.quote.occurrences.map((o) => o.speaker)])].flatMap((id) => speakerRef(corpus, id) ?? [])
        : [],
      matches: result.matches.map((m) => ({
        id: m.quote.id,
        text: m.quote.text,
        kind: m.quote.kind,
        speaker: speakerRef(corpus, m.quote.speaker),
        date: m.quote.date,
        similarity: m.alignment.similarity,
        verdict: m.verdict,
        excerpt: m.alignment.excerpt,
        attribution: m.attribution,
        diff: m.alignment.diff,
        sources: quoteSources(corpus, m.quote),
      })),
    },
    200,
  )
})
