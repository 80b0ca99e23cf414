import { describe, expect, it } from 'vitest'
import { scoreMerges } from '../../scripts/eval/merges'
import type { Quote, Records } from '../../src/types'

const quote = (id: string, text: string, sources: string[], variants: Quote['variants'] = []): Quote => ({
  id,
  text,
  kind: 'quotation',
  speaker: null,
  date: null,
  date_source: 'unknown',
  occurrences: sources.map((source) => ({
    source,
    start: 0,
    end: text.length,
    text,
    speaker: null,
    confidence: 0,
    kind: 'quotation',
    date: null,
    date_source: 'unknown',
  })),
  variants,
})

const records = (quotes: Quote[]): Records => ({
  build_id: 'x',
  built_from: { sources: 0, quotes: quotes.length, speakers: 0 },
  sources: [],
  quotes,
  speakers: [],
})

describe('scoreMerges', () => {
  it('counts expected links found, missing ones, and links nobody expected', () => {
    const r = records([
      quote('1', 'We will win the war', ['a', 'b']),
      quote('2', 'In the military phase we struck', ['a'], [{ id: '3', similarity: 0.4, relation: 'translation' }]),
      quote('3', 'In terms of the military response we struck', ['b'], [{ id: '2', similarity: 0.4, relation: 'translation' }]),
      quote('4', 'Unrelated words here', ['c'], [{ id: '1', similarity: 0.1, relation: 'translation' }]),
    ])
    const score = scoreMerges(r, [
      { relation: 'same', a: 'We will win', sources: ['a', 'b'] },
      { relation: 'translation', a: 'In the military', b: 'In terms' },
      { relation: 'contains', a: 'We will win', b: 'In the military' },
    ])
    expect(score.found).toBe(2)
    expect(score.missing.map((m) => m.relation)).toEqual(['contains'])
    expect(score.unexpected).toHaveLength(1)
  })
})
