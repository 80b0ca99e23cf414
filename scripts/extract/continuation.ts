/**
 * @module
 * The cue rules for a quotation without a cue of its own: the speaker of its paragraph, of the cue that
 * follows it, of a lead ending in a colon, or of the quote before when it opens the next paragraph; the
 * date of the turn it continues; and pull quotes repeated from an attributed quotation.
 */
import type { Occurrence } from '../../src/types'
import { type ArticleContext, attributeSpeaker, continueSpeaker } from './attribute'
import { CUE_VERB, type Found, wordsAfter } from './cue-reading'
import { sentenceSubject } from './cues'
import { sentenceStart } from './marks'
import { hasDate } from './when'

/** A speaker found without a cue of the quote's own, and the quote it was taken from (for its date). */
export interface Inherited {
  speaker: string | null
  confidence: number
  dateFrom?: number
}

/** Text compared for repetition: no outer spaces or closing punctuation. */
const bare = (text: string) => text.trim().replace(/[\s.,;:!?…]+$/u, '')

/**
 * A pull quote or a heading: words printed on their own (a display line with no cue) and quoted again,
 * attributed, in the article ("“Their immune system …”" then "“In some individuals …, their immune system …,” Roe
 * told …"). The display copy is the same speaker's.
 */
export function pullQuoteSpeakers(out: Occurrence[]): void {
  let attributed: { o: Occurrence; lower: string }[] | null = null
  for (const o of out) {
    if (o.speaker || o.text.length < 20) continue
    const words = bare(o.text).toLowerCase()
    if (words.length < 20) continue
    attributed ??= out.filter((p) => p.speaker && p.kind === 'quotation').map((p) => ({ o: p, lower: p.text.toLowerCase() }))
    const source = attributed.find((p) => p.lower.includes(words))?.o
    if (source?.speaker) {
      o.speaker = source.speaker
      o.confidence = Math.min(source.confidence, 0.6)
    }
  }
}

/**
 * Step 5: a quotation with no cue of its own. "“A,” she said. “B.”": B is hers. A quote whose cue comes
 * later in its paragraph ("“A.” … “B,” he said.") takes that cue. A paragraph that opens with a quote
 * right after a quoted paragraph continues that speaker.
 */
export function inherit(body: string, found: Found[], out: Occurrence[], i: number, ctx: ArticleContext, at: number): Inherited {
  const f = found[i] as Found
  const prev = out[i - 1]
  const prevFound = found[i - 1]
  if (prev?.speaker && prevFound && prevFound.paragraph === f.paragraph) {
    continueSpeaker(ctx, prev.speaker, at)
    return { speaker: prev.speaker, confidence: Math.min(prev.confidence, 0.8), dateFrom: i - 1 }
  }
  const next = found[i + 1]
  if (next?.cue && next.paragraph === f.paragraph && next.adjacent) return { ...attributeSpeaker(ctx, next.cue, at), dateFrom: i + 1 }
  // "He also described it as …:" then the quote in a paragraph of its own: the subject of that sentence.
  const lead = body.slice(0, f.paragraph).trimEnd()
  if (f.span.open === f.paragraph && lead.endsWith(':')) {
    const cue = sentenceSubject(body.slice(sentenceStart(body, lead.length), lead.length))
    if (cue) {
      const who = attributeSpeaker(ctx, cue, at)
      if (who.speaker) return who
    }
  }
  // "He said when the US … .\n\n“It is clear …”": a paragraph of reported speech introduces the quote after it.
  if (f.span.open === f.paragraph && f.paragraph > 0) {
    const prevStart = body.lastIndexOf('\n', Math.max(0, lead.length - 1)) + 1
    const reported = /^(\S+(?:\s+\S+){0,5}?)\s+(?:said|says|added|stressed|noted|explained|argued|insisted|warned)\b/u.exec(
      body.slice(prevStart, lead.length),
    )
    const cue = reported?.[1] && !/[“”"]/.test(body.slice(prevStart, lead.length)) ? sentenceSubject(reported[1]) : null
    if (cue) {
      const who = attributeSpeaker(ctx, cue, at)
      if (who.speaker) return { speaker: who.speaker, confidence: Math.min(who.confidence, 0.6) }
    }
  }
  if (prevFound && f.standalone && f.span.open >= 0 && isNextParagraph(body, found, i)) {
    // The speaker of the previous paragraph's last attributed quotation carries on.
    for (let j = i - 1; j >= 0 && (found[j] as Found).paragraph === prevFound.paragraph; j--) {
      const o = out[j]
      if (o?.speaker && o.kind === 'quotation') {
        continueSpeaker(ctx, o.speaker, at)
        return { speaker: o.speaker, confidence: Math.min(o.confidence, 0.6) }
      }
    }
  }
  return { speaker: null, confidence: 0 }
}

/** "X's assertion that the “A” was due to “B”": a phrase quoted in the same sentence as the one before it shares its speaker. */
export function sameSentence(body: string, found: Found[], out: Occurrence[], i: number): Inherited {
  const prev = out[i - 1]
  const prevFound = found[i - 1]
  const f = found[i] as Found
  if (!prev?.speaker || !prevFound || prevFound.paragraph !== f.paragraph) return { speaker: null, confidence: 0 }
  const between = body.slice(prevFound.span.close + 1, f.span.open)
  if (/[.!?]\s/.test(between) || between.length > 120) return { speaker: null, confidence: 0 }
  // "the “Harbor Nights” actor previously said on “Dance Night.”": a capitalised title after a determiner or preposition names a work, said by no one.
  if (
    /^\s*\p{Lu}[\p{L}\d’'-]*(?:\s+\p{Lu}[\p{L}\d’'-]*){0,5}[.,]?\s*$/u.test(f.text) &&
    /\b(?:the|a|an|on|in|of|from|like)\s+$/.test(between) &&
    (between.trim().length <= 3 || CUE_VERB.test(between))
  )
    return { speaker: null, confidence: 0 }
  return { speaker: prev.speaker, confidence: Math.min(prev.confidence, 0.6), dateFrom: i - 1 }
}

/**
 * The date of the quote whose speaker turn quote `i` shares (index `j`, the one before or the cued one
 * after it in the paragraph): "“A,” Roe said on Nov. 8. “B.”" dates B too, unless another date comes between.
 */
export function turnDate(body: string, found: Found[], out: Occurrence[], i: number, j: number): string | null {
  const [first, second] = j < i ? [found[j], found[i]] : [found[i], found[j]]
  if (!first || !second) return null
  // The first quote's own cue clause ("… Roe said on Nov. 8.") may hold the date; nothing after it may.
  const from = first.span.close + 1 + (j < i ? wordsAfter(body, first.span).length : 0)
  if (hasDate(body.slice(from, second.span.open < 0 ? second.span.start : second.span.open))) return null
  if (j < i) return out[j]?.date_source === 'text' ? (out[j]?.date ?? null) : null
  return second.when
}

/** The quote opens the paragraph right after the one holding the previous quote. */
function isNextParagraph(body: string, found: Found[], i: number): boolean {
  const f = found[i] as Found
  const prev = found[i - 1] as Found
  if (f.span.open !== f.paragraph || prev.paragraph >= f.paragraph) return false
  const between = body
    .slice(prev.span.close + 1, f.paragraph)
    .split('\n')
    .slice(1)
  return between.every((line) => line.trim() === '')
}
