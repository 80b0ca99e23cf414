/**
 * `npm run bench:d1 [-- --sizes 100000,1000000] [--iterations 20] [--reuse]`: the D1 backend on the same synthetic
 * Quotebank corpora and query mix as `npm run bench`. Per size: `npm run build:d1` (SQL migrations), applying them
 * to a local D1 (`wrangler d1 migrations apply --local`, as `npm run dev:d1` does), the Worker upload, cold start
 * (fresh workerd to the first search answer) and the query mix measured inside workerd, D1 queries included
 * (local D1 is SQLite in a workerd Durable Object: no network, so production adds a round trip per query).
 * `--reuse` measures the corpus and local D1 an earlier run left in bench/out (no build, no apply: a million quotes
 * take minutes to build and apply), with the current code. Reports D1's rows read per query (a counting binding,
 * scripts/bench/d1-rows.ts), the database size and the machine's load. Writes bench/results-d1.json. Never part of
 * `npm test`.
 */
import { execFile } from 'node:child_process'
import { readdir, stat, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { parseFlags, positiveIntegers, positiveNumber, readFlags } from '../cli'
import { bundle, mean, quantile, round, saveRows, startWorker, writeCorpus } from './common'
import { databaseSize } from './d1-size'
import { synthetic } from './generate'
import { type MixQuery, mixPath, queryMix } from './mix'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../..')
const OUT = join(ROOT, 'bench/out')
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler')
const { SIZES, ITERATIONS, REUSE } = readFlags('npm run bench:d1 [-- --sizes 100000,1000000] [--iterations 20] [--reuse]', () => {
  const flags = parseFlags({ sizes: { type: 'string' }, iterations: { type: 'string' }, reuse: { type: 'boolean' } })
  return {
    REUSE: flags.reuse === true,
    SIZES: positiveIntegers(flags.sizes, 'sizes', [100_000, 1_000_000]),
    ITERATIONS: positiveNumber(flags.iterations, 'iterations', 20),
  }
})

process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

const log = (msg: string) => console.error(`bench d1 ${new Date().toISOString().slice(11, 19)} ${msg}`)

async function dirBytes(dir: string): Promise<number> {
  let total = 0
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size
  return total
}

async function writeWorker(dir: string) {
  await writeFile(
    join(dir, 'entry.ts'),
    `import { d1BenchWorker } from '../../../scripts/bench/d1-rows'
import app from '../../../src/index.d1'

export default d1BenchWorker(app)
`,
  )
  await writeFile(
    join(dir, 'wrangler.toml'),
    `name = "verbatim-bench-d1"
main = "entry.ts"
compatibility_date = "2026-04-01"
compatibility_flags = ["nodejs_compat"]

[vars]
SEARCH_BACKEND = "d1"

[[d1_databases]]
binding = "DB"
database_name = "verbatim"
database_id = "00000000-0000-0000-0000-000000000000"
migrations_dir = "migrations"
`,
  )
}

/** Generates the corpus, builds it with build:d1 and applies the migrations to a local D1 in `dir`. */
async function buildAndApply(dir: string, quotes: number) {
  log(`${quotes}: generating`)
  const mix = await writeCorpus(dir, quotes)
  log(`${quotes}: build:d1`)
  let t0 = performance.now()
  const { stdout } = await run(
    process.execPath,
    [
      '--max-old-space-size=16384',
      '--import',
      'tsx',
      'scripts/d1/build.ts',
      '--corpus',
      join(dir, 'corpus'),
      '--out',
      join(dir, 'migrations'),
    ],
    { cwd: ROOT, maxBuffer: 1 << 24 },
  )
  const buildMs = Number(/, (\d+) ms\s*$/.exec(stdout)?.[1] ?? performance.now() - t0)
  const sqlBytes = await dirBytes(join(dir, 'migrations'))
  await writeWorker(dir)
  log(`${quotes}: applying migrations to the local D1`)
  t0 = performance.now()
  await run(
    WRANGLER,
    ['d1', 'migrations', 'apply', 'verbatim', '--local', '-c', join(dir, 'wrangler.toml'), '--persist-to', join(dir, 'state')],
    {
      cwd: ROOT,
      maxBuffer: 1 << 26,
    },
  )
  const applyMs = performance.now() - t0
  return { mix, buildMs, sqlBytes, applyMs }
}

/** The query mix of a size, without writing its corpus. */
async function mixOf(quotes: number): Promise<MixQuery[]> {
  const s = synthetic(quotes)
  const first = s.lines().next().value?.quotation ?? ''
  return queryMix(s, first)
}

async function benchSize(quotes: number, iterations: number) {
  const dir = join(OUT, `d1-q${quotes}`)
  const reused = REUSE && (await stat(join(dir, 'state')).catch(() => null)) !== null
  let built = { mix: await mixOf(quotes), buildMs: Number.NaN, sqlBytes: Number.NaN, applyMs: Number.NaN }
  if (reused) log(`${quotes}: reusing the corpus and local D1 of an earlier run (no build, no apply)`)
  else built = await buildAndApply(dir, quotes)
  const { mix, buildMs, sqlBytes, applyMs } = built
  await writeWorker(dir)
  const database = await databaseSize(join(dir, 'state'))
  log(`${quotes}: bundling`)
  const upload = await bundle(dir)
  log(`${quotes}: cold start`)
  const worker = await startWorker(dir, join(dir, 'state'))
  try {
    await (await worker.fetch('http://bench.test/__bench/ping')).arrayBuffer()
    const t0 = performance.now()
    const first = await worker.fetch(`http://bench.test${mixPath(mix[0] as MixQuery)}`)
    const firstBody = (await first.json()) as { total: number }
    const coldMs = performance.now() - t0
    if (first.status !== 200 || !(firstBody.total > 0)) throw new Error(`first search: ${first.status} total ${firstBody.total}`)
    log(`${quotes}: query mix in workerd (${iterations} iterations)`)
    const loadBefore = loadavg()[0] as number
    const q = new URLSearchParams({ iterations: String(iterations) })
    for (const m of mix) q.append('path', mixPath(m))
    const res = await worker.fetch(`http://bench.test/__bench/run?${q}`)
    if (res.status !== 200) throw new Error(`bench route: ${res.status} ${await res.text()}`)
    const { times, empty } = (await res.json()) as { times: Record<string, number[]>; empty: number[] }
    const base = quantile(empty, 0.5)
    const per = Object.fromEntries(mix.map((m) => [m.name, (times[mixPath(m)] ?? []).map((t) => Math.max(0, t - base))]))
    const totals: Record<string, number> = {}
    const rowsRead: Record<string, number> = {}
    for (const m of mix) {
      const r = await worker.fetch(`http://bench.test${mixPath(m)}`)
      totals[m.name] = ((await r.json()) as { total: number }).total
      rowsRead[m.name] = await rowsOf(worker, mixPath(m))
    }
    const all = Object.values(per).flat()
    return {
      quotes,
      // The machine is shared: the 1-minute load average before and after the query mix.
      load: [round(loadBefore, 2), round(loadavg()[0] as number, 2)],
      build_ms: Math.round(buildMs),
      quotes_per_s: Math.round(quotes / (buildMs / 1000)),
      sql_mb: round(sqlBytes / 2 ** 20),
      apply_ms: Math.round(applyMs),
      d1_mb: database.mb,
      d1_mb_per_million: round(database.mb / (quotes / 1e6)),
      d1_tables_mb: database.tables,
      upload_kb: Math.round(upload.raw / 1024),
      upload_gzip_kb: Math.round(upload.gzip / 1024),
      cold_start_ms: Math.round(coldMs),
      search_p50_ms: round(quantile(all, 0.5), 2),
      search_p99_ms: round(quantile(all, 0.99), 2),
      search_mean_ms: round(mean(all), 2),
      per_query: Object.fromEntries(
        mix.map((m) => {
          const t = per[m.name] ?? []
          return [
            m.name,
            {
              q: m.q,
              total: totals[m.name],
              rows_read: rowsRead[m.name],
              p50: quantile(t, 0.5),
              p99: quantile(t, 0.99),
              mean: round(mean(t), 2),
            },
          ]
        }),
      ),
    }
  } finally {
    await worker.dispose()
  }
}

/** D1's rows read for one request (the second of two: the first may read what an isolate then caches). */
async function rowsOf(worker: Awaited<ReturnType<typeof startWorker>>, path: string): Promise<number> {
  const url = `http://bench.test/__bench/rows?${new URLSearchParams({ path })}`
  await (await worker.fetch(url)).arrayBuffer()
  const r = (await (await worker.fetch(url)).json()) as { status: number; rows_read: number; by_statement: unknown[] }
  if (r.status !== 200) throw new Error(`${path}: ${r.status}`)
  log(`rows read by ${path}: ${JSON.stringify(r.by_statement.slice(0, 3))}`)
  return r.rows_read
}

type Row = Awaited<ReturnType<typeof benchSize>>

const HEAD =
  '| quotes | build:d1 | quotes/s | SQL | apply (local D1) | D1 database | per million | Worker upload raw / gzip | cold start | search p50 / p99 | mean | load |'
const SEP = '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
const line = (r: Row) =>
  `| ${r.quotes.toLocaleString('en')} | ${round(r.build_ms / 1000)} s | ${r.quotes_per_s.toLocaleString('en')} | ${r.sql_mb} MB | ${round(r.apply_ms / 1000)} s | ${r.d1_mb} MB | ${r.d1_mb_per_million} MB | ${r.upload_kb} KB / ${r.upload_gzip_kb} KB | ${r.cold_start_ms} ms | ${r.search_p50_ms} / ${r.search_p99_ms} ms | ${r.search_mean_ms} ms | ${r.load.join(' / ')} |`

const QUERY_HEAD = '| quotes | query | matches | p50 | p99 | mean | rows read |'
const QUERY_SEP = '|---:|---|---:|---:|---:|---:|---:|'
const queryLine = (quotes: number, name: string, q: Row['per_query'][string]) =>
  `| ${quotes.toLocaleString('en')} | ${name} | ${q.total?.toLocaleString('en')} | ${round(q.p50, 1)} ms | ${round(q.p99, 1)} ms | ${q.mean} ms | ${q.rows_read?.toLocaleString('en')} |`

async function main() {
  const iterations = ITERATIONS
  const rows: Row[] = []
  console.log(HEAD)
  console.log(SEP)
  for (const n of SIZES) {
    const r = await benchSize(n, iterations)
    rows.push(r)
    console.log(line(r))
  }
  console.log(`\n${QUERY_HEAD}\n${QUERY_SEP}`)
  for (const r of rows) for (const [name, q] of Object.entries(r.per_query)) console.log(queryLine(r.quotes, name, q))
  await saveRows('results-d1.json', 'd1 (local)', SIZES, rows)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
