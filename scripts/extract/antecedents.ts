/**
 * @module
 * Attribution stage (c) for a pronoun: who "he", "she", "they" or "it" is. The candidates are the
 * people (and, for "they" and "it", organisations) the article names in the 2,500 characters before
 * the pronoun, one per surname, plus "no one"; their features (recency, salience, grammatical role,
 * gender agreement, having spoken) are scored by a second conditional logit trained on PolNeAR's
 * coreference-resolved attributions (ranker.ts, npm run train:attribution). Pure.
 */
import { foldName } from '../../src/text'
import type { Features } from './features'
import { givenName } from './first-names'
import type { Span } from './marks'
import { paragraphStart, previousParagraph } from './mentions'
import { surname } from './names'
import type { Gender, Mention } from './people'

/** One person (or organisation) the pronoun may refer to: every mention of the same surname before it. */
export interface Entity {
  key: string
  /** The fullest name the mentions give ("Charles B. Rangel" over "Rangel"). */
  name: string
  mentions: Mention[]
  org: boolean
}

const WINDOW = 2500

export const entityKey = (name: string) => foldName(surname(name.replace(/[’']s$/, '')))

const PREPOSITION = /\b(?:to|at|with|for|about|against|on|of|by|from|than|like|and)\s+(?:the\s+)?$/i

function genderOf(e: Entity): Gender {
  const marked = e.mentions.find((m) => m.gender)?.gender
  if (marked) return marked
  const first = e.name.split(/\s+/)[0] ?? ''
  return e.name.includes(' ') ? givenName(first).gender : null
}

/** The entities named before `at` (within the window, outside quotations), most recent first. */
export function antecedentEntities(body: string, at: number, people: Mention[], spans: Span[], pronoun: string): Entity[] {
  const personal = pronoun === 'he' || pronoun === 'she'
  const byKey = new Map<string, Entity>()
  for (const p of people) {
    if (p.at >= at) break
    if (at - p.at > WINDOW || p.quoted || (personal && p.org)) continue
    if (spans.some((s) => p.at >= s.start && p.at < s.end)) continue
    const key = entityKey(p.name)
    if (!key) continue
    const e = byKey.get(key) ?? { key, name: p.name, mentions: [], org: !!p.org }
    e.mentions.push(p)
    if (p.name.split(' ').length > e.name.split(' ').length) e.name = p.name
    byKey.set(key, e)
  }
  return [...byKey.values()].sort((a, b) => last(b).at - last(a).at)
}

const last = (e: Entity) => e.mentions[e.mentions.length - 1] as Mention

/** What the antecedent features need besides the entities. */
export interface PronounView {
  body: string
  /** Where the pronoun stands. */
  at: number
  pronoun: string
  /** Speakers of the article's earlier quotes, by surname key, with where each quote stood. */
  spoken: { key: string; at: number }[]
  /** The surname key of the cue rules' answer for this pronoun, when the rules resolved the same one. */
  rule: string | null
}

/** The features of each entity, and of "no one" last. */
export function antecedentFeatures(view: PronounView, entities: Entity[]): Features[] {
  const { body, at, pronoun } = view
  const want: Gender = pronoun === 'he' ? 'm' : pronoun === 'she' ? 'f' : null
  const para = paragraphStart(body, at)
  const prevPara = previousParagraph(body, para)
  const sentence = Math.max(para, body.lastIndexOf('. ', at) + 2)
  const lastSpeaker = view.spoken[view.spoken.length - 1]?.key
  const rows = entities.map((e, rank) => {
    const m = last(e)
    const f: Features = { [`ante:${pronoun}`]: 1 }
    f[`ante:rank:${Math.min(rank, 4)}`] = 1
    f['ante:distance'] = Math.log1p(at - m.at) / 8
    f['ante:mentions'] = Math.min(e.mentions.length, 6) / 6
    f[m.at >= sentence ? 'ante:sameSentence' : m.at >= para ? 'ante:samePara' : m.at >= prevPara ? 'ante:prevPara' : 'ante:further'] = 1
    if (m.subject) f['ante:subject'] = 1
    if (e.mentions.some((x) => x.subject)) f['ante:everSubject'] = 1
    if (e.mentions.some((x) => x.speaks)) f['ante:speaks'] = 1
    if (e.name.includes(' ')) f['ante:fullName'] = 1
    if (e.org) f[`ante:org:${pronoun}`] = 1
    const g = genderOf(e)
    if (want && g) f[g === want ? 'ante:genderMatch' : 'ante:genderClash'] = 1
    else if (want) f['ante:genderUnknown'] = 1
    if (PREPOSITION.test(body.slice(Math.max(0, m.at - 20), m.at))) f['ante:afterPreposition'] = 1
    if (/^[’']s\b/.test(body.slice(m.at + m.name.length, m.at + m.name.length + 3))) f['ante:possessive'] = 1
    if (lastSpeaker === e.key) f['ante:lastSpeaker'] = 1
    else if (view.spoken.some((s) => s.key === e.key && at - s.at < WINDOW)) f['ante:spoke'] = 1
    if (view.rule === e.key) f['ante:ruleAgrees'] = 1
    return f
  })
  rows.push({ 'ante:none': 1, [`ante:none:${pronoun}`]: 1, ...(entities.length === 0 ? { 'ante:none:empty': 1 } : {}) })
  return rows
}
