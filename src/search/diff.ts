/**
 * @module
 * Pure word-level comparison: edit distance between words (typo tolerance), and the alignment of a
 * claimed quotation against a printed one that /api/verify reports as a diff and a similarity.
 */
import { processTerm, TOKEN } from './options'

let rows = [new Int32Array(64), new Int32Array(64)]

/**
 * Levenshtein distance between a and b (insertions, deletions, substitutions), or max + 1 once it is certainly
 * above max. A transposition ("khamenie" for "khamenei") is 2 edits, as in MiniSearch's fuzzy search: whatever
 * this says is within a word's typo budget, MiniSearch reaches by that budget, and the other way round (the
 * bundle's word forms, suggestions and speaker names, and the D1 backend's typos all rely on it).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const n = b.length
  if (rows[0]!.length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1)]
  // Two reused rows: previous and current.
  let [prev, cur] = rows as [Int32Array, Int32Array]
  for (let j = 0; j <= n; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    let best = i
    const ai = a.charCodeAt(i - 1)
    for (let j = 1; j <= n; j++) {
      const d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1))
      cur[j] = d
      if (d < best) best = d
    }
    if (best > max) return max + 1
    ;[prev, cur] = [cur, prev]
  }
  return prev[n]!
}

/** Function words: they do not make two texts say the same thing. */
export const STOP_WORDS = new Set(
  'a about all an and any are as at be been but by can could did do does for from had has have he her him his i if in into is it its me my no not of on or our over she so than that the their them then there these they this those to us was we were what when where which who whom will with would you your'.split(
    ' ',
  ),
)

/** How much a word counts in a similarity: content words 1, function words 1/4. */
export function wordWeight(norm: string): number {
  return STOP_WORDS.has(norm) ? 0.25 : 1
}

/** A word as written and as compared (case, diacritics and apostrophes folded). */
export interface Word {
  raw: string
  norm: string
}

export function words(text: string): Word[] {
  const out: Word[] = []
  for (const m of text.matchAll(TOKEN)) {
    const norm = processTerm(m[0])
    if (norm) out.push({ raw: m[0], norm })
  }
  return out
}

/**
 * One step of a diff from the printed text to the claimed one: `equal` words are in both,
 * `delete` words are printed but not claimed, `insert` words are claimed but not printed.
 */
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

export interface Alignment {
  /** The whole printed text, with the claimed words aligned into it; consecutive words of one kind are joined. */
  diff: DiffOp[]
  /** Claimed words found in the printed text, in order. */
  equal: number
  /**
   * 0..1: 2 × shared / (claimed + printed words in the aligned span), each word weighted by `wordWeight`
   * so a changed content word costs more than a changed "the". 1 means word for word.
   */
  similarity: number
  /** The printed words [start, end) the claim aligns to; the rest of the printed text is context. */
  span: [number, number]
  /** The claim is a part of a longer printed text. */
  excerpt: boolean
}

const MATCH = 2
const MISMATCH = -1
const GAP = -1
const DIAG = 1
const UP = 2 // a claimed word not in the print (insert)
const LEFT = 3 // a printed word not in the claim (delete)

/**
 * Aligns every claimed word against the best-fitting stretch of the printed words ("fitting"
 * alignment: printed words before and after that stretch cost nothing, so a quoted excerpt of a longer
 * statement is still word for word). O(claimed × printed) time and memory.
 */
export function align(claimed: Word[], printed: Word[]): Alignment {
  const n = claimed.length
  const m = printed.length
  const width = m + 1
  const score = new Int32Array((n + 1) * width)
  const from = new Uint8Array((n + 1) * width)
  for (let i = 1; i <= n; i++) {
    score[i * width] = i * GAP
    from[i * width] = UP
  }
  for (let i = 1; i <= n; i++) {
    const a = claimed[i - 1]!.norm
    for (let j = 1; j <= m; j++) {
      const same = a === printed[j - 1]!.norm
      const diag = score[(i - 1) * width + j - 1]! + (same ? MATCH : MISMATCH)
      const up = score[(i - 1) * width + j]! + GAP
      const left = score[i * width + j - 1]! + GAP
      let best = diag
      let dir = DIAG
      if (!same) {
        if (up > best) {
          best = up
          dir = UP
        }
        if (left > best) {
          best = left
          dir = LEFT
        }
      }
      score[i * width + j] = best
      from[i * width + j] = dir
    }
  }
  // The best place for the claim's last word; the earliest on ties.
  let end = 0
  for (let j = 1; j <= m; j++) if (score[n * width + j]! > score[n * width + end]!) end = j
  // Walk back from there; each step remembers the printed word it stands on (-1 for a claimed extra).
  const steps: { op: DiffOp['op']; text: string; at: number }[] = []
  let i = n
  let j = end
  while (i > 0) {
    const dir = j === 0 ? UP : from[i * width + j]!
    if (dir === DIAG) {
      const c = claimed[i - 1]!
      const p = printed[j - 1]!
      if (c.norm === p.norm) steps.push({ op: 'equal', text: p.raw, at: j - 1 })
      else steps.push({ op: 'insert', text: c.raw, at: -1 }, { op: 'delete', text: p.raw, at: j - 1 })
      i--
      j--
    } else if (dir === UP) {
      steps.push({ op: 'insert', text: claimed[i - 1]!.raw, at: -1 })
      i--
    } else {
      steps.push({ op: 'delete', text: printed[j - 1]!.raw, at: j - 1 })
      j--
    }
  }
  steps.reverse()
  // The span runs from the first to the last printed word the claim has word for word; printed words
  // outside it are context, and claimed words outside it are extras at the edges.
  const first = steps.findIndex((s) => s.op === 'equal')
  const last = steps.findLastIndex((s) => s.op === 'equal')
  const context = (from: number, to: number) => printed.slice(from, to).map((w) => ({ op: 'delete' as const, text: w.raw }))
  let diff: DiffOp[]
  let start = 0
  let stop = 0
  if (first < 0) {
    diff = [...context(0, m), ...claimed.map((w) => ({ op: 'insert' as const, text: w.raw }))]
  } else {
    start = steps[first]!.at
    stop = steps[last]!.at + 1
    const extras = (list: typeof steps) => list.filter((s) => s.op === 'insert')
    diff = [
      ...context(0, start),
      ...extras(steps.slice(0, first)),
      ...steps.slice(first, last + 1),
      ...extras(steps.slice(last + 1)),
      ...context(stop, m),
    ].map(({ op, text }) => ({ op, text }))
  }
  let equal = 0
  let shared = 0
  for (const s of steps)
    if (s.op === 'equal') {
      equal++
      shared += wordWeight(printed[s.at]!.norm)
    }
  const weigh = (list: Word[]) => list.reduce((sum, w) => sum + wordWeight(w.norm), 0)
  const total = weigh(claimed) + weigh(printed.slice(start, stop))
  return {
    diff: joinOps(diff),
    equal,
    similarity: total === 0 ? 0 : Math.round(((2 * shared) / total) * 1000) / 1000,
    span: [start, stop],
    excerpt: equal > 0 && (start > 0 || stop < m),
  }
}

/** Joins runs of the same op; within a changed stretch, deletions come before insertions. */
export function joinOps(ops: DiffOp[]): DiffOp[] {
  const ordered: DiffOp[] = []
  let pending: { delete: string[]; insert: string[] } = { delete: [], insert: [] }
  const flush = () => {
    if (pending.delete.length) ordered.push({ op: 'delete', text: pending.delete.join(' ') })
    if (pending.insert.length) ordered.push({ op: 'insert', text: pending.insert.join(' ') })
    pending = { delete: [], insert: [] }
  }
  for (const o of ops) {
    if (o.op === 'equal') {
      flush()
      const last = ordered.at(-1)
      if (last?.op === 'equal') last.text += ` ${o.text}`
      else ordered.push({ ...o })
    } else pending[o.op].push(o.text)
  }
  flush()
  return ordered
}

export type Verdict = 'verbatim' | 'close' | 'paraphrase' | 'not_found'

/** Similarity from which a claim is `close`: about one changed content word in ten. */
export const CLOSE = 0.8
/** Similarity from which a claim is a `paraphrase`, if it also shares enough of its content words. */
export const PARAPHRASE = 0.4
export const isContent = (norm: string) => !STOP_WORDS.has(norm)

/**
 * The verdict for one alignment: `verbatim` when every claimed word is printed, in order, with nothing
 * between; `close` from CLOSE similarity; `paraphrase` from PARAPHRASE. `close` and `paraphrase`
 * also need a third of the claim's content words (not function words), and two of them when it has two;
 * a claim of function words only is verbatim or not found.
 */
export function verdictOf(claimed: Word[], a: Alignment): Verdict {
  if (a.equal === 0 || claimed.length === 0) return 'not_found'
  if (a.equal === claimed.length && a.span[1] - a.span[0] === claimed.length) return 'verbatim'
  const content = new Set(claimed.map((w) => w.norm).filter(isContent))
  const shared = new Set(
    a.diff
      .filter((o) => o.op === 'equal')
      .flatMap((o) => words(o.text).map((w) => w.norm))
      .filter((n) => content.has(n)),
  )
  const enough = content.size > 0 && shared.size >= Math.min(2, content.size) && shared.size * 3 >= content.size
  if (!enough) return 'not_found'
  if (a.similarity >= CLOSE) return 'close'
  if (a.similarity >= PARAPHRASE) return 'paraphrase'
  return 'not_found'
}
