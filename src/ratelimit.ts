/**
 * @module
 * Per-client rate limiting of /api/* with the Workers rate-limit binding (API_LIMITER in wrangler.toml).
 * The key is the client address Cloudflare sets (CF-Connecting-IP). Past the limit: 429 problem+json with
 * Retry-After. A Worker built without the binding (test fixtures) is not limited; if the limiter itself
 * fails, the request is served rather than refused.
 */

import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './data'
import { problemResponse } from './problem'
import { RATE_LIMIT_PERIOD } from './search/options'

export const rateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limiter = (c.env as Partial<Env> | undefined)?.API_LIMITER
  if (!limiter) return next()
  const key = c.req.header('cf-connecting-ip') ?? 'anonymous'
  let allowed = true
  try {
    allowed = (await limiter.limit({ key })).success
  } catch (e) {
    console.error('rate limiter unavailable', e)
  }
  if (!allowed) {
    const res = problemResponse(
      429,
      `Too many requests to the API from this address; try again in ${RATE_LIMIT_PERIOD} seconds.`,
      new URL(c.req.url).pathname,
    )
    res.headers.set('retry-after', String(RATE_LIMIT_PERIOD))
    return res
  }
  await next()
}
