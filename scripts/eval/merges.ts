/**
 * @module
 * Merge accuracy: builds a corpus with the real pipeline and compares the links between its quotes
 * (one quote printed by several sources, a shorter form contained in a longer one, a translation)
 * with the expected links in test/gold/merges.json. Pure given the built records.
 */
import type { Quote, Records } from '../../src/types'

export interface ExpectedLink {
  relation: 'same' | 'contains' | 'translation'
  /** Start of the first quote's text. */
  a: string
  /** Start of the second quote's text (not for "same"). */
  b?: string
  /** For "same": the sources that must all print quote a. */
  sources?: string[]
}

export interface MergeScore {
  expected: number
  found: number
  /** Links the pipeline made that the gold does not list. */
  unexpected: { relation: string; a: string; b: string }[]
  missing: ExpectedLink[]
}

/** The shortest quote whose text starts so: "The enemy’s bones are being crushed" is not its longer form. */
function byStart(quotes: Quote[], start: string): Quote | undefined {
  return quotes.filter((q) => q.text.startsWith(start)).sort((x, y) => x.text.length - y.text.length)[0]
}

export function scoreMerges(records: Records, expected: ExpectedLink[]): MergeScore {
  const missing: ExpectedLink[] = []
  const listed = new Set<string>()
  for (const link of expected) {
    const a = byStart(records.quotes, link.a)
    if (link.relation === 'same') {
      const printed = new Set(a?.occurrences.map((o) => o.source))
      if (!a || !(link.sources ?? []).every((s) => printed.has(s))) missing.push(link)
      continue
    }
    const b = link.b ? byStart(records.quotes, link.b) : undefined
    if (a && b) listed.add([a.id, b.id].sort().join(':'))
    const ok = a && b && a.variants.some((v) => v.id === b.id && v.relation === link.relation)
    if (!ok) missing.push(link)
  }
  const unexpected: MergeScore['unexpected'] = []
  const texts = new Map(records.quotes.map((q) => [q.id, q.text]))
  const reported = new Set<string>()
  for (const q of records.quotes)
    for (const v of q.variants) {
      const key = [q.id, v.id].sort().join(':')
      if (listed.has(key) || reported.has(key)) continue
      reported.add(key)
      unexpected.push({ relation: v.relation, a: q.text.slice(0, 60), b: (texts.get(v.id) ?? '').slice(0, 60) })
    }
  return { expected: expected.length, found: expected.length - missing.length, unexpected, missing }
}
