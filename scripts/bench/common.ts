/**
 * @module
 * What both benchmarks (the bundle, `run.ts`, and D1, `d1.ts`) share: statistics, the synthetic
 * corpus written as Quotebank JSON Lines, the upload size and a Worker started for a bench folder.
 */
import { execFile } from 'node:child_process'
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { unstable_startWorker } from 'wrangler'
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

const ROOT = resolve(import.meta.dirname, '../..')

/** The upload wrangler would make for `<dir>/wrangler.toml`: `wrangler deploy --dry-run --outdir`, summed and gzipped per file. */
export async function bundle(dir: string): Promise<{ raw: number; gzip: number }> {
  const outdir = join(dir, 'dist')
  await rm(outdir, { recursive: true, force: true })
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['deploy', '--dry-run', '--outdir', outdir, '-c', join(dir, 'wrangler.toml')],
    {
      cwd: ROOT,
      maxBuffer: 1 << 24,
    },
  )
  let raw = 0
  let gzip = 0
  for (const f of await readdir(outdir)) {
    if (f.endsWith('.map') || f === 'README.md') continue
    if (!(await stat(join(outdir, f))).isFile()) continue
    const bytes = await readFile(join(outdir, f))
    raw += bytes.length
    gzip += gzipSync(bytes).length
  }
  return { raw, gzip }
}

/**
 * CPU time (ms, 10 ms steps) used so far by the workerd processes this process started, from /proc (Linux; NaN
 * elsewhere): unlike wall time, it does not grow with other work on a shared machine.
 */
export function workerdCpuMs(): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN
  let total = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // gone meanwhile
    }
    // pid (comm) state ppid … utime stime: fields 4, 14 and 15, counted after the command's closing bracket.
    const close = stat.lastIndexOf(')')
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'workerd') continue
    const fields = stat.slice(close + 2).split(' ')
    if (Number(fields[1]) !== process.pid) continue
    total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  }
  return total
}

/** Linux's clock ticks per second for /proc times (USER_HZ, 100 on every common build). */
const CLOCK_TICKS = 100

/**
 * The real build of `corpus` into `out` (scripts/build-index.ts), past the bundle's size guard (a bench measures what
 * the guard would refuse too); its stdout and wall time.
 */
export async function buildIndex(corpus: string, out: string): Promise<{ stdout: string; wallMs: number }> {
  const t0 = performance.now()
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      'scripts/build-index.ts',
      '--corpus',
      corpus,
      '--out',
      out,
      '--max-gzip-mb',
      '100000',
      '--max-raw-mb',
      '100000',
    ],
    { cwd: ROOT, maxBuffer: 1 << 24 },
  )
  return { stdout, wallMs: performance.now() - t0 }
}

/**
 * Writes a bench Worker to `<dir>`: entry.ts, the real app over `<dir>/build` wrapped by scripts/bench/worker.ts
 * (`withPlan`: it also replays the app's MiniSearch calls, the raw baseline), and its wrangler.toml named `name`.
 */
export async function writeAppWorker(dir: string, name: string, withPlan: boolean): Promise<void> {
  await writeFile(
    join(dir, 'entry.ts'),
    `import { createVerbatim } from '../../../src/app'
import { lazyCorpus } from '../../../src/data'
import { benchWorker } from '../../../scripts/bench/worker'
import index from './build/index.txt'
import records from './build/records.txt'

const corpus = lazyCorpus(records, index)
export default benchWorker(createVerbatim(corpus)${withPlan ? ', corpus' : ''})
`,
  )
  await writeFile(
    join(dir, 'wrangler.toml'),
    `name = "${name}"\nmain = "entry.ts"\ncompatibility_date = "2026-04-01"\ncompatibility_flags = ["nodejs_compat"]\n`,
  )
}

/** A fresh workerd for `<dir>/wrangler.toml` on a free loopback port; `persist` keeps local D1 state there. */
export async function startWorker(dir: string, persist: string | false = false) {
  const worker = await unstable_startWorker({
    config: join(dir, 'wrangler.toml'),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist, logLevel: 'error' },
  })
  await worker.ready
  return worker
}

/**
 * Writes a database bench's rows to bench/<file>, dated, keeping the rows of other sizes from earlier runs (a 1M run
 * takes long): each row has its own date.
 */
export async function saveRows<R extends { quotes: number }>(file: string, backend: string, sizes: number[], rows: R[]): Promise<void> {
  await mkdir(join(ROOT, 'bench'), { recursive: true })
  const path = join(ROOT, 'bench', file)
  const earlier = await readFile(path, 'utf8')
    .then((t) => (JSON.parse(t) as { rows: (R & { date?: string })[] }).rows)
    .catch(() => [])
  const date = new Date().toISOString().slice(0, 10)
  const merged = [...earlier.filter((r) => !sizes.includes(r.quotes)), ...rows.map((r) => ({ ...r, date }))].sort(
    (a, b) => a.quotes - b.quotes,
  )
  await writeFile(path, `${JSON.stringify({ node: process.version, backend, rows: merged }, null, 2)}\n`)
}
