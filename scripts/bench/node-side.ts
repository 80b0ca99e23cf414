/**
 * Run as a child process (`node --expose-gc --import tsx`): memory of the loaded corpus, the cost of a raw
 * `MiniSearch.loadJSON` of an index with every word, and where a search request's time goes, for each query of the
 * mix: the app's search with its profiler (src/search/search.ts `Lap`: search, names, facets), then the route's
 * highlights and JSON, with Node's sub-millisecond clock (workerd's has 1 ms steps).
 * Usage: node-side.ts --build <dir> --mix <JSON> --iterations <n> [--full-index <file>]; prints one JSON object.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { loadCorpus } from '../../src/data'
import { readRecords } from '../../src/records'
import { searchResult } from '../../src/routes/present'
import { indexOptions } from '../../src/search/options'
import { type Phase, searchQuotes } from '../../src/search/search'
import type { QuoteDocument } from '../../src/types'
import { parseFlags, positiveNumber, readFlags, UsageError } from '../cli'
import type { MixQuery } from './mix'
import { paramsOf } from './plan'
import { PHASES } from './report'

const { dir, mix, iterations, fullIndex } = readFlags(
  'node-side.ts --build <dir> --mix <JSON> --iterations <n> [--full-index <file>]',
  () => {
    const flags = parseFlags({
      build: { type: 'string' },
      mix: { type: 'string' },
      iterations: { type: 'string' },
      'full-index': { type: 'string' },
    })
    if (flags.build === undefined || flags.mix === undefined) throw new UsageError('--build and --mix are required')
    return {
      dir: flags.build,
      mix: JSON.parse(flags.mix) as MixQuery[],
      iterations: positiveNumber(flags.iterations, 'iterations', 20),
      fullIndex: flags['full-index'] ?? join(flags.build, 'index.txt'),
    }
  },
)
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

const recordsText = readFileSync(join(dir, 'records.txt'), 'utf8')
const indexText = readFileSync(join(dir, 'index.txt'), 'utf8')
gc()
const before = process.memoryUsage().heapUsed
const corpus = loadCorpus(readRecords(recordsText), indexText)
// The index is loaded on first use, shard by shard: count every shard in.
corpus.index.loadAll()
gc()
const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20

// A raw MiniSearch.loadJSON of an index with every word: the cold start's yardstick (median of 3).
const everyWord = readFileSync(fullIndex, 'utf8')
const loads: number[] = []
for (let i = 0; i < 3; i++) {
  gc()
  const t0 = performance.now()
  MiniSearch.loadJSON<QuoteDocument>(everyWord, indexOptions)
  loads.push(performance.now() - t0)
}
const loadJsonMs = [...loads].sort((a, b) => a - b)[1] as number

const params = (m: MixQuery) => paramsOf(corpus, m.q, m.speaker)

/** The app's search with its profiler on, then the route's highlights and JSON, timed phase by phase. */
async function phases(m: MixQuery, into: Record<Phase, number[]>) {
  const spent = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>
  let last = performance.now()
  const lap = (phase: Phase) => {
    const now = performance.now()
    spent[phase] += now - last
    last = now
  }
  const p = await params(m)
  lap('names')
  const page = searchQuotes(corpus, p, lap)
  const results = page.hits.map((hit) => searchResult(corpus, hit))
  lap('highlight')
  JSON.stringify({ query: m.q, total: page.total, results, facets: page.facets })
  lap('serialisation')
  for (const phase of PHASES) into[phase].push(spent[phase])
}

const noPhases = () => Object.fromEntries(PHASES.map((p) => [p, [] as number[]])) as Record<Phase, number[]>
const phaseTimes: Record<string, Record<Phase, number[]>> = Object.fromEntries(mix.map((m) => [m.name, noPhases()]))
// The first 5 rounds warm the JIT up and are not timed, as in workerd.
for (let i = -5; i < iterations; i++)
  for (const m of mix) {
    const into = phaseTimes[m.name] as Record<Phase, number[]>
    await phases(m, i >= 0 ? into : noPhases())
  }
console.log(
  JSON.stringify({
    heapMb,
    rss: process.memoryUsage().rss / 2 ** 20,
    loadJsonMs,
    phases: phaseTimes,
    retained: corpus.byDate.length,
  }),
)
