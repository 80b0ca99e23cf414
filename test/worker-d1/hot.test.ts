/**
 * The build's answers for frequent words (src/search/d1-hot.ts) against live searches of the same words: the test
 * build precomputes the words in at least 10 of its 41 quotes (`--hot-min 10`, package.json build:test), where a live
 * search ranks, counts and facets every match too, so both must give the same whole answer, scores and order included.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { d1Backend } from '../../src/search/d1'
import { runSearch } from '../../src/search/d1-page'
import type { SearchParams } from '../../src/search/params'

const DB = (env as unknown as { DB: D1Database }).DB

/** A D1 binding that records the SQL it prepares. */
function spied(seen: string[]): D1Database {
  const prepare = (sql: string) => {
    seen.push(sql)
    return DB.prepare(sql)
  }
  return { prepare, batch: DB.batch.bind(DB) } as unknown as D1Database
}

const hotKeys = async () => {
  const row = await DB.prepare("SELECT value FROM meta WHERE key = 'hot'").first<{ value: string }>()
  return (JSON.parse(row?.value ?? '{"keys":[]}') as { keys: string[] }).keys
}

/** A query that searches a key: the word being typed for a prefix key, the word and a space for the word alone. */
const queryOf = (key: string) => (key.endsWith('*') ? key.slice(0, -1) : `${key} `)

const base: SearchParams = { q: '', page: 1, limit: 100, sort: 'relevance', facets: true } as SearchParams

describe('the build’s answers for frequent words (D1)', () => {
  it('are those of a live search: every hot word, and some ranked, paged, filtered, sorted, without facets', async () => {
    const keys = await hotKeys()
    expect(keys).toEqual(expect.arrayContaining(['region', 'region*', 'khamenei', 'us', 'the']))
    const variants: Partial<SearchParams>[] = [
      { limit: 3, page: 2 },
      { limit: 7, page: 3, facets: false },
      { speaker: 'mahmoud-vaezi' },
      { kind: 'quotation' },
      { sort: 'date' },
      { sort: '-date', limit: 5 },
    ]
    // Every key as a query alone; the variants for a word, its prefix, a speaker's name (tiers) and a common word.
    const cases = [
      ...keys.map((key) => ({ key, v: {} })),
      ...['region', 'region*', 'khamenei', 'us', 'the'].flatMap((key) => variants.map((v) => ({ key, v }))),
    ]
    const seen: string[] = []
    const precomputed = d1Backend(spied(seen))
    const live = d1Backend(DB, { hot: false })
    for (const { key, v } of cases) {
      const params = { ...base, ...v, q: queryOf(key) } as SearchParams
      expect(await precomputed.search(params), `${key} ${JSON.stringify(v)}`).toEqual(await live.search(params))
    }
    // The build's tables were read: a page from hot.hits, a filter's own facet from hot_facets.
    expect(seen.some((s) => s.includes('substr(hits, ?, ?)'))).toBe(true)
    expect(seen.some((s) => s.startsWith("SELECT 'total' AS facet") && s.includes('FROM hot_facets'))).toBe(true)
  }, 120_000)

  it('read one row and its facets for a word alone, where a live search reads every match', async () => {
    const seen: string[] = []
    const page = await d1Backend(spied(seen)).search({ ...base, q: 'region' })
    expect(page.total).toBeGreaterThan(10)
    expect(page.hits).toHaveLength(page.total)
    expect(page.facetsApproximate).toBe(false)
    expect(seen.filter((s) => s.includes('bm25('))).toEqual([])
    expect(seen.filter((s) => s.includes('FROM hot WHERE key = ?'))).toHaveLength(1)
  })

  it('still search live what is not a word alone: two words, a quoted word, a word the build did not keep', async () => {
    for (const q of ['region forces', '"region"', 'revenge']) {
      const seen: string[] = []
      await d1Backend(spied(seen)).search({ ...base, q })
      expect(
        seen.filter((s) => s.includes('FROM hot WHERE key')),
        q,
      ).toEqual([])
      expect(
        seen.some((s) => s.includes('bm25(')),
        q,
      ).toBe(true)
    }
  })

  it('search live a key the database lacks (meta read before a new build was applied): the same answer', async () => {
    const contexts = (await DB.prepare("SELECT value FROM meta WHERE key = 'contexts'").first<{ value: string }>())?.value !== 'false'
    const facts = { quotes: 41, contexts, hot: { keys: new Set(['revenge*']), width: 2 } }
    const query = { match: '"revenge"*', speakers: [], years: [], exact: [] }
    for (const v of [{}, { speaker: 'ali-khamenei' }]) {
      const params = { ...base, ...v, q: 'revenge' } as SearchParams
      const live = await runSearch(DB, query, params, facts, true, null)
      expect(live.total).toBeGreaterThan(0)
      expect(await runSearch(DB, query, params, facts, true, 'revenge*')).toEqual(live)
    }
  })
})
