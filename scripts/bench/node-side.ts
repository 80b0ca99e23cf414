/**
 * Run as a child process (`node --expose-gc --import tsx`): memory of the loaded corpus, and the query
 * mix on raw MiniSearch (index.search with the same options, no routes) in plain Node.
 * Usage: node-side.ts --build <dir> --mix <JSON> --iterations <n>; prints one JSON object.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import MiniSearch, { type SearchOptions } from 'minisearch'
import { loadCorpus } from '../../src/data'
import { unpackRecords } from '../../src/pack'
import { indexOptions, searchOptions } from '../../src/search/options'
import { speakerId } from '../../src/text'
import type { QuoteDocument } from '../../src/types'
import { parseFlags, positiveNumber, readFlags, UsageError } from '../cli'
import type { MixQuery } from './mix'

const { dir, mix, iterations } = readFlags('node-side.ts --build <dir> --mix <JSON> --iterations <n>', () => {
  const flags = parseFlags({ build: { type: 'string' }, mix: { type: 'string' }, iterations: { type: 'string' } })
  if (flags.build === undefined || flags.mix === undefined) throw new UsageError('--build and --mix are required')
  return { dir: flags.build, mix: JSON.parse(flags.mix) as MixQuery[], iterations: positiveNumber(flags.iterations, 'iterations', 20) }
})
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

const recordsText = readFileSync(join(dir, 'records.txt'), 'utf8')
const indexText = readFileSync(join(dir, 'index.txt'), 'utf8')
gc()
const before = process.memoryUsage().heapUsed
const corpus = loadCorpus(unpackRecords(JSON.parse(recordsText)), indexText)
gc()
const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20

const raw = MiniSearch.loadJSON<QuoteDocument>(indexText, indexOptions)
const speakerOf = new Map(corpus.records.quotes.map((q) => [q.id, q.speaker]))
const times: Record<string, number[]> = Object.fromEntries(mix.map((m) => [m.name, []]))
// The first 5 rounds warm the JIT up and are not timed, as in workerd.
for (let i = -5; i < iterations; i++) {
  for (const m of mix) {
    const options: SearchOptions = { ...searchOptions }
    if (m.speaker) {
      const want = speakerId(m.speaker)
      options.filter = (r) => speakerOf.get(r.id as string) === want
    }
    const t0 = performance.now()
    raw.search(m.q, options)
    const ms = performance.now() - t0
    if (i >= 0) times[m.name]?.push(ms)
  }
}
console.log(JSON.stringify({ heapMb, rss: process.memoryUsage().rss / 2 ** 20, times, retained: corpus.byDate.length }))
