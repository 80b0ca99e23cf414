/**
 * @module
 * When a database backend (D1, PostgreSQL) fails, is slow or refuses a connection, the API answers 503
 * problem+json with Retry-After and pages say the service is busy, within a bounded time: never a 500 or a hang.
 * `guarded` wraps a SearchBackend so that every call either answers within BACKEND_TIMEOUT_MS or throws
 * BackendUnavailable (src/problem.ts), which the API's and the pages' error handlers turn into the 503.
 */

import { BackendUnavailable } from '../problem'
import type { SearchBackend } from './contract'
import { BACKEND_TIMEOUT_MS } from './options'

/** `work`, or BackendUnavailable when it rejects or takes longer than `ms`. */
export async function withinDeadline<T>(backend: string, work: Promise<T>, ms = BACKEND_TIMEOUT_MS): Promise<T> {
  let timer!: ReturnType<typeof setTimeout>
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BackendUnavailable(backend, `no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } catch (err) {
    if (err instanceof BackendUnavailable) throw err
    throw new BackendUnavailable(backend, err instanceof Error ? err.message : String(err), { cause: err })
  } finally {
    clearTimeout(timer)
  }
}

/** The same backend, every call bounded by `withinDeadline`. */
export function guarded(backend: string, inner: SearchBackend, ms = BACKEND_TIMEOUT_MS): SearchBackend {
  const wrapped: Partial<Record<keyof SearchBackend, unknown>> = {}
  for (const key of Object.keys(inner) as (keyof SearchBackend)[]) {
    const method = inner[key] as (...args: unknown[]) => Promise<unknown>
    wrapped[key] = (...args: unknown[]) => {
      let work: Promise<unknown>
      try {
        work = method.apply(inner, args)
      } catch (err) {
        work = Promise.reject(err)
      }
      return withinDeadline(backend, work, ms)
    }
  }
  return wrapped as SearchBackend
}
