/**
 * @module
 * GET /verify: the misquote checker as a page (src/search/verify.ts, as POST /api/verify). The form is a GET, so a
 * result is a URL to share: /verify?text=…&speaker=….
 */

import { Hono } from 'hono'
import type { AppEnv } from '../data'
import { ProblemError } from '../problem'
import { sourcesOf } from '../records'
import { backendOf } from '../search/backend'
import { words } from '../search/diff'
import { MAX_CLAIM_WORDS } from '../search/options'
import { verifyQuote } from '../search/verify'
import { VerifyPage } from '../views/verify'
import { renderHtml } from './html'
import { speakerRef } from './present'

export const verifyPage = new Hono<AppEnv>()

verifyPage.get('/verify', async (c) => {
  const text = (c.req.query('text') ?? '').trim()
  const speaker = (c.req.query('speaker') ?? '').trim()
  const errors: string[] = []
  if (text.length > 2000) errors.push('The quote must be at most 2000 characters.')
  else if (text !== '' && words(text).length === 0) errors.push('The quote has no words to check.')
  else if (words(text).length > MAX_CLAIM_WORDS) errors.push(`The quote must be at most ${MAX_CLAIM_WORDS} words.`)
  if (speaker.length > 128) errors.push('The speaker’s name must be at most 128 characters.')
  if (errors.length > 0 || text === '')
    return renderHtml(VerifyPage({ text, speaker, errors, result: null }), errors.length > 0 ? 400 : 200)
  const backend = backendOf(c)
  let result: Awaited<ReturnType<typeof verifyQuote>>
  try {
    result = await verifyQuote(backend, text, speaker || undefined)
  } catch (e) {
    // A name that may mean several speakers: say so on the page, as the API's 400 does.
    if (!(e instanceof ProblemError) || e.status >= 500) throw e
    return renderHtml(VerifyPage({ text, speaker, errors: [e.errors?.[0]?.message ?? e.detail], result: null }), 400)
  }
  const corpus = await backend.view(result.matches.map((m) => m.quote.id))
  const best = result.matches[0]
  const attributedTo = best
    ? [...new Set([best.quote.speaker, ...best.quote.occurrences.map((o) => o.speaker)])].flatMap((id) => speakerRef(corpus, id) ?? [])
    : []
  return renderHtml(
    VerifyPage({
      text,
      speaker,
      errors,
      result: {
        verdict: result.verdict,
        misattributed: result.misattributed,
        attributedTo,
        matches: result.matches.map((m) => ({
          id: m.quote.id,
          text: m.quote.text,
          speaker: speakerRef(corpus, m.quote.speaker),
          verdict: m.verdict,
          similarity: m.alignment.similarity,
          excerpt: m.alignment.excerpt,
          attribution: m.attribution,
          diff: m.alignment.diff,
          sources: sourcesOf(m.quote).map((id) => ({ id, title: corpus.sources.get(id)?.title ?? id })),
        })),
      },
    }),
  )
})
