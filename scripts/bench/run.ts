/**
 * `npm run bench [-- --check] [-- --sizes 1000,10000]`: synthetic Quotebank corpora built with the real
 * build and served by the real app in workerd. Prints one table row per size and writes bench/results.json.
 * `--check` enforces the budgets at 10k quotes and exits nonzero when one is broken.
 * Output corpora and builds go to bench/out/ (gitignored). Never part of `npm test`.
 */
import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { bundleProblems } from '../budget'
import { parseFlags, positiveIntegers, readFlags } from '../cli'
import { bundle, mean, quantile, round, startWorker, writeCorpus } from './common'
import { type MixQuery, mixPath } from './mix'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../..')
const OUT = join(ROOT, 'bench/out')
const { CHECK, SIZES } = readFlags('npm run bench [-- --check] [--sizes 1000,10000]', () => {
  const flags = parseFlags({ check: { type: 'boolean', default: false }, sizes: { type: 'string' } })
  return { CHECK: flags.check, SIZES: positiveIntegers(flags.sizes, 'sizes', flags.check ? [10_000] : [1_000, 10_000, 100_000]) }
})

/** Budgets at 10k quotes (issue 7). */
export const BUDGET = { quotes: 10_000, coldStartMs: 300, p99Ms: 5, overhead: 1.5 }

// No network in the bench: wrangler must not try to fetch the Request.cf object.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

async function build(dir: string) {
  const t0 = performance.now()
  const { stdout } = await run(
    process.execPath,
    [
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      'scripts/build-index.ts',
      '--corpus',
      join(dir, 'corpus'),
      '--out',
      join(dir, 'build'),
      '--max-gzip-mb',
      '100000',
      '--max-raw-mb',
      '100000',
    ],
    { cwd: ROOT, maxBuffer: 1 << 24 },
  )
  const wall = performance.now() - t0
  const inner = Number(/, (\d+) ms\s*$/.exec(stdout)?.[1] ?? wall)
  const sizes: Record<string, number> = {}
  for (const name of ['index.txt', 'records.txt']) {
    const bytes = await readFile(join(dir, 'build', name))
    sizes[name] = bytes.length
    sizes[`${name}.gz`] = gzipSync(bytes).length
  }
  // The bench builds past the size guard on purpose; this is what the default guard would say.
  const refused =
    bundleProblems({
      indexBytes: sizes['index.txt'] ?? 0,
      indexGzip: sizes['index.txt.gz'] ?? 0,
      recordsBytes: sizes['records.txt'] ?? 0,
      recordsGzip: sizes['records.txt.gz'] ?? 0,
    }).length > 0
  return { ms: inner, wallMs: wall, sizes, refused }
}

async function writeWorker(dir: string) {
  await writeFile(
    join(dir, 'entry.ts'),
    `import { createVerbatim } from '../../../src/app'
import { lazyCorpus } from '../../../src/data'
import { benchWorker } from '../../../scripts/bench/worker'
import index from './build/index.txt'
import records from './build/records.txt'

export default benchWorker(createVerbatim(lazyCorpus(records, index)))
`,
  )
  await writeFile(
    join(dir, 'wrangler.toml'),
    `name = "verbatim-bench"\nmain = "entry.ts"\ncompatibility_date = "2026-04-01"\ncompatibility_flags = ["nodejs_compat"]\n`,
  )
}

/** Fresh workers: time from ready (isolate up, module evaluated) to the first search answer, which parses the corpus. */
async function coldStart(dir: string, mix: MixQuery[], runs: number) {
  const first: number[] = []
  const ready: number[] = []
  const pings: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const worker = await startWorker(dir)
    const t1 = performance.now()
    // A route that does not touch the corpus first: wrangler's local proxy chain warms up on it, so the
    // timed request below is the isolate's own work: parse the corpus, then answer.
    const ping = await worker.fetch('http://bench.test/__bench/ping')
    await ping.arrayBuffer()
    const t2 = performance.now()
    const res = await worker.fetch(`http://bench.test${mixPath(mix[0] as MixQuery)}`)
    await res.arrayBuffer()
    const t3 = performance.now()
    if (res.status !== 200) throw new Error(`cold start search answered ${res.status}`)
    ready.push(t1 - t0)
    pings.push(t2 - t1)
    first.push(t3 - t2)
    await worker.dispose()
  }
  return { firstMs: quantile(first, 0.5), readyMs: quantile(ready, 0.5), pingMs: quantile(pings, 0.5) }
}

/** The mix inside workerd: per-request times from the bench route (ms resolution, as workerd's clock gives). */
async function workerdMix(dir: string, mix: MixQuery[], iterations: number) {
  const worker = await startWorker(dir)
  try {
    const q = new URLSearchParams({ iterations: String(iterations) })
    for (const m of mix) q.append('path', mixPath(m))
    // Warm-up round: corpus loaded and every query of the mix run 5 times (code compiled) before the timed
    // round, as in the Node run; the first answer's cost is measured separately as the cold start.
    const warmUp = new URLSearchParams({ iterations: '5' })
    for (const m of mix) warmUp.append('path', mixPath(m))
    const warm = await worker.fetch(`http://bench.test/__bench/run?${warmUp}`)
    await warm.arrayBuffer()
    const res = await worker.fetch(`http://bench.test/__bench/run?${q}`)
    if (res.status !== 200) throw new Error(`bench route: ${res.status} ${await res.text()}`)
    const { times, empty } = (await res.json()) as { times: Record<string, number[]>; empty: number[] }
    const base = quantile(empty, 0.5)
    return Object.fromEntries(mix.map((m) => [m.name, (times[mixPath(m)] ?? []).map((t) => Math.max(0, t - base))]))
  } finally {
    await worker.dispose()
  }
}

async function nodeSide(dir: string, mix: MixQuery[], iterations: number) {
  const { stdout } = await run(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      'scripts/bench/node-side.ts',
      '--build',
      join(dir, 'build'),
      '--mix',
      JSON.stringify(mix),
      '--iterations',
      String(iterations),
    ],
    { cwd: ROOT, maxBuffer: 1 << 24 },
  )
  return JSON.parse(stdout) as { heapMb: number; rss: number; times: Record<string, number[]> }
}

interface Row {
  quotes: number
  build_ms: number
  quotes_per_s: number
  index_kb: number
  index_gzip_kb: number
  records_kb: number
  records_gzip_kb: number
  bundle_kb: number
  bundle_gzip_kb: number
  ready_ms: number
  cold_start_ms: number
  search_p50_ms: number
  search_p99_ms: number
  search_mean_ms: number
  raw_minisearch_mean_ms: number
  overhead: number
  heap_after_load_mb: number
  /** Whether `npm run build:index` with the default size guard refuses this corpus. */
  guard_refuses: boolean
  per_query: Record<string, { p50: number; p99: number; mean: number; raw_mean: number }>
}

const kb = (n: number) => round(n / 1024, 0)

async function benchSize(quotes: number): Promise<Row> {
  const dir = join(OUT, `q${quotes}`)
  console.error(`bench ${quotes}: generating`)
  const mix = await writeCorpus(dir, quotes)
  console.error(`bench ${quotes}: building`)
  const b = await build(dir)
  await writeWorker(dir)
  console.error(`bench ${quotes}: bundling`)
  const bundled = await bundle(dir)
  const big = quotes >= 100_000
  console.error(`bench ${quotes}: cold start`)
  const cold = await coldStart(dir, mix, big ? 1 : 3)
  const iterations = big ? 20 : 200
  console.error(`bench ${quotes}: search mix in workerd`)
  const inWorkerd = await workerdMix(dir, mix, iterations)
  console.error(`bench ${quotes}: raw MiniSearch in Node, memory`)
  const node = await nodeSide(dir, mix, iterations)
  const all = Object.values(inWorkerd).flat()
  const rawAll = Object.values(node.times).flat()
  const per_query = Object.fromEntries(
    mix.map((m) => {
      const t = inWorkerd[m.name] ?? []
      const r = node.times[m.name] ?? []
      return [
        m.name,
        { q: m.q, p50: round(quantile(t, 0.5), 2), p99: round(quantile(t, 0.99), 2), mean: round(mean(t), 3), raw_mean: round(mean(r), 3) },
      ]
    }),
  )
  return {
    quotes,
    build_ms: Math.round(b.ms),
    quotes_per_s: Math.round(quotes / (b.ms / 1000)),
    index_kb: kb(b.sizes['index.txt'] ?? 0),
    index_gzip_kb: kb(b.sizes['index.txt.gz'] ?? 0),
    records_kb: kb(b.sizes['records.txt'] ?? 0),
    records_gzip_kb: kb(b.sizes['records.txt.gz'] ?? 0),
    bundle_kb: kb(bundled.raw),
    bundle_gzip_kb: kb(bundled.gzip),
    ready_ms: Math.round(cold.readyMs),
    cold_start_ms: Math.round(cold.firstMs),
    search_p50_ms: round(quantile(all, 0.5), 2),
    search_p99_ms: round(quantile(all, 0.99), 2),
    search_mean_ms: round(mean(all), 3),
    raw_minisearch_mean_ms: round(mean(rawAll), 3),
    overhead: round(mean(all) / mean(rawAll), 2),
    heap_after_load_mb: round(node.heapMb, 1),
    guard_refuses: b.refused,
    per_query,
  }
}

const HEAD =
  '| quotes | build | quotes/s | index raw / gzip | records raw / gzip | Worker upload raw / gzip | cold start | search p50 / p99 | mean vs raw MiniSearch | overhead | heap after load | build guard |'
const SEP = '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|'
const mb = (k: number) => (k >= 1024 ? `${round(k / 1024, 1)} MB` : `${k} KB`)
function line(r: Row): string {
  return `| ${r.quotes.toLocaleString('en')} | ${round(r.build_ms / 1000, 1)} s | ${r.quotes_per_s.toLocaleString('en')} | ${mb(r.index_kb)} / ${mb(r.index_gzip_kb)} | ${mb(r.records_kb)} / ${mb(r.records_gzip_kb)} | ${mb(r.bundle_kb)} / ${mb(r.bundle_gzip_kb)} | ${r.cold_start_ms} ms | ${r.search_p50_ms} / ${r.search_p99_ms} ms | ${r.search_mean_ms} / ${r.raw_minisearch_mean_ms} ms | ${r.overhead}× | ${r.heap_after_load_mb} MB | ${r.guard_refuses ? 'refused: use D1' : 'ok'} |`
}

export function budgetFailures(r: Row): string[] {
  const f: string[] = []
  if (r.cold_start_ms >= BUDGET.coldStartMs) f.push(`cold start ${r.cold_start_ms} ms ≥ ${BUDGET.coldStartMs} ms`)
  if (r.search_p99_ms >= BUDGET.p99Ms) f.push(`search p99 ${r.search_p99_ms} ms ≥ ${BUDGET.p99Ms} ms`)
  if (r.overhead >= BUDGET.overhead) f.push(`overhead ${r.overhead}× ≥ ${BUDGET.overhead}×`)
  return f
}

async function main() {
  const rows: Row[] = []
  console.log(HEAD)
  console.log(SEP)
  for (const n of SIZES) {
    const r = await benchSize(n)
    rows.push(r)
    console.log(line(r))
  }
  await mkdir(join(ROOT, 'bench'), { recursive: true })
  const results = { node: process.version, date: new Date().toISOString().slice(0, 10), budget: BUDGET, rows }
  await writeFile(join(ROOT, CHECK ? 'bench/out/check.json' : 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`)
  for (const r of rows) for (const [name, q] of Object.entries(r.per_query)) console.error(`  ${r.quotes} ${name}: ${JSON.stringify(q)}`)
  if (CHECK) {
    const at = rows.find((r) => r.quotes === BUDGET.quotes)
    if (!at) throw new Error(`--check needs the ${BUDGET.quotes} size`)
    const failures = budgetFailures(at)
    if (failures.length > 0) {
      console.error(`bench: budget broken at ${BUDGET.quotes} quotes: ${failures.join('; ')}`)
      process.exit(1)
    }
    console.error(`bench: budgets hold at ${BUDGET.quotes} quotes`)
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
