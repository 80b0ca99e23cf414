/**
 * @module
 * The fit behind `npm run train:attribution`: the conditional logit of scripts/extract/ranker.ts, with
 * an optional hidden layer of tanh units beside the linear score, by full-batch gradient descent (Adam)
 * on the negative log-likelihood of each quote's right candidates, with L2. Deterministic: the linear
 * weights start at zero, the hidden ones from a fixed-seed generator, and the order is fixed.
 */
import type { Features } from '../extract/features'
import type { HiddenLayer } from '../extract/ranker'
import { mulberry32 } from '../random'

export interface FitOptions {
  iterations?: number
  l2?: number
  rate?: number
  /** Hidden tanh units beside the linear score (0: a linear model). */
  hidden?: number
  /** Features seen in fewer quotes than this are dropped (rare words overfit). */
  minCount?: number
  /** The hidden layer's starting weights: uniform in ±`spread`, from this seed. */
  seed?: number
  spread?: number
}

export interface Fitted {
  weights: Record<string, number>
  hidden?: HiddenLayer
}

/** The groups as flat arrays: candidates by group, feature entries by candidate. */
function flatten(groups: { features: Features[]; gold: number | number[] }[], index: Map<string, number>) {
  const groupStart = new Int32Array(groups.length + 1)
  let candidates = 0
  let entries = 0
  for (const [g, group] of groups.entries()) {
    groupStart[g] = candidates
    candidates += group.features.length
    for (const f of group.features) for (const n in f) if (index.has(n)) entries++
  }
  groupStart[groups.length] = candidates
  const rowStart = new Int32Array(candidates + 1)
  const gold = new Uint8Array(candidates)
  const idx = new Int32Array(entries)
  const val = new Float64Array(entries)
  let c = 0
  let e = 0
  for (const group of groups) {
    const right = new Set(typeof group.gold === 'number' ? [group.gold] : group.gold)
    for (const [k, f] of group.features.entries()) {
      rowStart[c] = e
      gold[c] = right.has(k) ? 1 : 0
      for (const n in f) {
        const i = index.get(n)
        if (i === undefined) continue
        idx[e] = i
        val[e++] = f[n] as number
      }
      c++
    }
  }
  rowStart[candidates] = e
  return { groupStart, rowStart, gold, idx, val }
}

/** One Adam step over a parameter block. */
function adam(w: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array, t: number, rate: number, scale: number, l2: number) {
  for (let i = 0; i < w.length; i++) {
    const gi = (grad[i] as number) * scale + l2 * (w[i] as number)
    m[i] = 0.9 * (m[i] as number) + 0.1 * gi
    v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi
    const mh = (m[i] as number) / (1 - 0.9 ** t)
    const vh = (v[i] as number) / (1 - 0.999 ** t)
    w[i] = (w[i] as number) - (rate * mh) / (Math.sqrt(vh) + 1e-8)
  }
}

const round = (x: number) => Math.round(x * 1e4) / 1e4

/** Fits the ranker (see the module comment). */
export function fitRanker(groups: { features: Features[]; gold: number | number[] }[], options: FitOptions = {}): Fitted {
  const { iterations = 300, l2 = 1e-3, rate = 0.05, hidden: H = 0, minCount = 1, seed = 1, spread = 0.1 } = options
  const counts = new Map<string, number>()
  for (const g of groups) {
    const seen = new Set<string>()
    for (const f of g.features) for (const n in f) seen.add(n)
    for (const n of seen) counts.set(n, (counts.get(n) ?? 0) + 1)
  }
  const names = [...counts]
    .filter(([, n]) => n >= minCount)
    .map(([n]) => n)
    .sort()
  const F = names.length
  const { groupStart, rowStart, gold, idx, val } = flatten(groups, new Map(names.map((n, i) => [n, i])))
  const random = mulberry32(seed)
  const w = new Float64Array(F)
  const u = Float64Array.from({ length: F * H }, () => (random() * 2 - 1) * spread)
  const b = new Float64Array(H)
  const out = Float64Array.from({ length: H }, () => (random() * 2 - 1) * spread)
  const blocks = [w, u, b, out].map((x) => ({
    x,
    g: new Float64Array(x.length),
    m: new Float64Array(x.length),
    v: new Float64Array(x.length),
  }))
  const [gw, gu, gb, go] = blocks.map((k) => k.g) as [Float64Array, Float64Array, Float64Array, Float64Array]
  let most = 0
  for (let g = 0; g < groups.length; g++) most = Math.max(most, (groupStart[g + 1] as number) - (groupStart[g] as number))
  const score = new Float64Array(most)
  const h = new Float64Array(most * H)
  for (let t = 1; t <= iterations; t++) {
    for (const k of blocks) k.g.fill(0)
    for (let g = 0; g < groups.length; g++) {
      const first = groupStart[g] as number
      const n = (groupStart[g + 1] as number) - first
      let max = -Infinity
      for (let k = 0; k < n; k++) {
        const c = first + k
        let s = 0
        for (let j = 0; j < H; j++) h[k * H + j] = b[j] as number
        for (let e = rowStart[c] as number; e < (rowStart[c + 1] as number); e++) {
          const i = idx[e] as number
          const x = val[e] as number
          s += (w[i] as number) * x
          for (let j = 0; j < H; j++) h[k * H + j] = (h[k * H + j] as number) + (u[i * H + j] as number) * x
        }
        for (let j = 0; j < H; j++) {
          const a = Math.tanh(h[k * H + j] as number)
          h[k * H + j] = a
          s += (out[j] as number) * a
        }
        score[k] = s
        if (s > max) max = s
      }
      let sum = 0
      for (let k = 0; k < n; k++) {
        score[k] = Math.exp((score[k] as number) - max)
        sum += score[k] as number
      }
      // Several right candidates (mentions naming the same speaker): the likelihood is their summed probability.
      let right = 0
      for (let k = 0; k < n; k++) {
        score[k] = (score[k] as number) / sum
        if (gold[first + k]) right += score[k] as number
      }
      for (let k = 0; k < n; k++) {
        const c = first + k
        const p = score[k] as number
        const d = p - (gold[c] ? p / right : 0)
        if (d === 0) continue
        for (let j = 0; j < H; j++) {
          const a = h[k * H + j] as number
          go[j] = (go[j] as number) + d * a
          // Reuse the slot for the gradient at the unit's input.
          h[k * H + j] = d * (out[j] as number) * (1 - a * a)
          gb[j] = (gb[j] as number) + (h[k * H + j] as number)
        }
        for (let e = rowStart[c] as number; e < (rowStart[c + 1] as number); e++) {
          const i = idx[e] as number
          const x = val[e] as number
          gw[i] = (gw[i] as number) + d * x
          for (let j = 0; j < H; j++) gu[i * H + j] = (gu[i * H + j] as number) + (h[k * H + j] as number) * x
        }
      }
    }
    const scale = 1 / groups.length
    for (const [k, block] of blocks.entries()) adam(block.x, block.g, block.m, block.v, t, rate, scale, k === 2 ? 0 : l2)
  }
  const weights = Object.fromEntries(names.map((n, i) => [n, round(w[i] as number)]))
  if (H === 0) return { weights }
  const unitWeights: Record<string, number[]> = {}
  names.forEach((n, i) => {
    unitWeights[n] = Array.from(u.subarray(i * H, (i + 1) * H), round)
  })
  return { weights, hidden: { bias: Array.from(b, round), out: Array.from(out, round), weights: unitWeights } }
}
