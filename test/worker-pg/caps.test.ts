/**
 * The bounded work of a PostgreSQL search (src/search/pg-sql.ts searchSql), run on the sample corpus with small caps
 * in place of COUNT_CAP, RANK_CAP and FACET_SAMPLE (which a 41-quote corpus never reaches): the count stops at the cap
 * + 1, only the newest matches are ranked, and the facets count the best matches of their own set.
 */
import { env } from 'cloudflare:test'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { wordPart } from '../../src/search/d1-query'
import type { SearchParams } from '../../src/search/params'
import { type Caps, type PgQuery, type SearchRow, searchSql } from '../../src/search/pg-sql'
import { rankParts, tsqueryOf } from '../../src/search/pg-text'

const URL = (env as unknown as { HYPERDRIVE: { connectionString: string } }).HYPERDRIVE.connectionString
const db = postgres(URL, { max: 1, fetch_types: false, prepare: false, onnotice: () => {} })

const SMALL: Caps = { count: 5, rank: 8, sample: 3 }
/** Far above the corpus: every match counted, ranked and in the facets. */
const HUGE: Caps = { count: 1000, rank: 1000, sample: 1000 }
/** "region": in 40 of the corpus's 41 quotes (with their contexts), some of each kind. */
const parts = [wordPart('region', 'region')]
const query = (): PgQuery => ({
  match: tsqueryOf(parts, 'AND'),
  rank: rankParts(parts),
  speakers: [],
  years: [],
  exact: [],
})

async function search(caps: Caps, extra: Partial<SearchParams> = {}): Promise<SearchRow> {
  const { text, values } = searchSql(query(), { q: 'region', page: 1, limit: 100, ...extra }, { facets: true, count: true }, caps)
  const [row] = await db.unsafe<SearchRow[]>(text, values)
  return row as SearchRow
}

const pageNs = (row: SearchRow) => row.page.map((p) => p.n)
const kindCounts = (row: SearchRow) => Object.fromEntries((row.f_kind as { value: string; count: number }[]).map((f) => [f.value, f.count]))
async function kindsOf(ns: number[]): Promise<Record<string, number>> {
  const rows = await db.unsafe<{ kind: string; count: number }[]>(
    'SELECT kind, count(*)::int AS count FROM quotes WHERE n = ANY ($1::int[]) GROUP BY 1',
    [`{${ns.join(',')}}`],
  )
  return Object.fromEntries(rows.map((r) => [r.kind, r.count]))
}

describe('a PostgreSQL search with small caps', () => {
  it('counts every match below the caps, ranks them all and counts every one in the facets', async () => {
    const full = await search(HUGE)
    expect(full.total).toBe(40)
    expect(full.page).toHaveLength(40)
    expect(full.approximate).toBe(false)
    expect(kindCounts(full)).toEqual(await kindsOf(pageNs(full)))
  })

  it('stops counting at the count cap + 1', async () => {
    expect((await search(SMALL)).total).toBe(SMALL.count + 1)
  })

  it('ranks only the rank cap newest matches, in the order of the full ranking', async () => {
    const full = pageNs(await search(HUGE))
    const newest = [...full].sort((a, b) => a - b).slice(0, SMALL.rank)
    const capped = pageNs(await search(SMALL))
    expect(capped).toEqual(full.filter((n) => newest.includes(n)))
    expect(capped).toHaveLength(SMALL.rank)
  })

  it('sorted oldest first, takes the oldest matches (the highest numbers) as candidates', async () => {
    const full = pageNs(await search(HUGE))
    const oldest = [...full].sort((a, b) => b - a).slice(0, SMALL.rank)
    expect([...pageNs(await search(SMALL, { sort: 'date' }))].sort((a, b) => a - b)).toEqual([...oldest].sort((a, b) => a - b))
  })

  // "region" matches 7 quotes of 2023, 1 of 2020, 6 of 2019, 3 of 2018 and 23 undated: these caps end inside a year,
  // across years, and (oldest first) across the undated quotes into the years. With 40 matches in 41 quotes the
  // statement walks the `n` index for caps up to 24 and reads year by year beyond (pg-sql.ts cheaperOf): both ways
  // are checked against the huge caps' answer (read year by year).
  it.each([7, 8, 10, 16, 23, 30])('takes the %i newest (or oldest) matches as candidates, reading year by year', async (rank) => {
    const full = pageNs(await search(HUGE))
    const caps: Caps = { count: rank - 1, rank, sample: 3 }
    const newest = [...full].sort((a, b) => a - b).slice(0, rank)
    expect([...pageNs(await search(caps))].sort((a, b) => a - b)).toEqual(newest)
    const oldest = [...full].sort((a, b) => b - a).slice(0, rank)
    expect([...pageNs(await search(caps, { sort: 'date' }))].sort((a, b) => b - a)).toEqual(oldest)
  })

  it('counts the facets over the best sample and says they are approximate', async () => {
    const capped = await search(SMALL)
    expect(capped.approximate).toBe(true)
    expect(kindCounts(capped)).toEqual(await kindsOf(pageNs(capped).slice(0, SMALL.sample)))
  })

  it("counts a chosen filter's facet over the best sample of the set without that filter", async () => {
    const unfiltered = await search(SMALL)
    const filtered = await search(SMALL, { kind: 'fragment' })
    expect(kindCounts(filtered)).toEqual(kindCounts(unfiltered))
    expect(filtered.approximate).toBe(true)
    // The page and total are the filtered set's: fragments only.
    const fragments = (await kindsOf(pageNs(await search(HUGE)))).fragment as number
    expect(fragments).toBeGreaterThan(0)
    expect(filtered.total).toBe(Math.min(SMALL.count + 1, fragments))
    expect(await kindsOf(pageNs(filtered))).toEqual({ fragment: Math.min(SMALL.rank, fragments) })
  })
})
