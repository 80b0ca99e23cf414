import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluate, loadGold, REGISTRY_PATH, validateAnnotation } from '../../scripts/eval/gold'
import { prf, totalScore } from '../../scripts/eval/score'

/**
 * Total overlap-F1 the extractor reaches on the gold set (rounded down). A floor, not a target:
 * raise it when extraction improves; the test fails when a change makes extraction worse.
 */
// Floors, not targets: the figures the extractor reached on this gold set (rounded down). Raise them as it improves.
// The speaker floor is unit-level evidence, not the product's figure: the cue rules were tuned on these articles
// (98.3% alone). The trained ranker (PolNeAR, test/unit/polnear.test.ts) names the right speaker for 98.3% too,
// but abstains below its calibrated threshold, and a null counts as wrong here: 90.4% (208/230).
const FLOOR = 0.99
const SPEAKER_FLOOR = 0.89
const DATE_FLOOR = 0.99

const articles = loadGold()

describe('gold set (test/gold, format in test/gold/README.md)', () => {
  it('has annotated articles', () => {
    expect(articles.length).toBeGreaterThan(0)
  })

  it.each(articles.map((a) => [a.id, a] as const))(
    '%s: every quote is the body slice at its offsets, with a valid kind and speaker',
    (_id, article) => {
      expect(validateAnnotation(article)).toEqual([])
      for (const q of article.annotation.quotes) expect(article.source.body.slice(q.start, q.end)).toBe(q.text)
    },
  )

  it.each(articles.map((a) => [a.id, a] as const))(
    '%s: has front matter with a publication date and at least four quotes',
    (_id, article) => {
      expect(article.source.published).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(article.source.url).toMatch(/^https?:\/\//)
      expect(article.annotation.quotes.length).toBeGreaterThanOrEqual(4)
    },
  )
})

describe('extraction on the gold set', () => {
  it(`keeps total overlap-F1 at or above the floor ${FLOOR}`, () => {
    const results = evaluate(articles, readFileSync(REGISTRY_PATH))
    const f1 = prf(totalScore(results.map((r) => r.score)).overlap).f1
    expect(f1).toBeGreaterThanOrEqual(FLOOR)
  })

  it(`keeps speaker accuracy over matched quotations at or above ${SPEAKER_FLOOR}`, () => {
    const results = evaluate(articles, readFileSync(REGISTRY_PATH))
    const { correct, total } = totalScore(results.map((r) => r.score)).speaker
    expect(correct / total).toBeGreaterThanOrEqual(SPEAKER_FLOOR)
  })

  it(`keeps date accuracy over matched quotes at or above ${DATE_FLOOR}`, () => {
    const results = evaluate(articles, readFileSync(REGISTRY_PATH))
    const { correct, total } = totalScore(results.map((r) => r.score)).date
    expect(correct / total).toBeGreaterThanOrEqual(DATE_FLOOR)
  })
})
