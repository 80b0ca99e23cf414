/**
 * @module
 * The bench Worker: the real app over a bench build, plus one bench-only route that runs the query mix
 * in-process (app.fetch, no HTTP) and reports per-request times measured inside workerd.
 *
 * workerd only advances its clock on I/O, so each timed request is bracketed by a zero-delay timer
 * (an I/O event) before reading performance.now(): the difference is the request's own time.
 */

interface App {
  fetch(request: Request, env?: unknown, ctx?: unknown): Response | Promise<Response>
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export function benchWorker(app: App) {
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
      // The empty tick pair: what the bracketing alone costs, to subtract.
      const empty: number[] = []
      for (let i = 0; i < iterations; i++) {
        await tick()
        const t0 = performance.now()
        await tick()
        empty.push(performance.now() - t0)
      }
      return Response.json({ times, empty })
    },
  }
}
