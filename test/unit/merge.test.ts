import { describe, expect, it } from 'vitest'
import { mergeQuotes, normalizeQuote, quoteId } from '../../scripts/extract/merge'
import type { Occurrence } from '../../src/types'

const occ = (source: string, text: string, extra: Partial<Occurrence> = {}): Occurrence => ({
  source,
  start: 0,
  end: text.length,
  text,
  speaker: 'jane-roe',
  confidence: 0.9,
  kind: 'quotation',
  date: null,
  date_source: 'unknown',
  ...extra,
})

describe('normalizeQuote and quoteId', () => {
  it('folds case, punctuation, quote marks and white space', () => {
    expect(normalizeQuote('“We’ll  WIN,” — she said…')).toBe(normalizeQuote('We\'ll win" she said'))
  })
  it('gives a stable 12-hex id', () => {
    expect(quoteId('we will win')).toMatch(/^[0-9a-f]{12}$/)
    expect(quoteId('we will win')).toBe(quoteId('we will win'))
    expect(quoteId('we will win')).not.toBe(quoteId('we will lose'))
  })
})

describe('mergeQuotes', () => {
  it('makes one quote of the same words printed twice, keeping the longest form', () => {
    const quotes = mergeQuotes([occ('b', 'We will win'), occ('a', 'We will win.')])
    expect(quotes).toHaveLength(1)
    expect(quotes[0]?.text).toBe('We will win.')
    expect(quotes[0]?.occurrences.map((o) => o.source)).toEqual(['a', 'b'])
  })

  it('links a shorter form to the longer quote that contains it', () => {
    const quotes = mergeQuotes([occ('a', 'The enemy is beaten. We will win the war.'), occ('b', 'We will win the war')])
    const short = quotes.find((q) => q.text === 'We will win the war')
    const long = quotes.find((q) => q.text !== 'We will win the war')
    expect(short?.variants).toEqual([expect.objectContaining({ id: long?.id, relation: 'contained' })])
    expect(long?.variants).toEqual([expect.objectContaining({ id: short?.id, relation: 'contains' })])
  })

  it('is deterministic for any input order', () => {
    const input = [occ('a', 'One two three four'), occ('b', 'Five six seven eight'), occ('c', 'one two three four')]
    expect(JSON.stringify(mergeQuotes(input))).toBe(JSON.stringify(mergeQuotes([...input].reverse())))
  })

  it('prefers a date the text gives over a publication date', () => {
    const [q] = mergeQuotes([
      occ('a', 'We will win', { date: '2023-01-01', date_source: 'published' }),
      occ('b', 'We will win', { date: '2020-01-08', date_source: 'text' }),
    ])
    expect(q).toMatchObject({ date: '2020-01-08', date_source: 'text' })
  })
})
