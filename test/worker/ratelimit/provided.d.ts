/** What vitest.config.ts provides the ratelimit project: API_LIMITER as wrangler reads each config. */
import 'vitest'

interface RateLimit {
  limit: number
  period: number
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** test/fixtures/wrangler.ratelimit.toml, the Worker under test. */
    rateLimitUnderTest: RateLimit
    /** wrangler.toml and wrangler.d1.toml, by file name. */
    deployedRateLimits: Record<string, RateLimit>
  }
}
