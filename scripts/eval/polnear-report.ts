/**
 * @module
 * `npm run eval -- --polnear <dir>`: runs the extractor over a PolNeAR split in our corpus format
 * (<dir>/*.md, gold in <dir>/../gold-<split>.json) and prints found %, speaker accuracy by how the
 * gold was resolved (`name` is the main figure), by publisher, and a table of the errors.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Source } from '../../src/types'
import { toMarkdownOffset } from '../corpus/markdown'
import { type MarkdownOrigin, parseSourceText } from '../corpus/parse'
import { type ExtractOptions, extractQuotations } from '../extract/extract'
import { parseRegistry } from '../pipeline'
import { accuracy, type PolnearGold, type PolnearPrediction, type SpanOutcome, scoreArticle, summarise } from './polnear'

export interface PolnearSplit {
  dir: string
  articles: Source[]
  gold: Map<string, PolnearGold[]>
  /** Each article's Markdown and the map from its plain body back to it: the gold refers to the Markdown. */
  origins: Map<string, MarkdownOrigin>
}

/** Reads a split: its articles and the gold file beside the folder (`dev/` → `gold-dev.json`). */
export function loadPolnear(dir: string): PolnearSplit {
  const goldPath = join(dirname(dir.replace(/\/+$/, '')), `gold-${basename(dir.replace(/\/+$/, ''))}.json`)
  const entries = JSON.parse(readFileSync(goldPath, 'utf8')) as PolnearGold[]
  const gold = new Map<string, PolnearGold[]>()
  for (const g of entries) gold.set(g.source, [...(gold.get(g.source) ?? []), g])
  const parsed = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseSourceText(join(dir, f), readFileSync(join(dir, f))))
  const origins = new Map(parsed.flatMap(({ source, origin }) => (origin ? [[source.id, origin] as const] : [])))
  return { dir, articles: parsed.map((p) => p.source), gold, origins }
}

/** Extracts one article with an empty registry (no speaker known in advance) and names its speakers. */
export function predictArticle(source: Source, options: ExtractOptions = {}): PolnearPrediction[] {
  const registry = parseRegistry(undefined)
  const occurrences = extractQuotations(source, registry, options)
  return occurrences.map((o) => ({
    start: o.start,
    end: o.end,
    speaker: o.speaker === null ? null : (registry.byId.get(o.speaker)?.name ?? o.speaker),
    confidence: o.confidence,
  }))
}

/** Every gold span of the split with its outcome. */
export function runPolnear(split: PolnearSplit, options: ExtractOptions = {}): SpanOutcome[] {
  return split.articles.flatMap((a) => {
    const origin = split.origins.get(a.id)
    const predictions = predictArticle(a, options)
    if (!origin) return scoreArticle(a.body, split.gold.get(a.id) ?? [], predictions)
    return scoreArticle(origin.markdown, split.gold.get(a.id) ?? [], inMarkdown(predictions, origin))
  })
}

/** Predictions on the plain body, placed in the Markdown it was made from. */
export function inMarkdown(predictions: PolnearPrediction[], origin: MarkdownOrigin): PolnearPrediction[] {
  return predictions.map((p) => ({
    ...p,
    start: toMarkdownOffset(origin.pieces, p.start, 'start'),
    end: toMarkdownOffset(origin.pieces, p.end, 'end'),
  }))
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5)

/** The printed report; `verbose` adds one line per speaker error. */
export function report(split: PolnearSplit, outcomes: SpanOutcome[], verbose: boolean): string {
  const s = summarise(outcomes)
  const lines = [`PolNeAR ${split.dir}: ${split.articles.length} articles, ${s.spans} gold quoted spans`]
  lines.push(`found ${pct(s.found / s.spans)}% (${s.found}/${s.spans})`)
  lines.push('speaker    right  named-right  abstained   (right / wrong / null)')
  for (const key of ['name', 'coref'] as const) {
    const t = s.byResolution[key]
    const a = accuracy(t)
    lines.push(
      `${key.padEnd(8)} ${pct(a.accuracy)}%      ${pct(a.named)}%     ${pct(a.abstained)}%   (${t.right} / ${t.wrong} / ${t.null})`,
    )
  }
  lines.push('\nby publisher (name-resolved speakers)')
  for (const [pub, p] of Object.entries(s.byPublisher).sort()) {
    const a = accuracy(p.name)
    lines.push(
      `  ${pub.padEnd(12)} found ${pct(p.found / p.spans)}%  speaker ${pct(a.accuracy)}%  named-right ${pct(a.named)}%  (${p.spans} spans)`,
    )
  }
  lines.push('\nerrors (name and coref gold): by gold mention form')
  const table = new Map<string, { wrong: number; null: number }>()
  for (const o of outcomes) {
    if (o.speaker !== 'wrong' && o.speaker !== 'null') continue
    const form = mentionForm(o.gold.speakerMention)
    const row = table.get(form) ?? { wrong: 0, null: 0 }
    row[o.speaker]++
    table.set(form, row)
  }
  for (const [form, row] of [...table].sort((a, b) => b[1].wrong + b[1].null - (a[1].wrong + a[1].null)))
    lines.push(`  ${form.padEnd(14)} wrong ${String(row.wrong).padStart(4)}  null ${String(row.null).padStart(4)}`)
  const missed = outcomes.filter((o) => !o.found).length
  lines.push(`  not found      ${missed}`)
  if (verbose) {
    lines.push('')
    for (const o of outcomes) {
      if (o.speaker !== 'wrong' && o.speaker !== 'null' && o.found) continue
      const what = o.found ? `SPKR ${o.gold.speaker} ≠ ${o.predicted?.speaker ?? 'null'}` : 'MISS'
      lines.push(`${o.gold.source} @${o.at?.start ?? '?'} ${what} [${o.gold.speakerMention}] ${JSON.stringify(o.gold.text.slice(0, 70))}`)
    }
  }
  return lines.join('\n')
}

/** A coarse form of the gold source phrase: pronoun, name, description. */
export function mentionForm(mention: string): string {
  const m = mention.trim()
  if (/^(?:he|she|i|we|they|it|you|him|her|them|us|me)$/i.test(m)) return 'pronoun'
  if (/^(?:the|a|an|one|his|her|their|its|our|another|some|two|three|several|many)\b/i.test(m)) return 'description'
  if (/^\p{Lu}/u.test(m)) return m.includes(',') || m.split(/\s+/).length > 4 ? 'name+apposition' : 'name'
  return 'other'
}

export function polnearMain(dir: string, verbose: boolean, jsonFile: string | null, options: ExtractOptions = {}): void {
  const split = loadPolnear(dir)
  const started = process.cpuUsage()
  const outcomes = runPolnear(split, options)
  const used = process.cpuUsage(started)
  console.log(report(split, outcomes, verbose))
  console.log(`\n${Math.round(split.articles.length / ((used.user + used.system) / 1e6))} articles/s (CPU time, extraction and scoring)`)
  if (jsonFile) {
    const s = summarise(outcomes)
    const out = {
      dir,
      ...s,
      name: accuracy(s.byResolution.name),
      coref: accuracy(s.byResolution.coref),
    }
    writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`)
  }
}
