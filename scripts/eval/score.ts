/**
 * @module
 * Pure scoring of extracted quotations against gold annotations (test/gold, see GOLD.md):
 * span matching (exact, and overlap by intersection over union), speaker name comparison,
 * kind confusion and dates. No I/O here; scripts/eval.ts loads the files and prints.
 */
import { foldText } from '../../src/text'
import { QUOTE_KINDS, type QuoteKind } from '../../src/types'

export interface GoldQuote {
  start: number
  end: number
  text: string
  /** Full name as the article gives it, an organisation, or null when the article does not say. */
  speaker: string | null
  kind: QuoteKind
  /** The date the words were said when the text states it; null means "the publication date". */
  date: string | null
}

export interface PredictedQuote {
  start: number
  end: number
  text: string
  /** Speaker name resolved from the registry, or null. */
  speaker: string | null
  /** Other names of the predicted speaker (registry aliases); a gold name matching one counts. */
  aliases?: string[]
  kind: QuoteKind
  date: string | null
}

export interface Span {
  start: number
  end: number
}

/** Characters shared by two spans divided by the length of their union (0..1). */
export function overlapRatio(a: Span, b: Span): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start)
  if (inter <= 0) return a.start === b.start && a.end === b.end ? 1 : 0
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start)
  return inter / union
}

export type MatchMode = 'exact' | 'overlap'

export const OVERLAP_THRESHOLD = 0.8

/**
 * One-to-one greedy matching: every (gold, predicted) pair that qualifies, best ratio first
 * (ties by gold then predicted order), each side used at most once.
 * `exact` qualifies only identical spans; `overlap` qualifies a ratio ≥ threshold.
 */
export function matchSpans(gold: Span[], pred: Span[], mode: MatchMode, threshold = OVERLAP_THRESHOLD): [number, number][] {
  const pairs: { g: number; p: number; r: number }[] = []
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      if (mode === 'exact') {
        if (g.start === p.start && g.end === p.end) pairs.push({ g: gi, p: pi, r: 1 })
        return
      }
      const r = overlapRatio(g, p)
      if (r >= threshold) pairs.push({ g: gi, p: pi, r })
    })
  })
  pairs.sort((a, b) => b.r - a.r || a.g - b.g || a.p - b.p)
  const usedG = new Set<number>()
  const usedP = new Set<number>()
  const out: [number, number][] = []
  for (const { g, p } of pairs) {
    if (usedG.has(g) || usedP.has(p)) continue
    usedG.add(g)
    usedP.add(p)
    out.push([g, p])
  }
  return out.sort((a, b) => a[0] - b[0])
}

/** Folds a name for comparison: case, diacritics, apostrophes, dots, hyphens, a leading "the". */
export function foldSpeaker(name: string): string {
  return foldText(name)
    .replace(/[.\-‐–—,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '')
}

/** Generational suffixes after a surname ("James P. Kennedy Jr."): not the surname. */
const SUFFIX = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])

function withoutSuffix(words: string[]): string[] {
  return words.length > 2 && SUFFIX.has(words[words.length - 1] as string) ? words.slice(0, -1) : words
}

/**
 * Whether a predicted name names the gold speaker. Equal after folding; or the same surname
 * (last word, a Jr./Sr./III suffix aside) and the same first name or a matching initial
 * ("J. Smith" for "John Smith", "James Kennedy" for "James P. Kennedy Jr.").
 * A null gold speaker matches only a null prediction, and a null prediction only a null gold.
 */
export function sameSpeaker(gold: string | null, predicted: string | null, aliases: string[] = []): boolean {
  if (gold === null || predicted === null) return gold === predicted
  const g = foldSpeaker(gold)
  return [predicted, ...aliases].some((name) => {
    const p = foldSpeaker(name)
    if (p === g) return true
    const gw = withoutSuffix(g.split(' '))
    const pw = withoutSuffix(p.split(' '))
    if (gw.length < 2 || pw.length < 2) return false
    if (gw[gw.length - 1] !== pw[pw.length - 1]) return false
    const gf = gw[0] as string
    const pf = pw[0] as string
    if (gf === pf) return true
    return (gf.length === 1 || pf.length === 1) && gf[0] === pf[0]
  })
}

export interface Counts {
  tp: number
  fp: number
  fn: number
}

export interface Prf {
  precision: number
  recall: number
  f1: number
}

/** Precision, recall, F1; an empty denominator counts as perfect (nothing to find, nothing invented). */
export function prf({ tp, fp, fn }: Counts): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1 }
}

/** gold kind → predicted kind → count, over overlap-matched pairs. */
export type Confusion = Record<QuoteKind, Record<QuoteKind, number>>

export interface Ratio {
  correct: number
  total: number
}

export interface FileScore {
  exact: Counts
  overlap: Counts
  /** Speaker right over overlap-matched pairs whose gold kind is "quotation". */
  speaker: Ratio
  /** Speaker right over all overlap-matched pairs (fragments included). */
  speakerAll: Ratio
  /** Date right (gold date, else the publication date) over overlap-matched pairs. */
  date: Ratio
  confusion: Confusion
  misses: GoldQuote[]
  falsePositives: PredictedQuote[]
  wrongSpeakers: { gold: GoldQuote; predicted: PredictedQuote }[]
  wrongKinds: { gold: GoldQuote; predicted: PredictedQuote }[]
  wrongDates: { gold: GoldQuote; predicted: PredictedQuote; expected: string | null }[]
}

export function emptyConfusion(): Confusion {
  return { quotation: { quotation: 0, fragment: 0 }, fragment: { quotation: 0, fragment: 0 } }
}

/** Scores one article: `published` is the article's publication date, expected when gold.date is null. */
export function scoreFile(gold: GoldQuote[], pred: PredictedQuote[], published: string | null): FileScore {
  const exact = matchSpans(gold, pred, 'exact')
  const overlap = matchSpans(gold, pred, 'overlap')
  const score: FileScore = {
    exact: { tp: exact.length, fp: pred.length - exact.length, fn: gold.length - exact.length },
    overlap: { tp: overlap.length, fp: pred.length - overlap.length, fn: gold.length - overlap.length },
    speaker: { correct: 0, total: 0 },
    speakerAll: { correct: 0, total: 0 },
    date: { correct: 0, total: 0 },
    confusion: emptyConfusion(),
    misses: [],
    falsePositives: [],
    wrongSpeakers: [],
    wrongKinds: [],
    wrongDates: [],
  }
  const matchedG = new Set(overlap.map(([g]) => g))
  const matchedP = new Set(overlap.map(([, p]) => p))
  score.misses = gold.filter((_, i) => !matchedG.has(i))
  score.falsePositives = pred.filter((_, i) => !matchedP.has(i))
  for (const [gi, pi] of overlap) {
    const g = gold[gi] as GoldQuote
    const p = pred[pi] as PredictedQuote
    const right = sameSpeaker(g.speaker, p.speaker, p.aliases)
    score.speakerAll.total++
    if (right) score.speakerAll.correct++
    if (g.kind === 'quotation') {
      score.speaker.total++
      if (right) score.speaker.correct++
    }
    if (!right) score.wrongSpeakers.push({ gold: g, predicted: p })
    score.confusion[g.kind][p.kind]++
    if (g.kind !== p.kind) score.wrongKinds.push({ gold: g, predicted: p })
    const expected = g.date ?? published
    score.date.total++
    if (p.date === expected) score.date.correct++
    else score.wrongDates.push({ gold: g, predicted: p, expected })
  }
  return score
}

function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }
}

function addRatio(a: Ratio, b: Ratio): Ratio {
  return { correct: a.correct + b.correct, total: a.total + b.total }
}

/** Micro-averaged total over files: counts and ratios are summed before dividing. */
export function totalScore(
  files: FileScore[],
): Omit<FileScore, 'misses' | 'falsePositives' | 'wrongSpeakers' | 'wrongKinds' | 'wrongDates'> {
  const zero: Counts = { tp: 0, fp: 0, fn: 0 }
  const none: Ratio = { correct: 0, total: 0 }
  const confusion = emptyConfusion()
  for (const f of files) for (const g of QUOTE_KINDS) for (const p of QUOTE_KINDS) confusion[g][p] += f.confusion[g][p]
  return {
    exact: files.reduce((acc, f) => addCounts(acc, f.exact), zero),
    overlap: files.reduce((acc, f) => addCounts(acc, f.overlap), zero),
    speaker: files.reduce((acc, f) => addRatio(acc, f.speaker), none),
    speakerAll: files.reduce((acc, f) => addRatio(acc, f.speakerAll), none),
    date: files.reduce((acc, f) => addRatio(acc, f.date), none),
    confusion,
  }
}

/** correct / total, or null when there is nothing to score. */
export function rate({ correct, total }: Ratio): number | null {
  return total === 0 ? null : correct / total
}
