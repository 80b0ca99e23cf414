import { describe, expect, it } from 'vitest'
import { findSpan, type PolnearGold, placeSpan, scoreArticle, speakerMatches, surnameKey } from '../../scripts/eval/polnear'
import { findQuotations } from '../../scripts/extract/marks'

const gold = (over: Partial<PolnearGold>): PolnearGold => ({
  source: 'a',
  publisher: 'nyt',
  text: 'x',
  bodyStart: 0,
  speaker: 'Charles B. Rangel',
  speakerType: 'PERSON',
  speakerMention: 'Rangel',
  resolvedBy: 'name',
  mentionSpans: [],
  cueSpans: [],
  ...over,
})

describe('findQuotations: New York Times double apostrophes', () => {
  it("pairs ''…'' typed for both marks into one quotation", () => {
    const body = "''I'm not going to do it,'' she said. ''Never.''"
    expect(findQuotations(body).map((s) => body.slice(s.start, s.end))).toEqual(["I'm not going to do it,", 'Never.'])
  })
})

describe('PolNeAR scoring', () => {
  it('places a gold span at the occurrence nearest its expected offset', () => {
    expect(placeSpan('yes. no. yes.', 'yes', 8)).toEqual({ start: 9, end: 12 })
    expect(placeSpan('abc', 'zzz', 0)).toBeNull()
  })
  it('finds a span covered by one piece overlapping 0.8 of the longer, not by a piece covering 0.5', () => {
    const span = { start: 0, end: 100 }
    expect(findSpan(span, [{ start: 5, end: 100, speaker: null, confidence: 0 }])).not.toBeNull()
    expect(findSpan(span, [{ start: 0, end: 50, speaker: null, confidence: 0 }])).toBeNull()
  })
  it('finds a span covered by two inner pieces together', () => {
    const pieces = [
      { start: 0, end: 45, speaker: 'A', confidence: 1 },
      { start: 50, end: 100, speaker: 'B', confidence: 1 },
    ]
    expect(findSpan({ start: 0, end: 100 }, pieces)?.speaker).toBe('B')
  })
  it('compares people by surname, dropping possessives and suffixes', () => {
    expect(surnameKey("Trump's")).toBe('trump')
    expect(surnameKey('Martin Luther King Jr.')).toBe('king')
    expect(speakerMatches(gold({}), 'Rangel')).toBe(true)
    expect(speakerMatches(gold({}), 'Charles B')).toBe(false)
    expect(speakerMatches(gold({}), null)).toBe(false)
  })
  it('compares organisations by containment, without a leading "the"', () => {
    const org = gold({ speaker: 'The New York Post', speakerType: 'ORGANIZATION' })
    expect(speakerMatches(org, 'New York Post')).toBe(true)
    expect(speakerMatches(org, 'Post Office')).toBe(false)
  })
  it('scores a null speaker as a null, not as right', () => {
    const body = 'He said "we will win the election" today.'
    const g = gold({ text: 'we will win the election', bodyStart: 9 })
    const [o] = scoreArticle(body, [g], [{ start: 9, end: 33, speaker: null, confidence: 0 }])
    expect(o?.found).toBe(true)
    expect(o?.speaker).toBe('null')
  })
})
