/**
 * @module
 * The same quotation printed by several sources becomes one quote with several occurrences;
 * a shorter form inside a longer one, and a differently worded translation, are linked as variants.
 */
import { fnv1a64 } from '../../src/hash'
import { STOP_WORDS } from '../../src/search/diff'
import { stemOf } from '../../src/search/stems'
import { foldText } from '../../src/text'
import type { Occurrence, Quote, Variant } from '../../src/types'

/** Case, punctuation, quote marks and white space folded: the key two printings share. */
export function normalizeQuote(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Stable id from the normalised text (FNV-1a 64-bit, first 12 hex digits): adding other articles never changes it. */
export function quoteId(normalized: string): string {
  return fnv1a64(normalized).slice(0, 12)
}

/** Content words by Porter stem (the stemmer the search uses): "response"/"responses", "attack"/"attacked" meet. */
function stems(text: string): Set<string> {
  return new Set(
    normalizeQuote(text)
      .split(' ')
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w))
      .map((w) => stemOf(w) ?? w),
  )
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const w of a) if (b.has(w)) shared++
  const union = a.size + b.size - shared
  return union === 0 ? 0 : shared / union
}

const SENTENCE = /(?<=[.!?])\s+(?=[\p{Lu}“"‘])/u

/**
 * How alike two statements are, 0–1: the Jaccard similarity of their content stems, taken over the
 * best-matching run of sentences of the longer one (a translation of one sentence inside a longer
 * quotation still scores high).
 */
export function similarity(a: string, b: string): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  const target = stems(short)
  const parts = long.split(SENTENCE)
  const span = short.split(SENTENCE).length + 1
  let best = 0
  for (let i = 0; i < parts.length; i++)
    for (let k = 1; k <= span && i + k <= parts.length; k++) best = Math.max(best, jaccard(target, stems(parts.slice(i, i + k).join(' '))))
  return best
}

/** Two quotations of the same speaker in different sources this alike are one statement translated twice. */
const TRANSLATION_MIN = 0.2
/** Without the same speaker, the wording alone must be much closer. */
const TRANSLATION_MIN_UNATTRIBUTED = 0.5
/** Speakers with more quotations than this are not compared pairwise (bulk Quotebank imports). */
const PAIRWISE_MAX = 300

function majority<T>(values: T[]): T | null {
  const counts = new Map<T, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  let best: T | null = null
  let n = 0
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c]
  return best
}

/** Groups occurrences into quotes and links variants. Deterministic for any input order. */
export function mergeQuotes(occurrences: Occurrence[]): Quote[] {
  const groups = new Map<string, Occurrence[]>()
  for (const o of occurrences) {
    const key = normalizeQuote(o.text)
    if (!key) continue
    groups.set(key, [...(groups.get(key) ?? []), o])
  }
  const quotes: (Quote & { key: string })[] = []
  for (const [key, occ] of groups) {
    occ.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.start - b.start))
    const longest = occ.reduce((a, b) => (b.text.length > a.text.length ? b : a))
    const speaker = majority(
      occ
        .filter((o) => o.speaker)
        .sort((a, b) => b.confidence - a.confidence)
        .map((o) => o.speaker as string),
    )
    const dated = occ
      .filter((o) => o.date)
      .sort((a, b) =>
        a.date_source === b.date_source ? (a.date as string).localeCompare(b.date as string) : a.date_source === 'text' ? -1 : 1,
      )
    quotes.push({
      key,
      id: quoteId(key),
      // The comma that handed over to “she said” is the reporter's, not part of the words on display.
      text: longest.text.replace(/\s*,$/, ''),
      kind: occ.some((o) => o.kind === 'quotation') ? 'quotation' : 'fragment',
      speaker,
      date: dated[0]?.date ?? null,
      date_source: dated[0]?.date_source ?? 'unknown',
      occurrences: occ,
      variants: [],
    })
  }
  quotes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  linkVariants(quotes)
  return quotes.map(({ key: _key, ...q }) => q)
}

/**
 * Candidate pairs: quotes sharing a word trigram (shorter forms, close wordings), and quotations of the
 * same speaker (translations share meaning, not trigrams). Very common trigrams are skipped so this stays near linear.
 */
function linkVariants(quotes: (Quote & { key: string })[]): void {
  const postings = new Map<string, number[]>()
  const bySpeaker = new Map<string, number[]>()
  quotes.forEach((q, i) => {
    const w = q.key.split(' ')
    const grams = new Set<string>()
    for (let j = 0; j + 3 <= w.length; j++) grams.add(w.slice(j, j + 3).join(' '))
    if (w.length < 3) grams.add(q.key)
    for (const g of grams) postings.set(g, [...(postings.get(g) ?? []), i])
    if (q.speaker && q.kind === 'quotation') bySpeaker.set(q.speaker, [...(bySpeaker.get(q.speaker) ?? []), i])
  })
  const seen = new Set<string>()
  const visit = (list: number[]) => {
    for (const i of list)
      for (const j of list) {
        if (i >= j || seen.has(`${i}:${j}`)) continue
        seen.add(`${i}:${j}`)
        link(quotes[i] as Quote & { key: string }, quotes[j] as Quote & { key: string })
      }
  }
  for (const list of postings.values()) if (list.length >= 2 && list.length <= 50) visit(list)
  for (const list of bySpeaker.values()) if (list.length >= 2 && list.length <= PAIRWISE_MAX) visit(list)
  for (const q of quotes) q.variants.sort((x, y) => y.similarity - x.similarity || (x.id < y.id ? -1 : 1))
}

function link(a: Quote & { key: string }, b: Quote & { key: string }): void {
  const add = (q: Quote, v: Variant) => q.variants.push(v)
  if (` ${b.key} `.includes(` ${a.key} `)) {
    const sim = round(similarity(a.text, b.text))
    add(a, { id: b.id, similarity: sim, relation: 'contained' })
    add(b, { id: a.id, similarity: sim, relation: 'contains' })
  } else if (` ${a.key} `.includes(` ${b.key} `)) {
    const sim = round(similarity(a.text, b.text))
    add(b, { id: a.id, similarity: sim, relation: 'contained' })
    add(a, { id: b.id, similarity: sim, relation: 'contains' })
  } else if (
    a.kind === 'quotation' &&
    b.kind === 'quotation' &&
    a.occurrences.some((o) => !b.occurrences.some((p) => p.source === o.source))
  ) {
    if (a.speaker && b.speaker && a.speaker !== b.speaker) return // two people: not one statement translated
    const sim = round(similarity(a.text, b.text))
    const min = a.speaker && a.speaker === b.speaker ? TRANSLATION_MIN : TRANSLATION_MIN_UNATTRIBUTED
    if (sim < min) return
    add(a, { id: b.id, similarity: sim, relation: 'translation' })
    add(b, { id: a.id, similarity: sim, relation: 'translation' })
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}
