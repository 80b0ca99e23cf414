/**
 * D1 round trips per search: each one a network hop in production, so the backend asks for what it can in one batch.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { d1Backend } from '../../src/search/d1'
import type { SearchParams } from '../../src/search/params'

const DB = (env as unknown as { DB: D1Database }).DB

/** A D1 binding counting its round trips: each batch, and each statement run on its own. */
function counted(): { db: D1Database; trips: () => number } {
  let trips = 0
  const real = new WeakMap<object, D1PreparedStatement>()
  const wrap = (s: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => wrap(target.bind(...values))
        if (key === 'first' || key === 'all' || key === 'run' || key === 'raw') trips++
        const v = Reflect.get(target, key)
        return typeof v === 'function' ? v.bind(target) : v
      },
    })
    real.set(proxy, s)
    return proxy
  }
  const db = {
    prepare: (sql: string) => wrap(DB.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => {
      trips++
      return DB.batch(statements.map((s) => real.get(s) ?? s))
    },
  } as unknown as D1Database
  return { db, trips: () => trips }
}

const params = (q: string) => ({ q, page: 1, limit: 20, sort: 'relevance', facets: true }) as SearchParams

/** A backend over a counting binding, its build id read (once per isolate), and the round trips of one search of `q`. */
async function searched(q: string) {
  const { db, trips } = counted()
  const backend = d1Backend(db)
  await backend.buildId()
  const before = trips()
  const page = await backend.search(params(q))
  return { page, trips: trips() - before }
}

describe('D1 round trips per search', () => {
  it('corrects a misspelt word with the correction rows read in the names’ batch: names, search, corrected search, page', async () => {
    const { page, trips } = await searched('regiom')
    expect(page.corrected).toEqual([{ typed: 'regiom', searched: 'region' }])
    expect(page.total).toBeGreaterThan(0)
    expect(trips).toBe(4)
  })

  it('reads no speaker names for a query of words too short to name anyone: search, page', async () => {
    const { page, trips } = await searched('us')
    expect(page.hits.length).toBeGreaterThan(0)
    expect(trips).toBe(2)
  })
})
