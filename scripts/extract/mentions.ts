/**
 * @module
 * Attribution stage (a): the candidate speaker mentions around one quotation. Every name the article
 * gives (people.ts), every personal pronoun, and two non-mentions the ranker may choose: the answer of
 * the cue rules (attribute.ts) and no one. Mentions inside any quotation are not candidates. Pure.
 */
import { SPEECH_VERBS } from './cues'
import { paragraphEnd, paragraphStart, type Span } from './marks'
import type { Mention } from './people'

export type CandidateType = 'name' | 'org' | 'pronoun' | 'nominal' | 'rule' | 'none'

export interface Candidate {
  type: CandidateType
  /** Offsets of the words in the body (none for `rule` without a located cue, and `none`). */
  start: number
  end: number
  /** The words as written ("John Q. Doe", "she"). */
  text: string
  /** For a name: the person as people.ts reads it; its index in the article's mention list. */
  person?: Mention
}

const PRONOUN = /\b(?:he|she|they|it|we|i|He|She|They|It|We|I)\b/g
const OF_NAME = /^\s+of\s+(?:the\s+)?\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*/u
const DETERMINER = '(?:the|The|a|A|an|An|one|One|another|Another)'
/** A description right after a speech verb: "said the Leader of the Opposition", "said a spokeswoman for Acme". */
const NOMINAL_AFTER = new RegExp(
  `\\s+(${DETERMINER}\\s+[^,.;:“”"\\n]{1,80}?)(?=\\s*[,.;:“”"\\n]|\\s+(?:in|on|at|during|who|which|that|to|after|before|when|while)\\b)`,
  'uy',
)
/** A description as the subject of a speech verb: "the Texas senator said", "a Twitter spokesman added". */
const NOMINAL_BEFORE = new RegExp(
  `(${DETERMINER}\\s+(?:[\\p{L}\\d’'-]+\\s+){0,5}?[\\p{L}\\d’'-]+)(?:,[^,“”"\\n]{1,80},)?\\s+(?:also\\s+|later\\s+)?(?:${SPEECH_VERBS})\\b`,
  'uy',
)
/** Where a description may start: a determiner opening a word. */
const DETERMINER_AT = new RegExp(`(?<![\\p{L}])${DETERMINER}\\s`, 'gu')

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

/** Where the speech verbs, clause stops and sentence starts of an article are: computed once, searched per quote. */
export interface ArticleIndex {
  /** Every candidate mention of the article outside quotations (names, pronouns, descriptions), by position. */
  mentions: Candidate[]
  /** Where each of them starts. */
  starts: number[]
  /** Speech verbs, by position, and where each starts. */
  verbs: { start: number; end: number }[]
  verbStarts: number[]
  /** Quote marks and line breaks: where the clause after a name stops. */
  stops: number[]
  /** Where each sentence starts (a line break starts one too). */
  sentences: number[]
  /** Where each quotation's text starts. */
  quoteStarts: number[]
}

/** How many mentions before and after a quote are its candidates. */
const NEAREST_BEFORE = 6
const NEAREST_AFTER = 4

const VERB = new RegExp(`\\b(?:${SPEECH_VERBS})\\b`, 'g')
/** A sentence's end: not the dot of "Mr.", "Sen.", "U.S." or an initial (as marks.ts sentenceStart reads it). */
const SENTENCE_END =
  /(?<!\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Jr|Sr|Sen|Rep|Gov|Rev|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|No|Inc|Co|vs|U\.S|U\.K|U\.N))[.!?]["”’]?\s+(?=["“‘]?\p{Lu})|\n+/gu

/** The first index of a sorted array whose value is at least `x`. */
export function lowerBound(values: readonly number[], x: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((values[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The article-wide index: every candidate mention (stage a) and the positions the features search. */
export function indexArticle(body: string, spans: Span[], people: Mention[]): ArticleIndex {
  const opens = spans.map((s) => (s.open < 0 ? s.start : s.open))
  const quoted = (at: number) => {
    const i = lowerBound(opens, at + 1) - 1
    return i >= 0 && at <= (spans[i] as Span).close
  }
  const out: Candidate[] = []
  for (const p of people) {
    if (quoted(p.at)) continue
    let end = nameEnd(body, p)
    // An organisation keeps its "of" part: "Acme College of Physicians", "Bank of England" (a person's does not: "Roe of Acme").
    const of = p.org ? OF_NAME.exec(body.slice(end, end + 80)) : null
    if (of) end += of[0].length
    const person = of ? { ...p, name: body.slice(p.at, end) } : p
    out.push({ type: p.org ? 'org' : 'name', start: p.at, end, text: body.slice(p.at, end), person })
  }
  const named = new Set(people.map((p) => p.at))
  PRONOUN.lastIndex = 0
  for (let m = PRONOUN.exec(body); m; m = PRONOUN.exec(body)) {
    // "He Ming", "Mr. He": a family name the article gives as a name is not a pronoun.
    if (quoted(m.index) || named.has(m.index)) continue
    // "We" at the start of a title-cased run is a word of a name or a heading, not a pronoun.
    if (m[0] === 'We' && /^\s+\p{Lu}\p{Ll}/u.test(body.slice(m.index + 2, m.index + 5))) continue
    out.push({ type: 'pronoun', start: m.index, end: m.index + m[0].length, text: m[0] })
  }
  const verbs: { start: number; end: number }[] = []
  VERB.lastIndex = 0
  for (let m = VERB.exec(body); m; m = VERB.exec(body)) verbs.push({ start: m.index, end: m.index + m[0].length })
  // Descriptions, tried only where they can start (sticky patterns): after a speech verb, and at a determiner.
  const nominal = new Set<number>()
  const addNominal = (re: RegExp, at: number) => {
    re.lastIndex = at
    const m = re.exec(body)
    if (!m) return
    const phrase = m[1] as string
    const start = m.index + m[0].indexOf(phrase)
    if (quoted(start) || nominal.has(start)) return
    nominal.add(start)
    out.push({ type: 'nominal', start, end: start + phrase.length, text: phrase })
  }
  for (const v of verbs) addNominal(NOMINAL_AFTER, v.end)
  DETERMINER_AT.lastIndex = 0
  const verbStarts = verbs.map((v) => v.start)
  for (let m = DETERMINER_AT.exec(body); m; m = DETERMINER_AT.exec(body)) {
    // Only where a speech verb follows closely enough for the pattern to reach it (six words and an apposition).
    const next = verbStarts[lowerBound(verbStarts, m.index)]
    if (next !== undefined && next - m.index < 200) addNominal(NOMINAL_BEFORE, m.index)
  }
  const stops: number[] = []
  for (const m of body.matchAll(/[“”"\n]/g)) stops.push(m.index)
  const sentences = [0]
  SENTENCE_END.lastIndex = 0
  for (let m = SENTENCE_END.exec(body); m; m = SENTENCE_END.exec(body)) sentences.push(m.index + m[0].length)
  const mentions = out.sort((a, b) => a.start - b.start)
  return {
    mentions,
    starts: mentions.map((c) => c.start),
    verbs,
    verbStarts,
    stops,
    sentences,
    quoteStarts: spans.map((s) => s.start).sort((a, b) => a - b),
  }
}

/** The candidates for the quote `span`: the article's mentions from the start of the previous paragraph to the end of the quote's paragraph. */
export function candidateMentions(body: string, span: Span, article: ArticleIndex): Candidate[] {
  const open = span.open < 0 ? span.start : span.open
  const from = previousParagraph(body, paragraphStart(body, open))
  const to = paragraphEnd(body, span.close + 1)
  // The nearest few on each side: a speaker further away than eight mentions is the previous quote's, carried on.
  const first = Math.max(lowerBound(article.starts, from), lowerBound(article.starts, open) - NEAREST_BEFORE)
  const last = Math.min(lowerBound(article.starts, to), lowerBound(article.starts, span.close) + NEAREST_AFTER)
  return article.mentions.slice(first, last)
}
