/**
 * @module
 * HTTP caching for the API: every GET under /api answers from immutable data (the bundled index), so
 * its validator is the index build id plus a hash of the request URL. A matching If-None-Match gets a
 * 304 before any search runs. Answers that change per call (/api/random) are `no-store` instead.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../data'
import { fnv1a64 } from '../hash'
import { backendOf } from '../search/backend'

/** Shared caches and browsers may keep an answer 5 minutes, then revalidate with the ETag. */
export const API_CACHE_CONTROL = 'public, max-age=300'

/** Paths whose answers differ per call: never cached, never validated. */
const UNCACHED = new Set(['/api/random'])

/** Weak comparison (RFC 9110 §13.1.2): does an If-None-Match header list this tag, or `*`? */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const bare = (t: string) => t.trim().replace(/^W\//, '')
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag))
}

/**
 * The ETag of a GET: the index build id, the Worker version when the `CF_VERSION_METADATA` binding is
 * configured (so a code-only deploy also changes it), and a hash of the full request URL.
 */
export function apiEtag(buildId: string, url: string, version?: string): string {
  return `W/"${buildId}${version ? `-${fnv1a64(version).slice(0, 8)}` : ''}-${fnv1a64(url)}"`
}

export function apiCache(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || UNCACHED.has(path)) {
      await next()
      if (UNCACHED.has(path)) c.res.headers.set('cache-control', 'no-store')
      return
    }
    const version = (c.env as Partial<Env> | undefined)?.CF_VERSION_METADATA?.id
    const etag = apiEtag(await backendOf(c).buildId(), c.req.url, version)
    const ifNoneMatch = c.req.header('if-none-match')
    // A listed tag can only have come from a 200 of this URL: answer before any work. `*` matches only
    // when the resource exists (RFC 9110 §13.1.2), so it is judged after the handler: a 404 or 400 stays one.
    const anyTag = ifNoneMatch?.split(',').some((t) => t.trim() === '*') ?? false
    if (!anyTag && matchesEtag(ifNoneMatch, etag)) {
      return new Response(null, { status: 304, headers: { etag, 'cache-control': API_CACHE_CONTROL } })
    }
    await next()
    if (anyTag && c.res.status === 200) {
      c.res = new Response(null, { status: 304, headers: c.res.headers })
      c.res.headers.delete('content-type')
      c.res.headers.delete('content-length')
    }
    if (c.res.status === 200 || c.res.status === 304) {
      c.res.headers.set('etag', etag)
      c.res.headers.set('cache-control', API_CACHE_CONTROL)
    }
  }
}
