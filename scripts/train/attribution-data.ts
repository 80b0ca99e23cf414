/**
 * @module
 * The data side of `npm run train:attribution`: labelled candidate groups from PolNeAR, the
 * calibration (isotonic) and the abstention threshold. Pure but for `collect`, which runs the extractor.
 */
import { findSpan, type PolnearGold, placeSpan, speakerMatches } from '../eval/polnear'
import type { PolnearSplit } from '../eval/polnear-report'
import type { CandidateGroup } from '../extract/choose'
import { extractQuotations } from '../extract/extract'
import type { AttributionModel } from '../extract/ranker'
import { parseRegistry } from '../pipeline'

/** By default a wrong name costs two abstentions: abstain where a speaker is right less than 2 times in 3. */
export const WRONG_COST = 2

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))

/** The gold span a predicted quote belongs to: the one holding at least 0.8 of it, most overlap first. */
export function goldFor(quote: { start: number; end: number }, golds: { at: { start: number; end: number }; g: PolnearGold }[]) {
  let best: PolnearGold | null = null
  let most = 0
  for (const { at, g } of golds) {
    const shared = overlap(quote, at)
    if (shared > most && shared >= 0.8 * (quote.end - quote.start)) {
      best = g
      most = shared
    }
  }
  return best
}

/**
 * Every quote's candidates, with the gold placed in each body: from the rules-only run, or from a run with
 * `model` choosing, so that the features of a quote that follows another (its previous mention and
 * speaker) are those the model will see.
 */
export function collect(split: PolnearSplit, model: AttributionModel | null = null): { group: CandidateGroup; gold: PolnearGold | null }[] {
  const out: { group: CandidateGroup; gold: PolnearGold | null }[] = []
  for (const source of split.articles) {
    const golds = (split.gold.get(source.id) ?? []).flatMap((g) => {
      const at = placeSpan(source.body, g.text, g.bodyStart)
      return at ? [{ at, g }] : []
    })
    extractQuotations(source, parseRegistry(undefined), {
      model,
      collect: (group) => out.push({ group, gold: goldFor(group.quote, golds) }),
    })
  }
  return out
}

const surnameOf = (name: string) =>
  (
    name
      .replace(/[’']s$/, '')
      .split(/\s+/)
      .pop() ?? ''
  ).toLowerCase()

/** The index of the right candidate (see the module comment). */
export function label(group: CandidateGroup, gold: PolnearGold | null): number {
  const none = group.candidates.findIndex((c) => c.type === 'none')
  if (!gold) return none
  const hits = group.candidates
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.start >= 0 && (gold.mentionSpans ?? []).some(([s, e]) => s >= 0 && c.start < e && c.end > s))
  const named = gold.speaker
    ? hits.find(({ c }) => c.type !== 'pronoun' && surnameOf(c.text) === surnameOf(gold.speaker as string))
    : undefined
  const hit = named ?? hits[0]
  if (hit) return hit.i
  const rule = group.candidates.findIndex((c) => c.type === 'rule')
  if (rule >= 0 && gold.speaker && speakerMatches(gold, group.ruleName)) return rule
  return none
}

/**
 * Every candidate that would name the right speaker: the one `label` picks, other names of the gold
 * speaker in the window (by surname), and the rules' answer when it is right. Training on the set lets the
 * ranker prefer a name over a pronoun that only the (weaker) pronoun resolution would turn into that name.
 */
export function labels(group: CandidateGroup, gold: PolnearGold | null): number[] {
  const first = label(group, gold)
  if (!gold?.speaker || gold.resolvedBy === 'none') return [first]
  const surname = surnameOf(gold.speaker)
  const out = new Set([first])
  group.candidates.forEach((c, i) => {
    if ((c.type === 'name' || c.type === 'org') && surnameOf(c.text) === surname) out.add(i)
    if (c.type === 'rule' && speakerMatches(gold, group.ruleName)) out.add(i)
  })
  const none = group.candidates.findIndex((c) => c.type === 'none')
  if (out.size > 1) out.delete(none)
  return [...out].sort((a, b) => a - b)
}

/** Pool-adjacent-violators over (p, right) sorted by p: a monotone map from probability to accuracy, as points. */
export function isotonic(pairs: { p: number; right: boolean }[], bins = 20): { p: number; accuracy: number }[] {
  const sorted = [...pairs].sort((a, b) => a.p - b.p)
  const size = Math.max(1, Math.ceil(sorted.length / bins))
  let blocks: { p: number; sum: number; n: number }[] = []
  for (let i = 0; i < sorted.length; i += size) {
    const chunk = sorted.slice(i, i + size)
    blocks.push({ p: chunk.reduce((s, x) => s + x.p, 0) / chunk.length, sum: chunk.filter((x) => x.right).length, n: chunk.length })
  }
  for (let merged = true; merged; ) {
    merged = false
    const next: typeof blocks = []
    for (const b of blocks) {
      const last = next[next.length - 1]
      if (last && last.sum / last.n > b.sum / b.n) {
        next[next.length - 1] = { p: (last.p * last.n + b.p * b.n) / (last.n + b.n), sum: last.sum + b.sum, n: last.n + b.n }
        merged = true
      } else next.push(b)
    }
    blocks = next
  }
  return blocks.map((b) => ({ p: Math.round(b.p * 1e4) / 1e4, accuracy: Math.round((b.sum / b.n) * 1e4) / 1e4 }))
}

/** Winner probability and rightness of each dev quote whose gold names a speaker. */
export function devOutcomes(dev: PolnearSplit, model: AttributionModel): { p: number; right: boolean }[] {
  const out: { p: number; right: boolean }[] = []
  const raw: AttributionModel = { ...model, calibration: [], threshold: 0 }
  for (const source of dev.articles) {
    const registry = parseRegistry(undefined)
    const occurrences = extractQuotations(source, registry, { model: raw })
    for (const g of dev.gold.get(source.id) ?? []) {
      if (g.resolvedBy === 'none' || !g.speaker) continue
      const at = placeSpan(source.body, g.text, g.bodyStart)
      // The occurrence the scorer would credit with this span (eval/polnear.ts findSpan).
      const o = at ? findSpan(at, occurrences) : null
      if (!o?.speaker) continue
      out.push({ p: o.confidence, right: speakerMatches(g, registry.byId.get(o.speaker)?.name ?? o.speaker) })
    }
  }
  return out
}

/** The threshold on calibrated confidence that maximises right − WRONG_COST × wrong over the dev outcomes. */
export function bestThreshold(
  points: { p: number; accuracy: number }[],
  outcomes: { p: number; right: boolean }[],
  conf: (p: number) => number,
  wrongCost = WRONG_COST,
) {
  let best = { threshold: 0, utility: -Infinity }
  for (const t of [0, ...points.map((x) => x.accuracy)]) {
    const kept = outcomes.filter((o) => conf(o.p) >= t)
    const utility = kept.filter((o) => o.right).length - wrongCost * kept.filter((o) => !o.right).length
    if (utility > best.utility) best = { threshold: t, utility }
  }
  return best.threshold
}
