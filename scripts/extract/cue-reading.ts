/**
 * @module
 * The cue rules, per span: the words before and after each quotation (cues.ts reads who they name),
 * whether the quote stands as its own sentence, continues the reporter's phrase, or is a heading.
 */

import { type Cue, cueAfter, cueBefore, cueEmbedded, cueSignature, SPEECH_VERBS, sentenceSubject } from './cues'
import { wordCount } from './kind'
import type { Span } from './marks'
import { paragraphEnd, paragraphStart, sentenceStart } from './marks'
import { attributionDate } from './when'

/**
 * A section heading made of a short quote on a line of its own, numbered or not ("3. “Not some irregular
 * channel”"): a display line, not a statement. Long unpunctuated lines are pull quotes, not headings.
 */
function sectionHeading(body: string, span: Span): boolean {
  if (span.open < 0) return false
  const lineStart = body.lastIndexOf('\n', span.open - 1) + 1
  if (!/^\s*(?:\d{1,2}[.)]\s*)?$/.test(body.slice(lineStart, span.open))) return false
  if (body.slice(span.close + 1, paragraphEnd(body, span.close)).trim() !== '') return false
  return wordCount(body.slice(span.start, span.end)) <= 8
}

/** A verb of speech: the words between two quotes are the first one's attribution clause. */
export const CUE_VERB = new RegExp(`\\b(?:${SPEECH_VERBS})\\b`)

/** A short quoted title between a determiner and a lower-case noun: "the “Harbor Nights” actor". */
const QUOTED_TITLE = /(?<=\b(?:the|a|an|his|her|its|their)\s+)[“"][^“”"\n]{1,30}[”"](?=\s+\p{Ll})/gu

/** The words after the closing mark, up to the end of the sentence or the next quote. */
export function wordsAfter(body: string, span: Span): string {
  const rest = body.slice(span.close + 1, span.close + 260)
  // "the “Harbor Nights” actor said": a title quoted inside the speaker's description does not end the words.
  const words = /\b(?:the|a|an|his|her|its|their)\s+[“"]/.test(rest) ? rest.replace(QUOTED_TITLE, (m) => 'x'.repeat(m.length)) : rest
  const stop = words.search(
    /[“"‘«]|(?<![A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|No|Jr|Sr|Jan|Feb|Aug|Sept?|Oct|Nov|Dec))\.(?:\s|$)|\n/,
  )
  return stop < 0 ? rest : rest.slice(0, stop)
}

/** The words before the opening mark, in its sentence; a quote that opens a paragraph looks at the one before it when that ends in ":" or ",". */
export function wordsBefore(body: string, span: Span, previousClose: number): string {
  if (span.open < 0) return ''
  const lineStart = body.lastIndexOf('\n', span.open - 1) + 1
  if (body.slice(lineStart, span.open).trim() === '') {
    const prev = body.slice(0, lineStart).trimEnd()
    if (!/[:,]$/.test(prev)) return ''
    return body.slice(Math.max(sentenceStart(body, prev.length), previousClose + 1), prev.length)
  }
  return body.slice(Math.max(sentenceStart(body, span.open), previousClose + 1), span.open)
}

/**
 * The quote continues a phrase of the reporter's sentence: after "as", a determiner or a preposition
 * ("introduced Doe as “someone who …”", "urged an “end to …”"), or after "and"/"or" unless it opens
 * a clause of its own with a subject pronoun ("and “we will not stop.”").
 */
function wovenAfter(before: string, text: string): boolean {
  const word = /\b(\p{L}+)\s*$/u.exec(before)?.[1]?.toLowerCase()
  if (!word) return false
  if (word === 'and' || word === 'or') return !/^(?:I|we|you|he|she|they|it|there|this|that)\b/i.test(text)
  return /^(?:as|a|an|the|his|her|its|their|our|my|your|of|for|to|with|about|into|by|from|like|than)$/.test(word)
}

export interface Found {
  span: Span
  text: string
  cue: Cue | null
  /** The date the cue's clause gives the words, if any. */
  when: string | null
  /** The cue sits right against the quote (after it, or introducing it). */
  adjacent: boolean
  standalone: boolean
  /** A speech verb right before the opening mark introduces the quote as its object. */
  introduced: boolean
  /** The quote continues the reporter's phrase ("as “…”", "and “…”", "an “…”"). */
  woven: boolean
  /** A quoted line standing as a heading: no closing punctuation, and the next words start a new sentence. */
  heading: boolean
  paragraph: number
  /** The name signing the quote: alone at the end of its paragraph ("…” Jane Roe (BBC Sport)). */
  signed: Cue | null
}

/** Step 3 for every span: the cue, and whether the quote stands as its own sentence. */
export function findCues(body: string, spans: Span[], published: string | null): Found[] {
  let previousClose = -1
  return spans.map((span) => {
    const before = wordsBefore(body, span, previousClose)
    const after = wordsAfter(body, span)
    // "“… Iran.” He added that …": a quote that ends its sentence takes no cue from the next one.
    const ended = /[.][’'"]?$/.test(body.slice(span.start, span.end)) && /^\s*\p{Lu}/u.test(after)
    // "he said, “…,” the office said": the words introducing the quote name its speaker.
    // So do "Judge Roe clarified: “… before?”" and other colon leads of a quote that is a whole sentence.
    const introduced =
      /\b(?:said|says|told \w+|added|asked|wrote)\s*[,:]\s*$/.test(before) ||
      (/:\s*$/.test(before) && /[.?!…][’'"”]?$/.test(body.slice(span.start, span.end)))
        ? cueBefore(before)
        : null
    // A quote that ends its sentence may still be signed: the speaker's name alone closes the paragraph.
    const signature = cueSignature(after)
    const following = introduced ? null : ended ? signature : cueAfter(after)
    const direct = introduced ?? following ?? cueBefore(before)
    // "Her verdict … was short: “…”", "Mercer had one word for it: “…”": the subject of the sentence the colon ends.
    // A turn label ("Roe: “Go and win it.”") is no such sentence: it takes four words at least.
    const colon = direct === null && /:\s*$/.test(before) && before.trim().split(/\s+/).length >= 4 ? sentenceSubject(before) : null
    const cue = direct ?? cueEmbedded(before) ?? (colon?.type === 'name' || colon?.type === 'pronoun' ? colon : null)
    // The attribution clause holding the cue may say when the words were said ("… said on Nov. 8").
    const when = cue ? (following ? attributionDate(after, 'after', published) : attributionDate(before, 'before', published)) : null
    const at = span.open < 0 ? span.start : span.open
    previousClose = span.close
    return {
      span,
      text: body.slice(span.start, span.end),
      cue,
      when,
      adjacent: direct !== null,
      standalone: before.trim() === '' || /[:,]\s*$/.test(before),
      woven: wovenAfter(before, body.slice(span.start, span.end)),
      introduced: /\b(?:said|says|saying|added|adding|adds|asked|asking|wrote|writing|told \p{L}+|telling \p{L}+)\s*$/u.test(before),
      heading:
        direct === null &&
        !/[.,;:!?…][’'"]?$/.test(body.slice(span.start, span.end)) &&
        ((before.trim() === '' && /^\s+\p{Lu}/u.test(after)) || sectionHeading(body, span)),
      paragraph: paragraphStart(body, at),
      signed: signature,
    }
  })
}
