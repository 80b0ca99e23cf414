/**
 * @module
 * The measures of `npx tsx scripts/eval-attribution-cv.ts`: k-fold cross-validation of
 * the speaker ranker on PolNeAR train, by article. Dev has 519 named-source spans, so one span is 0.2 points
 * and the hidden layer's seed alone moves dev by a point or two; train's 4,906 named-source quotes, each
 * scored by a fit that never saw its article, give a steadier comparison of two versions of the features or
 * the fit. Prints the share of named-source quotes whose top candidate names the gold speaker, and the share
 * named right when the winners are cut where 95, 97 or 98% of the names given are right. Pure.
 */

/** One scored quote: its winner's probability, whether the winner names the gold speaker, whether it names anyone. */
export interface Scored {
  p: number
  right: boolean
  named: boolean
}

/**
 * The share of `total` quotes named right when the named winners are taken in order of probability as far
 * as the names given stay at least `precision` right.
 */
export function recallAtPrecision(scored: Scored[], total: number, precision: number): number {
  const named = scored.filter((s) => s.named).sort((a, b) => b.p - a.p)
  let right = 0
  let best = 0
  named.forEach((s, i) => {
    if (s.right) right++
    if (right / (i + 1) >= precision) best = right
  })
  return total === 0 ? 0 : best / total
}

/** Each article's fold: articles sorted by id, dealt round-robin. */
export function folds(ids: string[], k: number): Map<string, number> {
  return new Map([...new Set(ids)].sort().map((id, i) => [id, i % k]))
}
