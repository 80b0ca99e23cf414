import { describe, expect, it } from 'vitest'
import { rng, synthetic, zipf } from '../../scripts/bench/generate'
import { queryMix } from '../../scripts/bench/mix'
import { validateQuotebankLine } from '../../scripts/corpus/quotebank'

describe('bench corpus generator', () => {
  it('is deterministic and writes valid Quotebank lines with several sources per quote', () => {
    const a = [...synthetic(300).lines()]
    const b = [...synthetic(300).lines()]
    expect(a).toEqual(b)
    for (const line of a) expect(() => validateQuotebankLine(line)).not.toThrow()
    expect(new Set(a.map((l) => l.quoteID)).size).toBe(300)
    expect(a.some((l) => l.urls.length > 1)).toBe(true)
    const lengths = a.map((l) => l.quotation.split(' ').length)
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(6)
    expect(lengths.reduce((x, y) => x + y) / lengths.length).toBeGreaterThan(15)
  })

  it('samples ranks with a Zipf skew', () => {
    const next = zipf(1000, 1, rng(1))
    const counts = new Array(1000).fill(0)
    for (let i = 0; i < 20_000; i++) counts[next()]++
    expect(counts[0]).toBeGreaterThan(counts[9] * 5)
    expect(counts[9]).toBeGreaterThan(counts[99] * 5)
  })

  it('derives a mix whose misspelling is not a vocabulary word', () => {
    const s = synthetic(10)
    const mix = queryMix(s, 'Ab cd ef gh ij.')
    expect(mix.map((m) => m.name)).toEqual(['one word', 'two words', 'misspelling', 'prefix', 'phrase', 'filtered'])
    expect(s.vocab).not.toContain(mix[2]?.q)
    expect(mix[4]?.q).toBe('"ef gh ij"')
  })
})
