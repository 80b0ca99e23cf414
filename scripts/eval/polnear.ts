/**
 * @module
 * Scoring against PolNeAR (../shared/polnear, see its README): a large corpus of US political news
 * with every attributed direct quotation's source annotated by hand. The rules are those of the
 * project's independent measurement:
 * - a gold span is found when one predicted quote overlaps it by ≥ 0.8 of the longer of the two, or
 *   when predicted pieces each lying ≥ 0.8 inside it together cover ≥ 0.8 of it;
 * - the speaker of a found span (the predicted piece overlapping it most) is right when, for a
 *   person, the surnames agree (last word folded, possessive and Jr./Sr./II/III dropped) and, for an
 *   organisation, one name contains the other (a leading "the" dropped). A null prediction is wrong.
 * Pure functions here; scripts/eval.ts reads the files and prints.
 */
import { foldText } from '../../src/text'

export type ResolvedBy = 'name' | 'coref' | 'none'

/** One entry of gold-<split>.json. */
export interface PolnearGold {
  source: string
  publisher: string
  text: string
  bodyStart: number
  speaker: string | null
  speakerType: 'PERSON' | 'ORGANIZATION' | null
  speakerMention: string
  resolvedBy: ResolvedBy
  mentionSpans: [number, number][] | null
  cueSpans: [number, number][] | null
}

/** What the extractor said about one quote, as the scorer needs it. */
export interface PolnearPrediction {
  start: number
  end: number
  speaker: string | null
  confidence: number
}

/** How one gold span fared. */
export interface SpanOutcome {
  gold: PolnearGold
  /** Where the gold words stand in the body (searched near bodyStart); null when they are not there. */
  at: { start: number; end: number } | null
  found: boolean
  /** The predicted piece overlapping the span most, when found. */
  predicted: PolnearPrediction | null
  /** 'right', 'wrong' (another name), 'null' (no name), or 'n/a' (not found, or gold has no speaker). */
  speaker: 'right' | 'wrong' | 'null' | 'n/a'
}

/** Where `text` stands in `body`: the occurrence nearest `near`. */
export function placeSpan(body: string, text: string, near: number): { start: number; end: number } | null {
  let best = -1
  for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) {
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at
  }
  return best < 0 ? null : { start: best, end: best + text.length }
}

const intersect = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))

/** The found rule of the README: one piece covering ≥ 0.8 of the longer, or inner pieces covering ≥ 0.8 together. */
export function findSpan(span: { start: number; end: number }, pred: PolnearPrediction[]): PolnearPrediction | null {
  const length = span.end - span.start
  let best: PolnearPrediction | null = null
  let bestOverlap = 0
  let inner = 0
  for (const p of pred) {
    const shared = intersect(span, p)
    if (shared === 0) continue
    if (shared > bestOverlap) {
      best = p
      bestOverlap = shared
    }
    if (shared >= 0.8 * (p.end - p.start)) inner += shared
  }
  if (!best) return null
  const single = bestOverlap >= 0.8 * Math.max(length, best.end - best.start)
  return single || inner >= 0.8 * length ? best : null
}

const SUFFIX = /^(?:jr|sr|ii|iii|iv)$/

/** The surname of a person's name: last word, folded, possessive and generational suffix dropped. */
export function surnameKey(name: string): string {
  const words = foldText(name.replace(/[’']s\b/gu, ''))
    .replace(/[^\p{L}\p{N}\s-]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
  while (words.length > 1 && SUFFIX.test(words[words.length - 1] as string)) words.pop()
  const last = words[words.length - 1] ?? ''
  return last
}

const orgKey = (name: string) =>
  foldText(name)
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '')

/** The speaker rule of the README. */
export function speakerMatches(gold: PolnearGold, predicted: string | null): boolean {
  if (!gold.speaker || !predicted) return false
  if (gold.speakerType === 'ORGANIZATION') {
    const g = orgKey(gold.speaker)
    const p = orgKey(predicted)
    return g !== '' && p !== '' && (g.includes(p) || p.includes(g))
  }
  const key = (n: string) => surnameKey(n.replace(/[’']s$/, ''))
  return key(gold.speaker) !== '' && key(gold.speaker) === key(predicted)
}

/** Scores one article's predictions (speaker ids already turned into names) against its gold spans. */
export function scoreArticle(body: string, gold: PolnearGold[], pred: PolnearPrediction[]): SpanOutcome[] {
  return gold.map((g) => {
    const at = placeSpan(body, g.text, g.bodyStart)
    const predicted = at ? findSpan(at, pred) : null
    const found = predicted !== null
    const speaker =
      !found || g.resolvedBy === 'none' || !g.speaker
        ? 'n/a'
        : predicted.speaker === null
          ? 'null'
          : speakerMatches(g, predicted.speaker)
            ? 'right'
            : 'wrong'
    return { gold: g, at, found, predicted, speaker }
  })
}

export interface SpeakerTally {
  right: number
  wrong: number
  null: number
}

export interface PolnearSummary {
  spans: number
  found: number
  byResolution: Record<'name' | 'coref', SpeakerTally>
  byPublisher: Record<string, { spans: number; found: number; name: SpeakerTally }>
}

const tally = (): SpeakerTally => ({ right: 0, wrong: 0, null: 0 })

export function summarise(outcomes: SpanOutcome[]): PolnearSummary {
  const s: PolnearSummary = { spans: 0, found: 0, byResolution: { name: tally(), coref: tally() }, byPublisher: {} }
  for (const o of outcomes) {
    s.spans++
    const pub = s.byPublisher[o.gold.publisher] ?? { spans: 0, found: 0, name: tally() }
    s.byPublisher[o.gold.publisher] = pub
    pub.spans++
    if (!o.found) continue
    s.found++
    pub.found++
    if (o.speaker === 'n/a' || o.gold.resolvedBy === 'none') continue
    s.byResolution[o.gold.resolvedBy][o.speaker]++
    if (o.gold.resolvedBy === 'name') pub.name[o.speaker]++
  }
  return s
}

/** Right over all (a null is wrong), and right over those given a name (the precision of named attributions). */
export function accuracy(t: SpeakerTally): { accuracy: number; named: number; abstained: number } {
  const all = t.right + t.wrong + t.null
  return {
    accuracy: all === 0 ? 0 : t.right / all,
    named: t.right + t.wrong === 0 ? 0 : t.right / (t.right + t.wrong),
    abstained: all === 0 ? 0 : t.null / all,
  }
}
