/**
 * @module
 * The bench Worker: the real app over a bench build, plus one bench-only route that runs the query mix
 * in-process (app.fetch, no HTTP) and reports per-request times measured inside workerd.
 *
 * workerd only advances its clock on I/O, so each timed request is bracketed by a zero-delay timer
 * (an I/O event) before reading performance.now(): the difference is the request's own time. That clock has 1 ms
 * steps: for precise means, `batch` requests of a query run back to back between two timers and the time is divided
 * by `batch`; with the corpus given, the MiniSearch calls the app makes for the query (scripts/bench/plan.ts) are
 * replayed the same way, interleaved, so the app and its retrieval are compared in one isolate at one moment.
 */
import type { Corpus } from '../../src/data'
import { type Call, paramsOf, planOf, replay } from './plan'

interface App {
  fetch(request: Request, env?: unknown, ctx?: unknown): Response | Promise<Response>
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Mean ms of `run` over `batch` back-to-back calls, between two timers. */
async function batched(batch: number, run: () => Promise<unknown>): Promise<number> {
  await tick()
  const t0 = performance.now()
  for (let k = 0; k < batch; k++) await run()
  await tick()
  return (performance.now() - t0) / batch
}

export function benchWorker(app: App, corpus?: () => Corpus) {
  return {
    async fetch(request: Request, env: unknown, ctx: unknown): Promise<Response> {
      const url = new URL(request.url)
      if (url.pathname === '/__bench/ping') return new Response('ok')
      if (url.pathname !== '/__bench/run') return app.fetch(request, env, ctx)
      const paths = url.searchParams.getAll('path')
      const iterations = Number(url.searchParams.get('iterations') ?? '50')
      const times: Record<string, number[]> = {}
      for (const path of paths) times[path] = []
      for (let i = 0; i < iterations; i++) {
        for (const path of paths) {
          await tick()
          const t0 = performance.now()
          const res = await app.fetch(new Request(new URL(path, url)), env, ctx)
          await res.arrayBuffer()
          await tick()
          times[path]?.push(performance.now() - t0)
          if (res.status !== 200) return new Response(`${path}: ${res.status}`, { status: 500 })
        }
      }
      // Batches: the app's mean and its retrieval's, interleaved (`batch` requests per timing, `rounds` timings).
      const batch = Number(url.searchParams.get('batch') ?? '0')
      const rounds = Number(url.searchParams.get('rounds') ?? '10')
      const batches: Record<string, { app: number[]; raw: number[] }> = {}
      for (const path of paths) {
        const u = new URL(path, url)
        const plan: Call[] =
          corpus && u.pathname === '/api/search'
            ? planOf(corpus(), await paramsOf(corpus(), u.searchParams.get('q') ?? '', u.searchParams.get('speaker') ?? undefined))
            : []
        const b = { app: [] as number[], raw: [] as number[] }
        batches[path] = b
        for (let r = 0; batch > 0 && r < rounds; r++) {
          b.app.push(await batched(batch, async () => (await app.fetch(new Request(u), env, ctx)).arrayBuffer()))
          // The retrieval is faster than the request: ten times the batch, for the clock's steps.
          if (plan.length > 0) b.raw.push(await batched(batch * 10, async () => replay(corpus?.() as Corpus, plan)))
        }
      }
      // The empty tick pair: what the bracketing alone costs, to subtract.
      const empty: number[] = []
      for (let i = 0; i < iterations; i++) {
        await tick()
        const t0 = performance.now()
        await tick()
        empty.push(performance.now() - t0)
      }
      return Response.json({ times, empty, batches })
    },
  }
}
