/**
 * `npm run load`: starts `wrangler dev` (scripts/load/wrangler.load.toml: the bundled corpus, the rate-limit
 * binding with a limit one client cannot reach) on a free 127.0.0.1 port, drives it with autocannon for a
 * bounded time with a mix of searches, pages, embeds, oEmbed and API lookups, and prints latency
 * percentiles, throughput, errors and the workerd process's memory before and after 10k requests.
 * `wrangler dev` itself (workerd in dev mode) grows by a similar amount per request whatever the Worker does,
 * so the same 10k requests are also sent to a Worker that only answers "ok" (wrangler.baseline.toml), and
 * the app's growth is judged against that baseline.
 * Exits 1 on any error or non-2xx answer, or when the app grows much more than the baseline.
 * Not part of `npm test`: figures depend on the machine.
 *
 * Options: --duration <s> (default 20), --connections <n> (default 10).
 */
import { readdirSync, readFileSync } from 'node:fs'
import autocannon, { type Request as LoadRequest, type Result } from 'autocannon'
import { parseFlags, positiveNumber, readFlags } from '../cli'
import { startWranglerDev } from '../dev/wrangler-dev'

const { DURATION, CONNECTIONS } = readFlags('npm run load [-- --duration <s>] [--connections <n>]', () => {
  const flags = parseFlags({ duration: { type: 'string' }, connections: { type: 'string' } })
  return { DURATION: positiveNumber(flags.duration, 'duration', 20), CONNECTIONS: positiveNumber(flags.connections, 'connections', 10) }
})
const MEMORY_REQUESTS = 10_000

/** Resident memory (KB) of the workerd processes in wrangler's process group. */
function workerdRssKb(pgid: number): number {
  let total = 0
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      if (Number(fields[2]) !== pgid || !comm.startsWith('workerd')) continue
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      total += Number(rss?.[1] ?? 0)
    } catch {
      // the process ended
    }
  }
  return total
}

/** A realistic mix: mostly searches (with typos, prefixes, filters, pages), then pages, embeds and lookups. */
async function requestMix(base: string): Promise<LoadRequest[]> {
  const json = async <T>(path: string) => (await (await fetch(`${base}${path}`)).json()) as T
  const { results } = await json<{ results: { id: string; sources: { id: string }[]; speaker: { id: string } | null }[] }>(
    '/api/search?limit=100',
  )
  const { speakers } = await json<{ speakers: { id: string }[] }>('/api/speakers')
  const { sources } = await json<{ sources: { id: string }[] }>('/api/sources')
  const quotes = results.map((r) => r.id)
  const pick = <T>(list: T[], i: number) => list[i % list.length] as T
  const queries = ['revenge', 'revnge', 'murd', 'united states', 'iran nuclear', 'the', 'khamenei', 'sanctions', 'soleimani', 'will be']
  const paths: string[] = []
  for (let i = 0; i < 60; i++) {
    const q = encodeURIComponent(pick(queries, i))
    paths.push(`/api/search?q=${q}`)
    if (i % 2 === 0) paths.push(`/?q=${q}`)
    if (i % 3 === 0) paths.push(`/api/search?q=${q}&speaker=${pick(speakers, i).id}`)
    if (i % 5 === 0) paths.push(`/api/search?page=2&limit=10`)
    if (i % 4 === 0) paths.push(`/api/quotes/${pick(quotes, i)}`)
    if (i % 4 === 1) paths.push(`/quotes/${pick(quotes, i)}`)
    if (i % 6 === 0) paths.push(`/embed/quotes/${pick(quotes, i)}`)
    if (i % 10 === 0) paths.push(`/oembed?url=${encodeURIComponent(`${base}/quotes/${pick(quotes, i)}`)}&format=json`)
    if (i % 10 === 5) paths.push(`/sources/${pick(sources, i).id}`)
    if (i % 12 === 0) paths.push(`/speakers/${pick(speakers, i).id}`)
    if (i % 15 === 0) paths.push('/api/stats', '/')
  }
  return paths.map((path) => ({ method: 'GET', path }))
}

function run(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

const failures = (r: Result) => r.errors + r.timeouts + r.non2xx

/** RSS growth (KB) of a trivial Worker under wrangler dev over the same number of requests. */
async function baselineGrowthKb(): Promise<number> {
  const server = await startWranglerDev({ config: 'scripts/load/wrangler.baseline.toml', readyPath: '/' })
  try {
    const common = { url: server.baseUrl, connections: CONNECTIONS, timeout: 10 }
    await run({ ...common, amount: 500 })
    const before = workerdRssKb(server.pgid)
    await run({ ...common, amount: MEMORY_REQUESTS })
    return workerdRssKb(server.pgid) - before
  } finally {
    await server.stop()
  }
}

async function main(): Promise<void> {
  console.log('starting wrangler dev (scripts/load/wrangler.load.toml)…')
  const server = await startWranglerDev({ config: 'scripts/load/wrangler.load.toml' })
  try {
    const requests = await requestMix(server.baseUrl)
    const common = { url: server.baseUrl, connections: CONNECTIONS, requests, timeout: 10 }
    await run({ ...common, amount: 500 }) // warm-up: index parsed, code paths compiled
    const before = workerdRssKb(server.pgid)

    const memory = await run({ ...common, amount: MEMORY_REQUESTS })
    const afterTenK = workerdRssKb(server.pgid)

    const timed = await run({ ...common, duration: DURATION })
    const after = workerdRssKb(server.pgid)

    await server.stop()
    console.log('measuring the wrangler dev baseline (a Worker that only answers "ok")…')
    const baseline = await baselineGrowthKb()
    const growth = afterTenK - before
    // Allowed: the baseline's growth with half again on top, plus 30 MB of noise.
    const allowed = baseline * 1.5 + 30 * 1024

    const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`
    console.log(`\nverbatim load: ${requests.length} distinct requests in the mix, ${CONNECTIONS} connections, ${server.baseUrl}`)
    console.log(`timed run (${DURATION} s):`)
    console.log(`  requests      ${timed.requests.total} (${timed.requests.average.toFixed(0)} req/s average)`)
    console.log(
      `  latency       p50 ${timed.latency.p50} ms, p90 ${timed.latency.p90} ms, p99 ${timed.latency.p99} ms, max ${timed.latency.max} ms`,
    )
    console.log(`  errors        ${timed.errors} errors, ${timed.timeouts} timeouts, ${timed.non2xx} non-2xx`)
    console.log(`memory of workerd (RSS):`)
    console.log(`  after warm-up ${mb(before)}`)
    console.log(`  after 10k     ${mb(afterTenK)} (+${mb(growth)} over ${memory.requests.total} requests, ${failures(memory)} failures)`)
    console.log(`  after timed   ${mb(after)} (+${mb(after - afterTenK)} over ${timed.requests.total} more)`)
    console.log(`  baseline      +${mb(baseline)} per ${MEMORY_REQUESTS} requests for a Worker that only answers "ok"`)
    console.log(
      `  verdict       ${growth <= allowed ? 'no growth beyond wrangler dev’s own' : `the app grows beyond the baseline (allowed ${mb(allowed)})`}`,
    )
    const bad = failures(timed) + failures(memory)
    if (bad > 0) console.error(`\nload: ${bad} failed requests`)
    if (bad > 0 || growth > allowed) process.exitCode = 1
  } finally {
    await server.stop()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
