import { describe, expect, it } from 'vitest'
import { mergeQuotes, normalizeQuote, quoteId, similarity } from '../../scripts/extract/merge'
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

  it('links two translations of one statement by the same speaker in different sources', () => {
    const quotes = mergeQuotes([
      occ('a', 'In the military phase, you must know that Iran launched a missile attack on an American base.'),
      occ(
        'b',
        'In terms of the military response, you definitely know that Iran poured missiles down on the American base. It was a clear message.',
      ),
      occ('b', 'Our football team will win the cup next season, the coach told the fans.'),
    ])
    const [military, response, football] = [
      quotes.find((q) => q.text.startsWith('In the military')),
      quotes.find((q) => q.text.startsWith('In terms')),
      quotes.find((q) => q.text.startsWith('Our football')),
    ]
    expect(military?.variants).toEqual([expect.objectContaining({ id: response?.id, relation: 'translation' })])
    expect(football?.variants).toEqual([])
  })

  it('does not link unrelated quotations of one speaker, nor alike wordings of two different speakers', () => {
    const quotes = mergeQuotes([
      occ('a', 'The economy grew faster than anyone expected this year.'),
      occ('b', 'We will never surrender our land to the invaders.'),
      occ('c', 'The economy grew faster than most people expected.', { speaker: 'someone-else' }),
    ])
    expect(quotes.flatMap((q) => q.variants.map((v) => v.relation))).toEqual([])
  })
})

describe('similarity', () => {
  it('scores a sentence against the best-matching sentences of a longer quotation', () => {
    const long = 'We talked about many things. The Hormuz peace plan announced by the president remains on the table. Then we left.'
    expect(similarity('The Hormuz peace initiative announced by our president is still on the table', long)).toBeGreaterThan(0.35)
    expect(similarity('Our football team will win the cup', long)).toBeLessThan(0.1)
  })

  it('meets word forms by their Porter stem, not by their first five letters', () => {
    // Same stem: attacked / attacks, responses / response.
    expect(similarity('They attacked the convoy and we gave responses', 'They attacks the convoy and we gave response')).toBe(1)
    // Different words that share five letters (governor / government): 2 shared stems of 4 (want, budget), not 3 of 3.
    expect(similarity('The governor wants the budget', 'The government wants the budget')).toBe(0.5)
  })
})
