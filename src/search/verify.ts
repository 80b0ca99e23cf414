/**
 * @module
 * The misquote checker behind POST /api/verify: finds the printed quotations closest to a claimed
 * quote, aligns the claim word by word against each, and says whether it is verbatim, close (small
 * wording changes), a paraphrase, or not found, and whether the words belong to another speaker.
 *
 * Words are compared folded (case, diacritics, apostrophes; punctuation ignored). A claim that is a
 * part of a longer printed quote is still verbatim: printed words before and after it are context.
 */

import type { Quote } from '../types'
import type { SearchBackend } from './contract'
import { type Alignment, align, isContent, type Verdict, verdictOf, words } from './diff'
import { MAX_CLAIM_WORDS, MAX_MATCHES } from './options'
import { lookUpSpeakers } from './speakers'

export { CLOSE, PARAPHRASE, type Verdict } from './diff'

/** Index words used to find candidates, longest first: all of the first AND_WORDS, else any of MAX_QUERY_WORDS. */
const AND_WORDS = 4
const MAX_QUERY_WORDS = 10
/** Candidates aligned per claim. */
const CANDIDATES = 20

const RANK: Record<Verdict, number> = { verbatim: 3, close: 2, paraphrase: 1, not_found: 0 }

/** Whether the claimed speaker printed these words: `same`, `other` (misattribution), `unknown` (no speaker printed), null (none claimed). */
export type Attribution = 'same' | 'other' | 'unknown' | null

export interface Match {
  quote: Quote
  alignment: Alignment
  verdict: Verdict
  attribution: Attribution
}

export interface Verification {
  verdict: Verdict
  /** The claimed speaker did not say these words: the best verbatim or close match is printed as another speaker's. */
  misattributed: boolean
  /** Speaker ids the claimed name was read as. */
  speakers: string[]
  matches: Match[]
}

/** The speakers a quote is printed with: its speaker and each printing's. */
function speakersOf(quote: Quote): Set<string> {
  const ids = new Set<string>()
  if (quote.speaker) ids.add(quote.speaker)
  for (const o of quote.occurrences) if (o.speaker) ids.add(o.speaker)
  return ids
}

/** Verifies a claim against the quotes a backend finds for its words (candidates) and the speakers it knows (names). */
export async function verifyQuote(
  backend: Pick<SearchBackend, 'candidates' | 'names'>,
  text: string,
  speaker?: string,
): Promise<Verification> {
  const claimed = words(text).slice(0, MAX_CLAIM_WORDS)
  const claimedSpeakers = speaker ? await lookUpSpeakers(backend, speaker) : new Set<string>()
  const unique = [...new Set(claimed.map((w) => w.norm))]
  const content = unique.filter(isContent)
  // Searched as printed in the claim ("enemy’s"): each backend folds words as its own index does.
  const printed = new Map(claimed.map((w) => [w.norm, w.raw]))
  const terms = (content.length > 0 ? content : unique)
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_QUERY_WORDS)
    .map((norm) => printed.get(norm) ?? norm)
  const attribution = (quote: Quote): Attribution => {
    if (!speaker) return null
    const ids = speakersOf(quote)
    if (ids.size === 0) return 'unknown'
    return [...ids].some((id) => claimedSpeakers.has(id)) ? 'same' : 'other'
  }
  const matches: (Match & { order: number })[] = []
  const seen = new Set<string>()
  const consider = (found: Quote[]) => {
    for (const quote of found) {
      if (seen.has(quote.id)) continue
      seen.add(quote.id)
      const alignment = align(claimed, words(quote.text))
      const verdict = verdictOf(claimed, alignment)
      if (verdict !== 'not_found') matches.push({ quote, alignment, verdict, attribution: attribution(quote), order: seen.size })
    }
  }
  // First the longest (usually rarest) words, exactly and all together: cheap on a large index, and
  // enough for verbatim and most close claims. Only when that finds no verbatim or close match, any of
  // the words, typos allowed (paraphrases, a changed long word).
  if (terms.length > 0) consider(await backend.candidates(terms.slice(0, AND_WORDS), 'all', CANDIDATES))
  if (terms.length > 0 && !matches.some((m) => m.verdict === 'verbatim' || m.verdict === 'close'))
    consider(await backend.candidates(terms, 'any', CANDIDATES))
  matches.sort(
    (a, b) =>
      RANK[b.verdict] - RANK[a.verdict] ||
      b.alignment.similarity - a.alignment.similarity ||
      Number(b.attribution === 'same') - Number(a.attribution === 'same') ||
      a.order - b.order,
  )
  const best = matches[0]
  const strong = matches.filter((m) => m.verdict === 'verbatim' || m.verdict === 'close')
  const misattributed =
    best !== undefined && strong.includes(best) && best.attribution === 'other' && !strong.some((m) => m.attribution === 'same')
  return {
    verdict: best?.verdict ?? 'not_found',
    misattributed,
    speakers: [...claimedSpeakers],
    matches: matches.slice(0, MAX_MATCHES).map(({ order: _, ...m }) => m),
  }
}
