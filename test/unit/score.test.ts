import { describe, expect, it } from 'vitest'
import {
  foldSpeaker,
  type GoldQuote,
  matchSpans,
  overlapRatio,
  type PredictedQuote,
  prf,
  rate,
  sameSpeaker,
  scoreFile,
  totalScore,
} from '../../scripts/eval/score'

const gold = (
  start: number,
  end: number,
  speaker: string | null = null,
  kind: GoldQuote['kind'] = 'quotation',
  date: string | null = null,
) => ({
  start,
  end,
  text: 'x'.repeat(end - start),
  speaker,
  kind,
  date,
})
const pred = (
  start: number,
  end: number,
  speaker: string | null = null,
  kind: PredictedQuote['kind'] = 'quotation',
  date: string | null = '2020-01-01',
): PredictedQuote => ({ start, end, text: 'x'.repeat(end - start), speaker, kind, date })

describe('overlapRatio', () => {
  it('is intersection over union', () => {
    expect(overlapRatio({ start: 0, end: 10 }, { start: 0, end: 10 })).toBe(1)
    expect(overlapRatio({ start: 0, end: 10 }, { start: 0, end: 8 })).toBe(0.8)
    expect(overlapRatio({ start: 0, end: 10 }, { start: 5, end: 15 })).toBeCloseTo(5 / 15)
    expect(overlapRatio({ start: 10, end: 20 }, { start: 0, end: 10 })).toBe(0)
    expect(overlapRatio({ start: 0, end: 4 }, { start: 6, end: 9 })).toBe(0)
  })
  it('is symmetric and counts a span containing another by the longer length', () => {
    const a = { start: 2, end: 12 }
    const b = { start: 0, end: 20 }
    expect(overlapRatio(a, b)).toBe(overlapRatio(b, a))
    expect(overlapRatio(a, b)).toBe(0.5)
  })
})

describe('matchSpans', () => {
  it('exact mode pairs only identical spans', () => {
    expect(matchSpans([gold(0, 10), gold(20, 30)], [pred(0, 10), pred(20, 29)], 'exact')).toEqual([[0, 0]])
  })
  it('overlap mode pairs spans at or above the threshold and not below', () => {
    expect(matchSpans([gold(0, 10)], [pred(1, 9)], 'overlap')).toEqual([[0, 0]])
    expect(matchSpans([gold(0, 10)], [pred(2, 9)], 'overlap')).toEqual([])
  })
  it('is one-to-one and greedy by best overlap', () => {
    // Two predictions over one gold span: only the better one matches.
    expect(matchSpans([gold(0, 100)], [pred(0, 90), pred(0, 99)], 'overlap')).toEqual([[0, 1]])
    // One prediction covering two gold spans matches at most one of them.
    expect(matchSpans([gold(0, 50), gold(50, 100)], [pred(0, 55)], 'overlap')).toEqual([[0, 0]])
    // A greedy choice: gold 0 takes its best partner first, the other gold still gets the remaining one.
    const m = matchSpans([gold(0, 100), gold(0, 90)], [pred(0, 100), pred(0, 92)], 'overlap')
    expect(m).toEqual([
      [0, 0],
      [1, 1],
    ])
  })
})

describe('sameSpeaker', () => {
  it('folds case, diacritics, apostrophes and a leading "the"', () => {
    expect(sameSpeaker('Es’haq Jahangiri', 'eshaq jahangiri')).toBe(true)
    expect(sameSpeaker('José Mourinho', 'Jose Mourinho')).toBe(true)
    expect(sameSpeaker('the Home Office', 'Home Office')).toBe(true)
    expect(foldSpeaker('  Jean-Luc  PICARD ')).toBe('jean luc picard')
  })
  it('accepts the same surname with the same first name or initial', () => {
    expect(sameSpeaker('Boris Johnson', 'B. Johnson')).toBe(true)
    expect(sameSpeaker('Boris Alexander Johnson', 'Boris Johnson')).toBe(true)
    expect(sameSpeaker('Boris Johnson', 'Johnson')).toBe(false)
    expect(sameSpeaker('Boris Johnson', 'Lyndon Johnson')).toBe(false)
    expect(sameSpeaker('Boris Johnson', 'Boris Becker')).toBe(false)
    expect(sameSpeaker('James P. Kennedy Jr.', 'James Kennedy')).toBe(true)
    expect(sameSpeaker('James P. Kennedy Jr.', 'Kennedy Jr.')).toBe(false)
  })
  it('matches a registry alias of the prediction', () => {
    expect(sameSpeaker('Ghasem Soleimani', 'Qasem Soleimani', ['Ghasem Soleimani'])).toBe(true)
  })
  it('null gold matches only null, and a null prediction only null gold', () => {
    expect(sameSpeaker(null, null)).toBe(true)
    expect(sameSpeaker(null, 'Boris Johnson')).toBe(false)
    expect(sameSpeaker('Boris Johnson', null)).toBe(false)
  })
})

describe('prf and rate', () => {
  it('computes precision, recall and F1', () => {
    const r = prf({ tp: 3, fp: 1, fn: 2 })
    expect(r.precision).toBe(0.75)
    expect(r.recall).toBe(0.6)
    expect(r.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35)
    expect(prf({ tp: 0, fp: 2, fn: 2 }).f1).toBe(0)
    expect(rate({ correct: 0, total: 0 })).toBeNull()
  })
})

describe('scoreFile', () => {
  it('counts spans, speakers over quotations, kinds and dates (gold date else published)', () => {
    const g = [
      gold(0, 40, 'Jane Roe'),
      gold(50, 60, null, 'fragment'),
      gold(70, 120, 'John Doe', 'quotation', '2019-05-05'),
      gold(200, 240, 'Jane Roe'),
    ]
    const p = [
      pred(0, 40, 'Jane Roe'), // exact, right
      pred(50, 60, null, 'quotation'), // exact, wrong kind
      pred(72, 120, 'Jane Roe', 'quotation', '2020-01-01'), // overlap only, wrong speaker, wrong date
      pred(300, 320), // false positive
    ]
    const s = scoreFile(g, p, '2020-01-01')
    expect(s.exact).toEqual({ tp: 2, fp: 2, fn: 2 })
    expect(s.overlap).toEqual({ tp: 3, fp: 1, fn: 1 })
    expect(s.speaker).toEqual({ correct: 1, total: 2 })
    expect(s.speakerAll).toEqual({ correct: 2, total: 3 })
    expect(s.date).toEqual({ correct: 2, total: 3 })
    expect(s.confusion.fragment.quotation).toBe(1)
    expect(s.confusion.quotation.quotation).toBe(2)
    expect(s.misses.map((m) => m.start)).toEqual([200])
    expect(s.falsePositives.map((m) => m.start)).toEqual([300])
    expect(s.wrongSpeakers.map((w) => w.gold.start)).toEqual([70])
    expect(s.wrongDates[0]?.expected).toBe('2019-05-05')

    const t = totalScore([s, s])
    expect(t.overlap).toEqual({ tp: 6, fp: 2, fn: 2 })
    expect(t.speaker).toEqual({ correct: 2, total: 4 })
    expect(t.confusion.fragment.quotation).toBe(2)
  })
})
