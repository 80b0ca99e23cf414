/**
 * @module
 * Attribution stage (b), its input: the features of one candidate mention for one quotation, as a
 * sparse map from feature name to value. Each feature is documented in docs/attribution.md; the
 * weights are learned from PolNeAR train (scripts/train-attribution.ts). Pure.
 */
import { foldName } from '../../src/text'
import type { Span } from './marks'
import { paragraphStart } from './marks'
import { type ArticleIndex, type Candidate, lowerBound } from './mentions'
import { surname } from './names'

export type Features = Record<string, number>

/** What the features need to know about the quotation and the decisions before it. */
export interface QuoteView {
  body: string
  span: Span
  spans: Span[]
  /** The article's mentions, speech verbs and sentences (mentions.ts). */
  article: ArticleIndex
  /** The quote opens its paragraph. */
  opensParagraph: boolean
  /** The quote continues the reporter's sentence ("said Roe was “dangerous”"). */
  woven: boolean
  /** The cue rules found a cue right against the quote. */
  adjacent: boolean
  /** The rules' answer: the speaker's name and the form of the cue (name, pronoun, nominal, inherited), or null. */
  rule: { name: string; cue: string; confidence: number; pronoun?: string } | null
  /** Where the previous quote's chosen mention stood, and the surname of its speaker. */
  previous: { mention: number | null; speaker: string | null; surname: string | null; sameParagraph: boolean } | null
}

/** What may stand between a name and its speech verb: a possessive, a party in brackets, an apposition, adverbs ("Sen. Jane Roe (D-Ohio) also said"). */
const UP_TO_VERB =
  /^[’']?s?\s*(?:\([^)]{1,30}\)\s*)?(?:,\s*[^,“”"]{1,90},\s*)?(?:(?:also|then|later|previously|once|again|has|had|have|\p{Ll}+ly)\s+)*$/u
/** Verbs whose object is the one spoken to, not the speaker: "told Acme Radio", "asked Roe". */
const OBJECT_VERB = /^(?:told|tells|telling|asked|asks|asking|urged)$/
/** The same for verbs that are not verbs of speech: "thanked Roe", "accused the Post". */
const OBJECT_LEAD = /\b(?:thanked|called|calling|criticized|attacked|accused|praised)\s+(?:the\s+)?$/
/** Any finite verb right after the name: "Roe praised", "Trump shot back", "Poe charged". */
const FINITE_AFTER =
  /^[’']?\s*(?:\([^)]{1,30}\)\s*)?(?:,\s*[^,“”"]{1,90},\s*)?(?:\p{Ll}+ly\s+)?(?:\p{Ll}+(?:ed|s)|shot|took|made|went|wrote|spoke|gave|put|told|said)\b/u
/**
 * Role words between two names: "Roe ally John Doe", "Poe spokesman Richard Roe", "Roe's campaign
 * manager, John Doe": the second name is the person, the first one's a modifier. Not "Roe said Doe", "Roe and Poe".
 */
const ROLE_BETWEEN = /^(?:[’']s?)?\s+(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+,?\s+$/u
const NOT_ROLE =
  /\b(?:and|or|but|nor|to|of|for|by|at|in|on|from|with|about|against|the|a|an|that|who|whom|which|as|than|is|was|were|are|be|been|has|had|have|will|would|could|should|did|does|do|not|also|then|when|while|after|before|said|says|told|tells|asked|added|called)\b/

/** A speech verb later in the candidate's clause (before a quote mark or line break, within 260 characters), past a long apposition ("Sen. Jane Roe (D-Ohio), a …, tweeted"). */
function verbLater(article: ArticleIndex, from: number): boolean {
  const verb = nextVerb(article, from)
  if (!verb || verb.start - from > 260) return false
  const stop = article.stops[lowerBound(article.stops, from)]
  return stop === undefined || stop > verb.start
}

const nextVerb = (article: ArticleIndex, from: number) => article.verbs[lowerBound(article.verbStarts, from)]

/** A speech verb right after the candidate, its apposition and adverbs aside ("Roe, a Democrat, said"). */
function verbAfter(body: string, article: ArticleIndex, from: number): boolean {
  const verb = nextVerb(article, from)
  return verb !== undefined && verb.start - from <= 160 && UP_TO_VERB.test(body.slice(from, verb.start))
}

/** The speech verb right before a candidate ("said Jane Roe", "said, apparently, the Rev."), or null. */
function verbBefore(body: string, article: ArticleIndex, at: number): string | null {
  const i = lowerBound(article.verbStarts, at) - 1
  const verb = article.verbs[i]
  if (!verb || at - verb.end > 24 || !/^\s*(?:the\s+)?(?:\p{Ll}+ly\s+)?$/u.test(body.slice(verb.end, at))) return null
  return body.slice(verb.start, verb.end)
}

const keys = new Map<string, string>()
/** A name's surname, folded ("Sen. Jane Roe's" → "roe"); memoised, names repeat. */
export function surnameKey(name: string): string {
  let k = keys.get(name)
  if (k === undefined) {
    if (keys.size > 50_000) keys.clear()
    k = foldName(surname(name.replace(/[’']s$/, '')))
    keys.set(name, k)
  }
  return k
}

/** Feature names by side of the quote, built once (they are looked up for every candidate). */
const SIDE = Object.fromEntries(
  (['before', 'after'] as const).map((side) => [
    side,
    {
      rank: [0, 1, 2, 3].map((r) => `rank:${side}:${r}`),
      sameSentence: `sameSentence:${side}`,
      samePara: `samePara:${side}`,
      verbAfter: `verbAfter:${side}`,
      verbLater: `verbLater:${side}`,
      objectOfVerb: `objectOfVerb:${side}`,
      verbBefore: `verbBefore:${side}`,
      finiteVerbAfter: `finiteVerbAfter:${side}`,
      firstInSentence: `firstInSentence:${side}`,
    },
  ]),
) as Record<
  'before' | 'after',
  Record<
    'sameSentence' | 'samePara' | 'verbAfter' | 'verbLater' | 'objectOfVerb' | 'verbBefore' | 'finiteVerbAfter' | 'firstInSentence',
    string
  > & { rank: string[] }
>

/**
 * The word right before a quote's opening mark, lowercased, or the punctuation there (":", ","): what
 * tells a fragment PolNeAR attributes ("argued that “…”") from a scare quote ("a so-called “deal”").
 */
function leadWord(body: string, open: number): string | null {
  const m = /(?:(\p{L}+)|([:,;—–-]))\s*$/u.exec(body.slice(Math.max(0, open - 30), open))
  if (!m) return null
  return m[1] ? m[1].toLowerCase() : (m[2] as string)
}

/** The first word after a name, past a possessive, a party in brackets and an apposition, lowercased; null for a capitalised word. */
function nextWord(rest: string): string | null {
  const m = /^[’']?s?\s*(?:\([^)]{1,30}\)\s*)?(?:,\s*[^,“”"]{1,90},\s*)?(\p{Ll}+)/u.exec(rest)
  return m ? (m[1] as string) : null
}

/** The features of every candidate of one quote, in the candidates' order. */
export function candidateFeatures(view: QuoteView, candidates: Candidate[]): Features[] {
  const { body, span } = view
  const open = span.open < 0 ? span.start : span.open
  const para = paragraphStart(body, open)
  const real = candidates.filter((c) => c.type === 'name' || c.type === 'org' || c.type === 'pronoun' || c.type === 'nominal')
  const before = real.filter((c) => c.start < open).reverse()
  const after = real.filter((c) => c.start > span.close)
  const nearestPronoun = view.rule?.pronoun
    ? before.find((c) => c.type === 'pronoun' && c.text.toLowerCase() === view.rule?.pronoun)
    : undefined
  const ruleKey = view.rule ? surnameKey(view.rule.name) : null
  const position = new Map(real.map((c, i) => [c, i]))
  const rankOf = new Map([...before.map((c, i) => [c, i] as const), ...after.map((c, i) => [c, i] as const)])
  const { sentences, quoteStarts } = view.article
  const sentenceOf = (at: number) => lowerBound(sentences, at + 1) - 1
  const quoteLead = view.opensParagraph ? null : leadWord(body, open)
  return candidates.map((c) => {
    const f: Features = { [`type:${c.type}`]: 1 }
    if (c.type === 'none') {
      if (quoteLead) f[`none&lead:${quoteLead}`] = 1
      if (!view.rule) f['none&noRule'] = 1
      if (view.woven) f['none&woven'] = 1
      if (view.opensParagraph) f['none&opensParagraph'] = 1
      return f
    }
    if (c.type === 'rule') {
      const rule = view.rule
      if (rule) {
        f[`rule:cue:${rule.cue}`] = 1
        f['rule:confidence'] = rule.confidence
      }
      if (view.adjacent) f['rule&adjacent'] = 1
      return f
    }
    const side = c.start < open ? 'before' : 'after'
    const names = SIDE[side]
    // The words strictly between the candidate and the quote (its marks excluded).
    const [gapStart, gapEnd] = side === 'before' ? [c.end, open] : [span.close + 1, c.start]
    const rank = rankOf.get(c) ?? 0
    const sameSentence = sentenceOf(gapStart) === sentenceOf(gapEnd)
    const samePara = c.start >= para
    f[side] = 1
    f[names.rank[Math.min(rank, 3)] as string] = 1
    f.distance = Math.log1p(Math.max(0, gapEnd - gapStart)) / 6
    f[sameSentence ? names.sameSentence : samePara ? names.samePara : 'prevPara'] = 1
    if (c.type === 'pronoun') {
      const p = c.text.toLowerCase()
      f[`pronoun:${p}`] = 1
      if (sameSentence) f['pronoun&sameSentence'] = 1
      if (!samePara) f['pronoun&prevPara'] = 1
    } else if (c.type === 'nominal') {
      if (/\s\p{Lu}/u.test(c.text)) f['nominal:proper'] = 1
      if (/^(?:a|an|one|another)\s/i.test(c.text)) f['nominal:indefinite'] = 1
      if (/spokes|aide|adviser|advisor|official|source/i.test(c.text)) f['nominal:spokes'] = 1
      if (real.some((o) => o !== c && o.type !== 'pronoun' && o.start >= c.start && o.start < c.end)) f['nominal:holdsName'] = 1
    } else if (c.person) {
      if (c.person.subject) f.subject = 1
      if (c.person.speaks) f.speaks = 1
      if (c.person.likely) f.likely = 1
      if (c.person.name.includes(' ')) f.fullName = 1
      if (c.person.gender) f.gendered = 1
    }
    const rest = body.slice(c.end, c.end + 160)
    const lead = body.slice(Math.max(0, c.start - 40), c.start)
    if (verbAfter(body, view.article, c.end)) f[names.verbAfter] = 1
    else if (verbLater(view.article, c.end)) f[names.verbLater] = 1
    const spoken = verbBefore(body, view.article, c.start)
    if ((spoken && OBJECT_VERB.test(spoken)) || OBJECT_LEAD.test(lead)) f[names.objectOfVerb] = 1
    else if (spoken) f[names.verbBefore] = 1
    if (FINITE_AFTER.test(rest)) f[names.finiteVerbAfter] = 1
    const at = position.get(c) ?? 0
    const prior = real[at - 1]
    const next = real[at + 1]
    if (!prior || prior.start < (sentences[sentenceOf(c.start)] ?? 0)) f[names.firstInSentence] = 1
    if ((!prior || prior.start < paragraphStart(body, c.start)) && !samePara) f.firstInPreviousParagraph = 1
    const roleBetween = (from: number, to: number) => {
      if (to - from > 60) return false
      const words = body.slice(from, to)
      return ROLE_BETWEEN.test(words) && !NOT_ROLE.test(words)
    }
    if (next && next.type !== 'pronoun' && roleBetween(c.end, next.start)) f.modifiesNext = 1
    if (prior && prior.type !== 'pronoun' && roleBetween(prior.end, c.start)) f.modifiedByPrevious = 1
    if (/according to\s*$/i.test(lead)) f.according = 1
    if (/^[’']s\b/.test(rest)) f.possessive = 1
    if (/\b(?:to|at|with|for|about|against|on|of|by|from|than)\s+(?:the\s+)?$/i.test(lead)) f.afterPreposition = 1
    // Another quotation starts between the candidate and this one.
    const lo = Math.min(c.end, span.close)
    const hi = Math.max(c.start, open)
    const starting = lowerBound(quoteStarts, hi) - lowerBound(quoteStarts, lo + 1)
    if (starting - (span.start > lo && span.start < hi ? 1 : 0) > 0) f.crossQuote = 1
    if (view.opensParagraph) f[`opensParagraph:${samePara ? 'same' : 'prev'}`] = 1
    if (view.woven && sameSentence && side === 'before') f['woven&sameSentence'] = 1
    // The word the candidate's clause goes on with ("pledged", "echoed", "calling"): verbs past the speech-verb list.
    const word = sameSentence ? nextWord(rest) : null
    if (word) f[`next:${side}:${word}`] = 1
    if (view.adjacent && sameSentence) f['adjacent&sameSentence'] = 1
    const prev = view.previous
    if (prev?.mention === c.start) {
      f[prev.sameParagraph ? 'previousMention:samePara' : 'previousMention'] = 1
      // The quote carries on the previous one's turn: no other name stands between the two quotes.
      const previousQuote = view.spans[view.spans.indexOf(span) - 1]
      const interrupted = previousQuote && real.some((o) => o.type !== 'pronoun' && o.start > previousQuote.close && o.start < open)
      if (previousQuote && !interrupted) f[prev.sameParagraph ? 'continues:samePara' : 'continues'] = 1
    }
    if (prev?.surname && c.type !== 'pronoun' && surnameKey(c.text) === prev.surname) f.previousSpeaker = 1
    if (c.type === 'pronoun' ? nearestPronoun === c : ruleKey !== null && surnameKey(c.person?.name ?? c.text) === ruleKey) f.ruleAgrees = 1
    return f
  })
}
