/**
 * `npm run bench:pg [-- --sizes 100000,1000000] [--iterations 20] [--reuse] [--database verbatim_bench]`: the PostgreSQL backend on the same synthetic
 * Quotebank corpora and query mix as `npm run bench` and `npm run bench:d1`. Per size: `npm run build:pg` into the
 * local server's database `verbatim_bench` (scripts/pg/server.sh starts it), the table and index sizes, cold start
 * (fresh workerd to the first search answer) and the query mix measured inside workerd through the Hyperdrive
 * binding's localConnectionString: each API request opens its own connection to PostgreSQL (a new server process with
 * cold caches: the worst case), so the backend's search is also timed over one connection kept open, as behind
 * Hyperdrive's pool (production adds the round trips from Hyperdrive to the database). `--reuse` measures the corpus
 * an earlier run left in the database when it has as many quotes (no build: a million quotes take minutes), with
 * the current code; `--database` names another database of the local server than `verbatim_bench` (one size each). Writes bench/results-pg.json.
 * Never part of `npm test`.
 */
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import postgres from 'postgres'
import { parseFlags, positiveIntegers, positiveNumber, readFlags, UsageError } from '../cli'
import { LOCAL_URL } from '../pg/local'
import { mean, quantile, round, saveRows, startWorker, writeCorpus } from './common'
import { synthetic } from './generate'
import { type MixQuery, mixPath, queryMix } from './mix'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../..')
const OUT = join(ROOT, 'bench/out')
const USAGE = 'npm run bench:pg [-- --sizes 100000,1000000] [--iterations 20] [--reuse] [--database verbatim_bench]'
const { SIZES, ITERATIONS, REUSE, DATABASE } = readFlags(USAGE, () => {
  const flags = parseFlags({
    sizes: { type: 'string' },
    iterations: { type: 'string' },
    reuse: { type: 'boolean' },
    database: { type: 'string' },
  })
  const database = flags.database ?? 'verbatim_bench'
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new UsageError(`--database must be a lower-case SQL name (got "${database}")`)
  return {
    DATABASE: database,
    REUSE: flags.reuse === true,
    SIZES: positiveIntegers(flags.sizes, 'sizes', [100_000, 1_000_000]),
    ITERATIONS: positiveNumber(flags.iterations, 'iterations', 20),
  }
})

process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

const BENCH_URL = LOCAL_URL.replace(/\/verbatim$/, `/${DATABASE}`)

const log = (msg: string) => console.error(`bench pg ${new Date().toISOString().slice(11, 19)} ${msg}`)
const mb = (bytes: unknown) => round(Number(bytes) / 2 ** 20)

async function ensureDatabase() {
  const sql = postgres(LOCAL_URL, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql`SELECT 1 AS ok FROM pg_database WHERE datname = ${DATABASE}`
    if (!row) await sql.unsafe(`CREATE DATABASE ${DATABASE}`)
  } finally {
    await sql.end()
  }
}

/** Table and index sizes of the loaded corpus, in bytes. */
async function sizes() {
  const sql = postgres(BENCH_URL, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql`SELECT
      (SELECT sum(pg_table_size(relid)) FROM pg_partition_tree('quotes')) AS quotes_table,
      (SELECT sum(pg_relation_size(relid)) FROM pg_partition_tree('quotes_tsv')) AS gin_index,
      (SELECT sum(pg_indexes_size(relid)) FROM pg_partition_tree('quotes')) AS quotes_indexes,
      (SELECT sum(pg_total_relation_size(c)) FROM unnest(ARRAY['occurrences', 'terms', 'speakers', 'sources', 'speaker_names', 'meta']::regclass[]) c) AS other_tables,
      pg_database_size(current_database()) AS database,
      (SELECT count(*) FROM pg_partition_tree('quotes') WHERE isleaf) AS partitions`
    return row as Record<string, string | number>
  } finally {
    await sql.end()
  }
}

/** How many quotes the bench database holds (0 without a corpus). */
async function loadedQuotes(): Promise<number> {
  const sql = postgres(BENCH_URL, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql`SELECT value FROM meta WHERE key = 'count'`.catch(() => [])
    return Number(row?.value ?? 0)
  } finally {
    await sql.end()
  }
}

/** The query mix of a size, without writing its corpus. */
function mixOf(quotes: number): MixQuery[] {
  const s = synthetic(quotes)
  return queryMix(s, s.lines().next().value?.quotation ?? '')
}

/** A corpus loaded for a size: its query mix, build time and build:pg's steps (ms) and peak memory (max_rss_mb). */
interface Built {
  mix: MixQuery[]
  buildMs: number
  corpusMs: number
  steps: Record<string, number>
}

/** Generates the corpus and loads it with build:pg. */
async function build(dir: string, quotes: number): Promise<Built> {
  log(`${quotes}: generating`)
  const mix = await writeCorpus(dir, quotes)
  log(`${quotes}: build:pg`)
  const t0 = performance.now()
  const { stdout, stderr } = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/pg/build.ts', '--corpus', join(dir, 'corpus'), '--url', BENCH_URL],
    { cwd: ROOT, maxBuffer: 1 << 24, env: { ...process.env, BUILD_PG_TIMINGS: '1' } },
  )
  const buildMs = performance.now() - t0
  const steps = JSON.parse(/\{.*\}/.exec(stderr)?.[0] ?? '{}') as Record<string, number>
  // Reading the corpus and staging its rows (build:pg streams: the two go together).
  const corpusMs = steps.stream ?? Number(/corpus built in (\d+) ms/.exec(stdout)?.[1] ?? 0)
  return { mix, buildMs, corpusMs, steps }
}

async function writeWorker(dir: string) {
  await writeFile(
    join(dir, 'entry.ts'),
    `import { benchWorker } from '../../../scripts/bench/worker'
import app from '../../../src/index.pg'
import { pgBackend } from '../../../src/search/pg'
import { pgSql } from '../../../src/search/pg-client'

const bench = benchWorker(app)
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url)
    if (url.pathname !== '/__bench/warm') return bench.fetch(request, env, ctx)
    // The backend's search alone over one connection kept open, as Hyperdrive's pool keeps the database's.
    const backend = pgBackend(pgSql({}, env.HYPERDRIVE.connectionString))
    const mix = JSON.parse(url.searchParams.get('mix'))
    const iterations = Number(url.searchParams.get('iterations'))
    await backend.search({ q: 'warm', page: 1, limit: 20 })
    const times = {}
    for (const m of mix) times[m.name] = []
    for (let i = 0; i < iterations; i++)
      for (const m of mix) {
        await tick()
        const t0 = performance.now()
        await backend.search({ q: m.q, speaker: m.speaker, page: 1, limit: 20 })
        await tick()
        times[m.name].push(performance.now() - t0)
      }
    return Response.json(times)
  },
}
`,
  )
  await writeFile(
    join(dir, 'wrangler.toml'),
    `name = "verbatim-bench-pg"
main = "entry.ts"
compatibility_date = "2026-04-01"
compatibility_flags = ["nodejs_compat"]

[vars]
SEARCH_BACKEND = "postgres"

[[hyperdrive]]
binding = "HYPERDRIVE"
id = "00000000000000000000000000000000"
localConnectionString = "${BENCH_URL}"
`,
  )
}

/** build:pg's steps that load rows (COPY, and filling the tables from the staged rows), not indexes. */
const loading = (step: string) => step.startsWith('copy') || step.startsWith('fill') || step === 'unique ids'

async function benchSize(quotes: number, iterations: number) {
  const dir = join(OUT, `pg-q${quotes}`)
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  const reused = REUSE && (await loadedQuotes()) === quotes
  if (reused) log(`${quotes}: reusing the corpus loaded in ${DATABASE} by an earlier run (no build)`)
  const { mix, buildMs, corpusMs, steps }: Built = reused
    ? { mix: mixOf(quotes), buildMs: Number.NaN, corpusMs: Number.NaN, steps: {} as Record<string, number> }
    : await build(dir, quotes)
  const size = await sizes()
  await writeWorker(dir)
  log(`${quotes}: cold start`)
  const worker = await startWorker(dir)
  try {
    await (await worker.fetch('http://bench.test/__bench/ping')).arrayBuffer()
    const c0 = performance.now()
    const first = await worker.fetch(`http://bench.test${mixPath(mix[0] as MixQuery)}`)
    const firstBody = (await first.json()) as { total: number }
    const coldMs = performance.now() - c0
    if (first.status !== 200 || !(firstBody.total > 0)) throw new Error(`first search: ${first.status} total ${firstBody.total}`)
    log(`${quotes}: query mix in workerd (${iterations} iterations)`)
    const q = new URLSearchParams({ iterations: String(iterations) })
    for (const m of mix) q.append('path', mixPath(m))
    const res = await worker.fetch(`http://bench.test/__bench/run?${q}`)
    if (res.status !== 200) throw new Error(`bench route: ${res.status} ${await res.text()}`)
    const { times, empty } = (await res.json()) as { times: Record<string, number[]>; empty: number[] }
    const base = quantile(empty, 0.5)
    const per = Object.fromEntries(mix.map((m) => [m.name, (times[mixPath(m)] ?? []).map((t) => Math.max(0, t - base))]))
    const totals: Record<string, number> = {}
    for (const m of mix) {
      const r = await worker.fetch(`http://bench.test${mixPath(m)}`)
      totals[m.name] = ((await r.json()) as { total: number }).total
    }
    const all = Object.values(per).flat()
    log(`${quotes}: backend search over a kept connection (${iterations} iterations)`)
    const warmRes = await worker.fetch(
      `http://bench.test/__bench/warm?${new URLSearchParams({ iterations: String(iterations), mix: JSON.stringify(mix) })}`,
    )
    if (warmRes.status !== 200) throw new Error(`warm bench route: ${warmRes.status} ${await warmRes.text()}`)
    const warm = (await warmRes.json()) as Record<string, number[]>
    const warmAll = Object.values(warm)
      .flat()
      .map((t) => Math.max(0, t - base))
    return {
      quotes,
      load_average: {
        before: loadBefore,
        after: loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
      },
      build_ms: Math.round(buildMs),
      corpus_ms: corpusMs,
      load_ms: Math.round(Object.entries(steps).reduce((n, [k, v]) => n + (loading(k) ? v : 0), 0)),
      index_ms: Math.round(
        Object.entries(steps).reduce((n, [k, v]) => n + (loading(k) || k === 'stream' || k === 'max_rss_mb' ? 0 : v), 0),
      ),
      gin_ms: steps.quotes_tsv ?? null,
      build_max_rss_mb: steps.max_rss_mb ?? null,
      quotes_table_mb: mb(size.quotes_table),
      gin_mb: mb(size.gin_index),
      quotes_indexes_mb: mb(size.quotes_indexes),
      other_tables_mb: mb(size.other_tables),
      database_mb: mb(size.database),
      partitions: Number(size.partitions),
      cold_start_ms: Math.round(coldMs),
      search_p50_ms: round(quantile(all, 0.5), 2),
      search_p99_ms: round(quantile(all, 0.99), 2),
      search_mean_ms: round(mean(all), 2),
      warm_p50_ms: round(quantile(warmAll, 0.5), 2),
      warm_p99_ms: round(quantile(warmAll, 0.99), 2),
      warm_per_query: Object.fromEntries(
        mix.map((m) => [m.name, { p50: round(quantile(warm[m.name] ?? [], 0.5), 1), p99: round(quantile(warm[m.name] ?? [], 0.99), 1) }]),
      ),
      per_query: Object.fromEntries(
        mix.map((m) => {
          const t = per[m.name] ?? []
          return [m.name, { q: m.q, total: totals[m.name], p50: quantile(t, 0.5), p99: quantile(t, 0.99), mean: round(mean(t), 2) }]
        }),
      ),
    }
  } finally {
    await worker.dispose()
  }
}

type Row = Awaited<ReturnType<typeof benchSize>>

const HEAD =
  '| quotes | build:pg (read and stage / fill and COPY / indexes) | build:pg peak memory | quotes table | GIN index | all quote indexes | database | cold start | API p50 / p99 (new connection) | mean | search p50 / p99 (kept connection) |'
const SEP = '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
const line = (r: Row) =>
  `| ${r.quotes.toLocaleString('en')} | ${round(r.build_ms / 1000)} s (${round(r.corpus_ms / 1000)} / ${round(r.load_ms / 1000)} / ${round(r.index_ms / 1000)} s) | ${r.build_max_rss_mb} MB | ${r.quotes_table_mb} MB | ${r.gin_mb} MB | ${r.quotes_indexes_mb} MB | ${r.database_mb} MB | ${r.cold_start_ms} ms | ${r.search_p50_ms} / ${r.search_p99_ms} ms | ${r.search_mean_ms} ms | ${r.warm_p50_ms} / ${r.warm_p99_ms} ms |`

async function main() {
  await run('bash', ['scripts/pg/server.sh', 'start'], { cwd: ROOT })
  await ensureDatabase()
  const rows: Row[] = []
  console.log(HEAD)
  console.log(SEP)
  for (const n of SIZES) {
    const r = await benchSize(n, ITERATIONS)
    rows.push(r)
    console.log(line(r))
  }
  for (const r of rows)
    for (const [name, q] of Object.entries(r.per_query))
      console.error(`  ${r.quotes} ${name}: ${JSON.stringify(q)} kept connection ${JSON.stringify(r.warm_per_query[name])}`)
  await saveRows('results-pg.json', 'postgres 15 (local, via localConnectionString)', SIZES, rows)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
