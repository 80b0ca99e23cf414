/**
 * @module
 * Attribution stage (b): a conditional logit over a quote's candidates (a score per candidate, linear
 * plus a small hidden layer of tanh units, softmax over the candidates of one quote), and stage (d): the calibration that turns the winner's
 * probability into the confidence the API reports. Weights and calibration come from
 * attribution-model.json, written by `npm run train:attribution`. Pure.
 */
import type { Features } from './features'

export interface AttributionModel {
  /** What it was trained on, when and how long (documentation only). */
  trained: { corpus: string; groups: number; iterations: number; l2: number; hidden?: number; seed?: number; minCount?: number }
  /** Stage (b): which candidate mention names the speaker. */
  weights: Record<string, number>
  /** Tanh units beside the linear score, if trained with them. */
  hidden?: HiddenLayer
  /**
   * Calibration on dev: the winner's probability → how often a speaker chosen with it was right.
   * Points sorted by `p`; the confidence is interpolated between them.
   */
  calibration: { p: number; accuracy: number }[]
  /** Below this calibrated confidence the speaker is null (chosen on dev). */
  threshold: number
}

/**
 * A hidden layer beside the linear score: score += Σ_j out[j] · tanh(bias[j] + Σ_f weights[f][j] · x_f).
 * Stored by feature (one lookup per feature gives its weight into every unit).
 */
export interface HiddenLayer {
  bias: number[]
  out: number[]
  weights: Record<string, number[]>
}

/** Score of one candidate: linear, plus the hidden layer's units when there is one. */
export function score(weights: Record<string, number>, features: Features, hidden?: HiddenLayer): number {
  let s = 0
  for (const name in features) s += (weights[name] ?? 0) * (features[name] as number)
  if (!hidden) return s
  const a = hidden.bias.slice()
  for (const name in features) {
    const u = hidden.weights[name]
    if (!u) continue
    const x = features[name] as number
    for (let j = 0; j < a.length; j++) a[j] = (a[j] as number) + (u[j] as number) * x
  }
  for (let j = 0; j < a.length; j++) s += (hidden.out[j] as number) * Math.tanh(a[j] as number)
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
export function choose(weights: Record<string, number>, candidates: Features[], hidden?: HiddenLayer): { index: number; p: number } {
  const p = softmax(candidates.map((f) => score(weights, f, hidden)))
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
