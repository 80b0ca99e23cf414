/**
 * @module
 * What both benchmarks (the bundle, `run.ts`, and D1, `d1.ts`) share: statistics and the synthetic
 * corpus written as Quotebank JSON Lines.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { synthetic } from './generate'
import { type MixQuery, queryMix } from './mix'

export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** Writes `quotes` synthetic quotations to `<dir>/corpus/quotes.jsonl` (streamed) and returns the query mix for them. */
export async function writeCorpus(dir: string, quotes: number): Promise<MixQuery[]> {
  const s = synthetic(quotes)
  await rm(dir, { recursive: true, force: true })
  await mkdir(join(dir, 'corpus'), { recursive: true })
  const out = createWriteStream(join(dir, 'corpus/quotes.jsonl'))
  let first = ''
  for (const line of s.lines()) {
    first ||= line.quotation
    if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((r) => out.end(() => r()))
  return queryMix(s, first)
}
