/**
 * @module
 * Attribution stage (b), its input: the features of one candidate mention for one quotation, as a
 * sparse map from feature name to value. Each feature is documented in docs/attribution.md; the
 * weights are learned from PolNeAR train (scripts/train-attribution.ts). Pure.
 */
import { foldName } from '../../src/text'
import { SPEECH_VERBS } from './cues'
import type { Span } from './marks'
import { type Candidate, paragraphStart } from './mentions'
import { surname } from './names'

export type Features = Record<string, number>

/** What the features need to know about the quotation and the decisions before it. */
export interface QuoteView {
  body: string
  span: Span
  spans: Span[]
  /** The quote opens its paragraph. */
  opensParagraph: boolean
  /** The quote continues the reporter's sentence ("said Clinton was “dangerous”"). */
  woven: boolean
  /** The cue rules found a cue right against the quote. */
  adjacent: boolean
  /** The rules' answer: the speaker's name and the form of the cue (name, pronoun, nominal, inherited), or null. */
  rule: { name: string; cue: string; confidence: number; pronoun?: string } | null
  /** Where the previous quote's chosen mention stood, and the surname of its speaker. */
  previous: { mention: number | null; speaker: string | null; surname: string | null; sameParagraph: boolean } | null
}

const VERB_AFTER = new RegExp(
  `^[’']?s?\\s*(?:\\([^)]{1,30}\\)\\s*)?(?:,\\s*[^,“”"]{1,90},\\s*)?(?:(?:also|then|later|previously|once|again|has|had|have|\\p{Ll}+ly)\\s+)*(?:${SPEECH_VERBS})\\b`,
  'u',
)
const VERB_BEFORE = new RegExp(`\\b(?:${SPEECH_VERBS})\\s*(?:\\p{Ll}+ly\\s+)?$`, 'u')
/** Verbs whose object is the one spoken to, not the speaker: "told Vatican Radio", "asked Roe". */
const OBJECT_VERB =
  /\b(?:told|tells|telling|asked|asks|asking|thanked|urged|called|calling|criticized|attacked|accused|praised)\s+(?:the\s+)?$/
/** A speech verb later in the candidate's clause, past a long apposition ("Sen. Ted Cruz (R-Tex.), a …, tweeted"). */
const VERB_LATER = new RegExp(`^[^“”"\\n]{0,260}?\\b(?:${SPEECH_VERBS})\\b`, 'u')
/** Any finite verb right after the name: "Valastro praised", "Trump shot back", "Bolton charged". */
const FINITE_AFTER =
  /^[’']?\s*(?:\([^)]{1,30}\)\s*)?(?:,\s*[^,“”"]{1,90},\s*)?(?:\p{Ll}+ly\s+)?(?:\p{Ll}+(?:ed|s)|shot|took|made|went|wrote|spoke|gave|put|told|said)\b/u
/** Lower-case role words between two names: "Clinton ally James Carville", "Rubio spokesman Alex Conant". */
const ROLE_BETWEEN = /^[’']?s?\s+(?:[\p{Ll}-]+\s+){1,4}$/u

/** Where the sentence holding `at` starts (paragraph start at the latest). */
function sentenceFrom(body: string, at: number): number {
  const para = paragraphStart(body, at)
  const head = body.slice(para, at)
  let start = 0
  for (const m of head.matchAll(/[.!?]["”’]?\s+(?=["“‘]?\p{Lu})/gu)) start = (m.index ?? 0) + m[0].length
  return para + start
}
const SENTENCE_BREAK = /[.!?]["”’]?\s+(?=["“‘]?\p{Lu})|\n/u

const key = (name: string) => foldName(surname(name.replace(/[’']s$/, '')))

/** Text strictly between a candidate and the quote (its marks excluded). */
function between(view: QuoteView, c: Candidate): string {
  const open = view.span.open < 0 ? view.span.start : view.span.open
  return c.start < open ? view.body.slice(c.end, open) : view.body.slice(view.span.close + 1, c.start)
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
  const ruleKey = view.rule ? key(view.rule.name) : null
  return candidates.map((c) => {
    const f: Features = { [`type:${c.type}`]: 1 }
    if (c.type === 'none') {
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
    const gap = between(view, c)
    const rank = (side === 'before' ? before : after).indexOf(c)
    const sameSentence = !SENTENCE_BREAK.test(gap)
    const samePara = c.start >= para
    f[side] = 1
    f[`rank:${side}:${Math.min(rank, 3)}`] = 1
    f.distance = Math.log1p(gap.length) / 6
    f[sameSentence ? `sameSentence:${side}` : samePara ? `samePara:${side}` : 'prevPara'] = 1
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
    if (VERB_AFTER.test(rest)) f[`verbAfter:${side}`] = 1
    else if (VERB_LATER.test(rest)) f[`verbLater:${side}`] = 1
    if (OBJECT_VERB.test(lead)) f[`objectOfVerb:${side}`] = 1
    else if (VERB_BEFORE.test(lead)) f[`verbBefore:${side}`] = 1
    if (FINITE_AFTER.test(rest)) f[`finiteVerbAfter:${side}`] = 1
    const position = real.indexOf(c)
    const prior = real[position - 1]
    const next = real[position + 1]
    if (!prior || prior.start < sentenceFrom(body, c.start)) f[`firstInSentence:${side}`] = 1
    if ((!prior || prior.start < paragraphStart(body, c.start)) && !samePara) f.firstInPreviousParagraph = 1
    if (next && next.type !== 'pronoun' && ROLE_BETWEEN.test(body.slice(c.end, next.start))) f.modifiesNext = 1
    if (prior && prior.type !== 'pronoun' && ROLE_BETWEEN.test(body.slice(prior.end, c.start))) f.modifiedByPrevious = 1
    if (/according to\s*$/i.test(lead)) f.according = 1
    if (/^[’']s\b/.test(rest)) f.possessive = 1
    if (/\b(?:to|at|with|for|about|against|on|of|by|from|than)\s+(?:the\s+)?$/i.test(lead)) f.afterPreposition = 1
    const crossing = view.spans.some((s) => s !== span && s.start > Math.min(c.end, span.close) && s.start < Math.max(c.start, open))
    if (crossing) f.crossQuote = 1
    if (view.opensParagraph) f[`opensParagraph:${samePara ? 'same' : 'prev'}`] = 1
    if (view.woven && sameSentence && side === 'before') f['woven&sameSentence'] = 1
    if (view.adjacent && sameSentence) f['adjacent&sameSentence'] = 1
    const prev = view.previous
    if (prev?.mention === c.start) {
      f[prev.sameParagraph ? 'previousMention:samePara' : 'previousMention'] = 1
      // The quote carries on the previous one's turn: no other name stands between the two quotes.
      const previousQuote = view.spans[view.spans.indexOf(span) - 1]
      const interrupted = previousQuote && real.some((o) => o.type !== 'pronoun' && o.start > previousQuote.close && o.start < open)
      if (previousQuote && !interrupted) f[prev.sameParagraph ? 'continues:samePara' : 'continues'] = 1
    }
    if (prev?.surname && c.type !== 'pronoun' && key(c.text) === prev.surname) f.previousSpeaker = 1
    if (c.type === 'pronoun' ? nearestPronoun === c : ruleKey !== null && key(c.person?.name ?? c.text) === ruleKey) f.ruleAgrees = 1
    return f
  })
}
