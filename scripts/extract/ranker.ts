/**
 * @module
 * Attribution stage (b): a conditional logit over a quote's candidates (a linear score per candidate,
 * softmax over the candidates of one quote), and stage (d): the calibration that turns the winner's
 * probability into the confidence the API reports. Weights and calibration come from
 * attribution-model.json, written by `npm run train:attribution`. Pure.
 */
import type { Features } from './features'

export interface AttributionModel {
  /** What it was trained on, when and how long (documentation only). */
  trained: { corpus: string; groups: number; iterations: number; l2: number }
  /** Stage (b): which candidate mention names the speaker. */
  weights: Record<string, number>
  /**
   * Calibration on dev: the winner's probability → how often a speaker chosen with it was right.
   * Points sorted by `p`; the confidence is interpolated between them.
   */
  calibration: { p: number; accuracy: number }[]
  /** Below this calibrated confidence the speaker is null (chosen on dev). */
  threshold: number
}

/** Linear score of one candidate. */
export function score(weights: Record<string, number>, features: Features): number {
  let s = 0
  for (const name in features) s += (weights[name] ?? 0) * (features[name] as number)
  return s
}

/** Softmax of the candidates' scores (numerically stable). */
export function softmax(scores: number[]): number[] {
  const max = Math.max(...scores)
  const exps = scores.map((s) => Math.exp(s - max))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((e) => e / sum)
}

/** The winning candidate's index and probability. */
export function choose(weights: Record<string, number>, candidates: Features[]): { index: number; p: number } {
  const p = softmax(candidates.map((f) => score(weights, f)))
  let index = 0
  for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[index] as number)) index = i
  return { index, p: p[index] ?? 0 }
}

/** Piecewise-linear calibration of a probability (clamped at the ends). */
export function calibrate(points: { p: number; accuracy: number }[], p: number): number {
  if (points.length === 0) return p
  const first = points[0] as { p: number; accuracy: number }
  if (p <= first.p) return first.accuracy
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { p: number; accuracy: number }
    const b = points[i] as { p: number; accuracy: number }
    if (p <= b.p) return a.accuracy + ((b.accuracy - a.accuracy) * (p - a.p)) / (b.p - a.p || 1)
  }
  return (points[points.length - 1] as { p: number; accuracy: number }).accuracy
}

/**
 * Fits the weights by full-batch gradient descent (Adam) on the negative log-likelihood of the gold
 * candidate of each group, with L2. Deterministic: zero start, fixed order and iterations.
 */
export function train(groups: { features: Features[]; gold: number }[], iterations = 300, l2 = 1e-3, rate = 0.05): Record<string, number> {
  const names = [...new Set(groups.flatMap((g) => g.features.flatMap((f) => Object.keys(f))))].sort()
  const index = new Map(names.map((n, i) => [n, i]))
  const sparse = groups.map((g) => ({
    gold: g.gold,
    rows: g.features.map((f) => Object.entries(f).map(([n, v]) => [index.get(n) as number, v] as const)),
  }))
  const w = new Float64Array(names.length)
  const m = new Float64Array(names.length)
  const v = new Float64Array(names.length)
  for (let t = 1; t <= iterations; t++) {
    const grad = new Float64Array(names.length)
    for (const g of sparse) {
      const scores = g.rows.map((row) => row.reduce((s, [i, x]) => s + (w[i] as number) * x, 0))
      const p = softmax(scores)
      g.rows.forEach((row, c) => {
        const d = (p[c] as number) - (c === g.gold ? 1 : 0)
        if (d !== 0) for (const [i, x] of row) grad[i] = (grad[i] as number) + d * x
      })
    }
    for (let i = 0; i < names.length; i++) {
      const gi = (grad[i] as number) / sparse.length + l2 * (w[i] as number)
      m[i] = 0.9 * (m[i] as number) + 0.1 * gi
      v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi
      const mh = (m[i] as number) / (1 - 0.9 ** t)
      const vh = (v[i] as number) / (1 - 0.999 ** t)
      w[i] = (w[i] as number) - (rate * mh) / (Math.sqrt(vh) + 1e-8)
    }
  }
  return Object.fromEntries(names.map((n, i) => [n, Math.round((w[i] as number) * 1e4) / 1e4]))
}
