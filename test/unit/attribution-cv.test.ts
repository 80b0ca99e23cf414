import { describe, expect, it } from 'vitest'
import { folds, recallAtPrecision } from '../../scripts/eval/attribution-cv'

describe('cross-validation measures of the speaker ranker', () => {
  const scored = [
    { p: 0.99, right: true, named: true },
    { p: 0.95, right: true, named: true },
    { p: 0.9, right: false, named: true },
    { p: 0.8, right: true, named: true },
    { p: 0.7, right: true, named: true },
    { p: 0.6, right: false, named: false },
  ]

  it('counts the right names down to the last cut where the names given keep the precision', () => {
    // In order of p: 1/1, 2/2, 2/3, 3/4, 4/5 right. At 0.75 and 0.8 the cut is after the fifth (4 right); at 0.9
    // after the second (2 right): the third drops to 2/3 and none after it climbs back to 0.9.
    expect(recallAtPrecision(scored, 10, 0.75)).toBe(0.4)
    expect(recallAtPrecision(scored, 10, 0.8)).toBe(0.4)
    expect(recallAtPrecision(scored, 10, 0.9)).toBe(0.2)
  })

  it('leaves out quotes whose winner names no one', () => {
    expect(recallAtPrecision([{ p: 0.9, right: true, named: false }], 1, 0.5)).toBe(0)
  })

  it('deals articles to folds by sorted id, every article in one fold', () => {
    const f = folds(['c', 'a', 'b', 'a', 'd'], 2)
    expect([...f]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 0],
      ['d', 1],
    ])
  })
})
