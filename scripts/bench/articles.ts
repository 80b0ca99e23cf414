/**
 * `npm run bench:articles -- --corpus DIR`: an article corpus (Markdown or text articles, as `corpus/`) built with
 * the real build and served by the real app in workerd. The synthetic bench (run.ts) has no article text, so no
 * context: here every search may read the articles around its quotes too (src/search/context.ts).
 *
 * The queries come from the corpus itself, the same for every run: the 40 commonest words of the quotes (not
 * COMMON_WORDS), 40 more evenly spaced down the rest of that list, and the surnames of the 20 most quoted speakers,
 * each searched as typed (the last word a prefix). Reported: per query, its mean in workerd (batches of BATCH
 * requests, as run.ts), and over the queries their median, p90 and slowest, and how many take more than the free
 * plan's 10 ms of CPU. Writes bench/results-articles.json. Never part of `npm test`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { readRecords } from '../../src/records'
import { COMMON_WORDS, foldedWords } from '../../src/search/options'
import type { Quote, Speaker } from '../../src/types'
import { parseFlags, readFlags } from '../cli'
import { buildIndex, mean, quantile, round, startWorker, writeAppWorker } from './common'

const ROOT = resolve(import.meta.dirname, '../..')
const OUT = join(ROOT, 'bench/out/articles')
/** Requests per timing (workerd's clock has 1 ms steps), and timings per query. */
const BATCH = 10
const ROUNDS = 5
/** Fresh isolates for the cold first search. */
const COLD_RUNS = 3
/** The free plan's CPU time per request. */
const FREE_CPU_MS = 10

const { CORPUS } = readFlags('npm run bench:articles -- --corpus DIR', () => {
  const flags = parseFlags({ corpus: { type: 'string' } })
  if (!flags.corpus) throw new Error('--corpus DIR is required: a folder of articles')
  return { CORPUS: resolve(flags.corpus) }
})

process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

/** The bench's queries for a corpus (see the module comment), in a fixed order without repeats. */
export function articleQueries(quotes: Quote[], speakers: Speaker[]): string[] {
  const held = new Map<string, number>()
  for (const q of quotes)
    for (const w of new Set(foldedWords(q.text))) if (w.length >= 3 && !COMMON_WORDS.has(w)) held.set(w, (held.get(w) ?? 0) + 1)
  const words = [...held].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w)
  const rest = words.slice(40)
  const step = Math.max(1, Math.floor(rest.length / 40))
  const spread = rest.filter((_, i) => i % step === 0).slice(0, 40)
  const quoted = new Map<string, number>()
  for (const q of quotes) if (q.speaker) quoted.set(q.speaker, (quoted.get(q.speaker) ?? 0) + 1)
  const names = new Map(speakers.map((s) => [s.id, s.name]))
  const surnames = [...quoted]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => foldedWords(names.get(id) ?? '').at(-1))
    .filter((w): w is string => w !== undefined)
  return [...new Set([...words.slice(0, 40), ...spread, ...surnames.slice(0, 20)])]
}

async function main() {
  await mkdir(join(OUT, 'build'), { recursive: true })
  const buildMs = (await buildIndex(CORPUS, join(OUT, 'build'))).wallMs
  await writeAppWorker(OUT, 'verbatim-bench-articles', false)
  const records = readRecords(await readFile(join(OUT, 'build/records.txt'), 'utf8'))
  const queries = articleQueries(records.quotes, records.speakers)
  const path = (q: string) => `/api/search?${new URLSearchParams({ q })}`
  // Cold: a fresh isolate's first search of the commonest word (median of COLD_RUNS), wall time from Node.
  const cold: number[] = []
  for (let i = 0; i < COLD_RUNS; i++) {
    const fresh = await startWorker(OUT)
    await (await fresh.fetch('http://bench.test/__bench/ping')).arrayBuffer()
    const t = performance.now()
    await (await fresh.fetch(`http://bench.test${path(queries[0] as string)}`)).arrayBuffer()
    cold.push(performance.now() - t)
    await fresh.dispose()
  }
  const worker = await startWorker(OUT)
  const rows: { q: string; ms: number; total: number }[] = []
  try {
    const totals = new Map<string, number>()
    for (const q of queries) {
      const res = await worker.fetch(`http://bench.test${path(q)}`)
      totals.set(q, ((await res.json()) as { total: number }).total)
    }
    const run = new URLSearchParams({ iterations: '1', batch: String(BATCH), rounds: String(ROUNDS) })
    for (const q of queries) run.append('path', path(q))
    const res = await worker.fetch(`http://bench.test/__bench/run?${run}`)
    if (res.status !== 200) throw new Error(`bench route: ${res.status} ${await res.text()}`)
    const { batches } = (await res.json()) as { batches: Record<string, { app: number[] }> }
    for (const q of queries) rows.push({ q, ms: round(mean(batches[path(q)]?.app ?? []), 2), total: totals.get(q) ?? 0 })
  } finally {
    await worker.dispose()
  }
  const times = rows.map((r) => r.ms)
  const summary = {
    corpus: basename(CORPUS),
    sources: records.sources.length,
    quotes: records.quotes.length,
    build_s: round(buildMs / 1000, 1),
    queries: rows.length,
    p50_ms: quantile(times, 0.5),
    p90_ms: quantile(times, 0.9),
    max_ms: Math.max(...times),
    over_free_cpu: times.filter((t) => t > FREE_CPU_MS).length,
    cold_first_search_ms: Math.round(quantile(cold, 0.5)),
  }
  const slowest = [...rows].sort((a, b) => b.ms - a.ms).slice(0, 10)
  console.log(
    [
      '| corpus | quotes | queries | mean per query: median / p90 / slowest | over 10 ms | cold first search |',
      '|:---|---:|---:|:---|---:|---:|',
      `| ${summary.corpus} (${summary.sources} articles) | ${summary.quotes.toLocaleString('en')} | ${summary.queries} | ${summary.p50_ms} / ${summary.p90_ms} / ${summary.max_ms} ms | ${summary.over_free_cpu} | ${summary.cold_first_search_ms} ms (\`${queries[0]}\`) |`,
      '',
      `slowest: ${slowest.map((r) => `${r.q} ${r.ms} ms (${r.total})`).join(', ')}`,
    ].join('\n'),
  )
  await writeFile(
    join(ROOT, 'bench/results-articles.json'),
    `${JSON.stringify({ node: process.version, date: new Date().toISOString().slice(0, 10), ...summary, rows }, null, 2)}\n`,
  )
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
