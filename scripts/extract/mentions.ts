/**
 * @module
 * Attribution stage (a): the candidate speaker mentions around one quotation. Every name the article
 * gives (people.ts), every personal pronoun, and two non-mentions the ranker may choose: the answer of
 * the cue rules (attribute.ts) and no one. Mentions inside any quotation are not candidates. Pure.
 */
import { SPEECH_VERBS } from './cues'
import type { Span } from './marks'
import type { Mention } from './people'

export type CandidateType = 'name' | 'org' | 'pronoun' | 'nominal' | 'rule' | 'none'

export interface Candidate {
  type: CandidateType
  /** Offsets of the words in the body (none for `rule` without a located cue, and `none`). */
  start: number
  end: number
  /** The words as written ("Charles B. Rangel", "she"). */
  text: string
  /** For a name: the person as people.ts reads it; its index in the article's mention list. */
  person?: Mention
}

const PRONOUN = /\b(?:he|she|they|it|we|i|He|She|They|It|We|I)\b/g
const OF_NAME = /^\s+of\s+(?:the\s+)?\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*/u
const DETERMINER = '(?:the|The|a|A|an|An|one|One|another|Another)'
/** A description right after a speech verb: "said the Leader of the Islamic Revolution", "said a spokeswoman for Acme". */
const NOMINAL_AFTER = new RegExp(
  `\\b(?:${SPEECH_VERBS})\\s+(${DETERMINER}\\s+[^,.;:“”"\\n]{1,80}?)(?=\\s*[,.;:“”"\\n]|\\s+(?:in|on|at|during|who|which|that|to|after|before|when|while)\\b)`,
  'gu',
)
/** A description as the subject of a speech verb: "the Texas senator said", "a Twitter spokesman added". */
const NOMINAL_BEFORE = new RegExp(
  `(?<![\\p{L}])(${DETERMINER}\\s+(?:[\\p{L}\\d’'-]+\\s+){0,5}?[\\p{L}\\d’'-]+)(?:,[^,“”"\\n]{1,80},)?\\s+(?:also\\s+|later\\s+)?(?:${SPEECH_VERBS})\\b`,
  'gu',
)

/** Where paragraph `at` starts. */
export function paragraphStart(body: string, at: number): number {
  return body.lastIndexOf('\n', at - 1) + 1
}

export function paragraphEnd(body: string, at: number): number {
  const i = body.indexOf('\n', at)
  return i < 0 ? body.length : i
}

/** The paragraph before the one starting at `start` (blank lines skipped), or `start` when there is none. */
export function previousParagraph(body: string, start: number): number {
  let end = start - 1
  while (end > 0 && /\s/.test(body[end - 1] as string)) end--
  return end <= 0 ? start : paragraphStart(body, end)
}

/** The end of the name as written from `at`: the name's words in order, titles before it not counted. */
function nameEnd(body: string, p: Mention): number {
  const words = p.name.split(/\s+/)
  let at = p.at
  for (const w of words) {
    const i = body.indexOf(w, at)
    if (i < 0 || i - at > 40) break
    at = i + w.length
  }
  return Math.max(at, p.at + 1)
}

/**
 * The candidates for the quote `span` among `spans` (all quotations of the article, for exclusion):
 * from the start of the previous paragraph to the end of the quote's paragraph.
 */
export function candidateMentions(body: string, span: Span, spans: Span[], people: Mention[]): Candidate[] {
  const open = span.open < 0 ? span.start : span.open
  const para = paragraphStart(body, open)
  const from = previousParagraph(body, para)
  const to = paragraphEnd(body, span.close + 1)
  const quoted = (at: number) => spans.some((s) => at >= (s.open < 0 ? s.start : s.open) && at <= s.close)
  const out: Candidate[] = []
  for (const p of people) {
    if (p.at < from || p.at >= to || quoted(p.at)) continue
    let end = nameEnd(body, p)
    // An organisation keeps its "of" part: "Royal College of Physicians", "Bank of England" (a person's does not: "Roe of Acme").
    const of = p.org ? OF_NAME.exec(body.slice(end, end + 80)) : null
    if (of) end += of[0].length
    const person = of ? { ...p, name: body.slice(p.at, end) } : p
    out.push({ type: p.org ? 'org' : 'name', start: p.at, end, text: body.slice(p.at, end), person })
  }
  PRONOUN.lastIndex = from
  const window = body.slice(0, to)
  for (let m = PRONOUN.exec(window); m; m = PRONOUN.exec(window)) {
    if (quoted(m.index)) continue
    // "I" and "We" at the start of a title-cased run are words of a name or a heading, not pronouns.
    if (/^[IW]/.test(m[0]) && /^\s+\p{Lu}\p{Ll}/u.test(body.slice(m.index + m[0].length, m.index + m[0].length + 3)) && m[0] !== 'I')
      continue
    out.push({ type: 'pronoun', start: m.index, end: m.index + m[0].length, text: m[0] })
  }
  const text = body.slice(from, to)
  for (const re of [NOMINAL_AFTER, NOMINAL_BEFORE]) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const phrase = m[1] as string
      const start = from + m.index + m[0].indexOf(phrase)
      if (quoted(start) || out.some((c) => c.type === 'nominal' && c.start === start)) continue
      out.push({ type: 'nominal', start, end: start + phrase.length, text: phrase })
    }
  }
  return out.sort((a, b) => a.start - b.start)
}
