/** PostgreSQL widens to contexts as the bundle does (test/worker/widening.ts). */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { pgBackend } from '../../src/search/pg'
import { pgSql } from '../../src/search/pg-client'
import type { Sql } from '../../src/search/pg-plan'
import { NARROW, wideningSuite } from '../worker/widening'

const URL = (env as unknown as { HYPERDRIVE: { connectionString: string } }).HYPERDRIVE.connectionString

wideningSuite('PostgreSQL', pgBackend(pgSql({}, URL), { widenBelow: NARROW }), pgBackend(pgSql({}, URL)))

describe('PostgreSQL on a corpus without contexts', () => {
  it('searches once, without the own-words probe, when meta says no quote has a context (read once per isolate)', async () => {
    const real = pgSql({}, URL)
    const seen: string[] = []
    const sql: Sql = async <T>(text: string, values?: (string | number | null)[]) => {
      seen.push(text)
      const rows = await real<{ key?: string }>(text, values)
      // The meta statement: the database's own rows, but no contexts.
      if (text.includes("'contexts'")) return [...rows.filter((r) => r.key !== 'contexts'), { key: 'contexts', value: 'false' }] as T[]
      return rows as T[]
    }
    const backend = pgBackend(sql, { widenBelow: NARROW, database: 'no-contexts' })
    const page = await backend.search({ q: 'region ', page: 1, limit: 100, sort: 'relevance', facets: true })
    // Read as the corpus says (it has contexts): the probe skipped, the search is not narrowed.
    expect(page.hits.some((h) => h.matchedIn === 'context')).toBe(true)
    expect(seen.filter((t) => t.includes('AS widen'))).toEqual([])
    await backend.search({ q: 'iran ', page: 1, limit: 100, sort: 'relevance', facets: true })
    expect(seen.filter((t) => t.includes("'contexts'")).length).toBe(1)
  })
})
