/**
 * @module
 * The same quotation printed by several sources becomes one quote with several occurrences;
 * a shorter form inside a longer one, and a differently worded translation, are linked as variants.
 */
import type { Occurrence, Quote, Variant } from '../../src/types'

/** Case, punctuation, quote marks and white space folded: the key two printings share. */
export function normalizeQuote(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['‘’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Stable id from the normalised text (FNV-1a 64-bit, hex): adding other articles never changes it. */
export function quoteId(normalized: string): string {
  let h = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(normalized)) {
    h ^= BigInt(byte)
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h.toString(16).padStart(16, '0').slice(0, 12)
}

function words(normalized: string): Set<string> {
  return new Set(normalized.split(' ').filter((w) => w.length > 2))
}

/** Jaccard similarity of the content words. */
export function similarity(a: string, b: string): number {
  const wa = words(a)
  const wb = words(b)
  let shared = 0
  for (const w of wa) if (wb.has(w)) shared++
  const union = wa.size + wb.size - shared
  return union === 0 ? 0 : shared / union
}

const TRANSLATION_MIN = 0.4

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

/** Candidate pairs share a word trigram; very common trigrams are skipped so this stays near linear. */
function linkVariants(quotes: (Quote & { key: string })[]): void {
  const postings = new Map<string, number[]>()
  quotes.forEach((q, i) => {
    const w = q.key.split(' ')
    const grams = new Set<string>()
    for (let j = 0; j + 3 <= w.length; j++) grams.add(w.slice(j, j + 3).join(' '))
    if (w.length < 3) grams.add(q.key)
    for (const g of grams) postings.set(g, [...(postings.get(g) ?? []), i])
  })
  const seen = new Set<string>()
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > 50) continue
    for (const i of list)
      for (const j of list) {
        if (i >= j || seen.has(`${i}:${j}`)) continue
        seen.add(`${i}:${j}`)
        const a = quotes[i] as Quote & { key: string }
        const b = quotes[j] as Quote & { key: string }
        link(a, b)
      }
  }
  for (const q of quotes) q.variants.sort((x, y) => y.similarity - x.similarity || (x.id < y.id ? -1 : 1))
}

function link(a: Quote & { key: string }, b: Quote & { key: string }): void {
  const sim = Math.round(similarity(a.key, b.key) * 1000) / 1000
  const add = (q: Quote, v: Variant) => q.variants.push(v)
  if (` ${b.key} `.includes(` ${a.key} `)) {
    add(a, { id: b.id, similarity: sim, relation: 'contained' })
    add(b, { id: a.id, similarity: sim, relation: 'contains' })
  } else if (` ${a.key} `.includes(` ${b.key} `)) {
    add(b, { id: a.id, similarity: sim, relation: 'contained' })
    add(a, { id: b.id, similarity: sim, relation: 'contains' })
  } else if (sim >= TRANSLATION_MIN && a.occurrences.some((o) => !b.occurrences.some((p) => p.source === o.source))) {
    add(a, { id: b.id, similarity: sim, relation: 'translation' })
    add(b, { id: a.id, similarity: sim, relation: 'translation' })
  }
}
