/**
 * @module
 * Loads the gold set (test/gold/articles/<id>.md + test/gold/annotations/<id>.json, see GOLD.md),
 * validates it, runs the extractor on each article and scores it. Used by scripts/eval.ts and the
 * unit tests (validity and the F1 floor).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Source } from '../../src/types'
import { parseSource } from '../corpus/parse'
import { type ExtractOptions, extractQuotations } from '../extract/extract'
import { parseRegistry, REGISTRY_FILE } from '../pipeline'
import { type FileScore, type GoldQuote, type PredictedQuote, scoreFile } from './score'

export const GOLD_DIR = 'test/gold'
export const REGISTRY_PATH = `corpus/${REGISTRY_FILE}`

export interface Annotation {
  source: string
  outlet: string
  style: string
  origin: string
  quotes: GoldQuote[]
}

export interface GoldArticle {
  id: string
  source: Source
  annotation: Annotation
}

/** Reads every article that has an annotation file; an article without one (or the reverse) is an error. */
export function loadGold(dir = GOLD_DIR): GoldArticle[] {
  const articles = readdirSync(join(dir, 'articles')).filter((f) => f.endsWith('.md'))
  const annotations = readdirSync(join(dir, 'annotations')).filter((f) => f.endsWith('.json'))
  const ids = articles.map((f) => f.slice(0, -3)).sort()
  const annotated = new Set(annotations.map((f) => f.slice(0, -5)))
  for (const id of ids) if (!annotated.has(id)) throw new Error(`${dir}/articles/${id}.md has no annotations/${id}.json`)
  for (const id of annotated) if (!ids.includes(id)) throw new Error(`${dir}/annotations/${id}.json has no articles/${id}.md`)
  return ids.map((id) => {
    const path = join(dir, 'articles', `${id}.md`)
    const source = parseSource(path, readFileSync(path))
    const annotation = JSON.parse(readFileSync(join(dir, 'annotations', `${id}.json`), 'utf8')) as Annotation
    return { id, source, annotation }
  })
}

/** Every problem with one annotation file, as readable strings (empty when valid). */
export function validateAnnotation(article: GoldArticle): string[] {
  const { id, source, annotation: a } = article
  const errors: string[] = []
  if (a.source !== id) errors.push(`"source" is "${a.source}", expected "${id}"`)
  for (const key of ['outlet', 'style', 'origin'] as const) if (typeof a[key] !== 'string' || a[key] === '') errors.push(`"${key}" missing`)
  if (!Array.isArray(a.quotes)) return [...errors, '"quotes" must be a list']
  let previousStart = -1
  a.quotes.forEach((q, i) => {
    const at = `quotes[${i}]`
    if (!Number.isInteger(q.start) || !Number.isInteger(q.end) || q.start < 0 || q.end <= q.start || q.end > source.body.length)
      errors.push(`${at}: bad offsets ${q.start}..${q.end}`)
    else if (source.body.slice(q.start, q.end) !== q.text)
      errors.push(`${at}: body.slice(${q.start}, ${q.end}) is "${source.body.slice(q.start, q.end)}", not "${q.text}"`)
    if (q.start <= previousStart) errors.push(`${at}: quotes must be sorted by start and not repeat`)
    previousStart = q.start
    if (q.kind !== 'quotation' && q.kind !== 'fragment') errors.push(`${at}: kind must be "quotation" or "fragment"`)
    if (q.speaker !== null && (typeof q.speaker !== 'string' || q.speaker.trim() !== q.speaker || q.speaker === ''))
      errors.push(`${at}: speaker must be a trimmed non-empty name or null`)
    if (typeof q.speaker === 'string' && /^(mr|mrs|ms|dr|the)\b/i.test(q.speaker))
      errors.push(`${at}: speaker "${q.speaker}" starts with a title or article`)
    if (q.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(q.date))) errors.push(`${at}: date must be YYYY-MM-DD or null`)
    const extra = Object.keys(q).filter((k) => !['start', 'end', 'text', 'speaker', 'kind', 'date'].includes(k))
    if (extra.length > 0) errors.push(`${at}: unknown keys ${extra.join(', ')}`)
  })
  return errors
}

/** Runs the extractor on one article with a fresh registry from corpus/speakers.yaml and resolves speaker ids to names. */
export function predict(source: Source, registryBytes: Uint8Array, options: ExtractOptions = {}): PredictedQuote[] {
  const registry = parseRegistry({ path: REGISTRY_PATH, bytes: registryBytes })
  const occurrences = extractQuotations(source, registry, options)
  const byId = new Map(registry.speakers.map((s) => [s.id, s]))
  return occurrences.map((o) => {
    const speaker = o.speaker === null ? undefined : byId.get(o.speaker)
    return {
      start: o.start,
      end: o.end,
      text: o.text,
      speaker: o.speaker === null ? null : (speaker?.name ?? o.speaker),
      aliases: speaker?.aliases ?? [],
      kind: o.kind,
      date: o.date,
    }
  })
}

export interface ArticleResult {
  id: string
  outlet: string
  style: string
  published: string | null
  gold: number
  predicted: number
  score: FileScore
}

export function evaluate(
  articles: GoldArticle[],
  registryBytes: Uint8Array = readFileSync(REGISTRY_PATH),
  options: ExtractOptions = {},
): ArticleResult[] {
  return articles.map(({ id, source, annotation }) => {
    const pred = predict(source, registryBytes, options)
    return {
      id,
      outlet: annotation.outlet,
      style: annotation.style,
      published: source.published,
      gold: annotation.quotes.length,
      predicted: pred.length,
      score: scoreFile(annotation.quotes, pred, source.published),
    }
  })
}
