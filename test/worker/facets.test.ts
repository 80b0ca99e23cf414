/**
 * Facets on both backends (the worker and worker-d1 projects run this file): what a search that finds nothing says of
 * the chosen filters, `facets=false` whatever the query, and the exactness fields.
 */
import { describe, expect, it } from 'vitest'
import { call } from './helpers'

const search = async (query: string) => {
  const { res, body } = await call(`/api/search?${query}`)
  expect(res.status).toBe(200)
  return body
}

describe('GET /api/search: facets of a search that finds nothing', () => {
  it.each(['q=%F0%9F%98%80', 'q=!!!', 'q=zzqxjv', 'q=%F0%9F%98%80&speaker=mahmoud-vaezi'])('leaves them out on request (%s)', async (q) => {
    const body = await search(`${q}&facets=false`)
    expect(body.total).toBe(0)
    expect(body.facets).toBeNull()
    expect(body.facets_approximate).toBe(false)
  })

  it.each(['!!!', 'zzqxjv'])('lists the chosen speaker, source and kind labelled with their names, counted 0 (q=%s)', async (q) => {
    const found = await search('q=region')
    const source = found.results[0].sources[0] as { id: string; title: string }
    const body = await search(`q=${encodeURIComponent(q)}&speaker=mahmoud-vaezi&source=${source.id}&kind=quotation`)
    expect(body.total).toBe(0)
    expect(body.facets).toEqual({
      speaker: [{ value: 'mahmoud-vaezi', label: 'Mahmoud Vaezi', count: 0 }],
      source: [{ value: source.id, label: source.title, count: 0 }],
      year: [],
      kind: [{ value: 'quotation', label: 'quotation', count: 0 }],
    })
  })
})

describe('GET /api/search: exactness', () => {
  it('says the total and the facets are exact on a corpus this small', async () => {
    for (const query of ['q=revenge', 'q=', 'q=region&speaker=mahmoud-vaezi', 'q=zzqxjv']) {
      const body = await search(query)
      expect(body.total_is_exact).toBe(true)
      expect(body.facets_approximate).toBe(false)
    }
  })

  it('counts every quote for an empty query in any order, oldest first when sorted by date', async () => {
    const { body: stats } = await call('/api/stats')
    for (const sort of ['relevance', 'date', '-date']) {
      const body = await search(`q=&sort=${sort}&limit=100`)
      expect(body.total).toBe(stats.quotes)
      expect(body.total_is_exact).toBe(true)
    }
    const dates = (await search('q=&sort=date&limit=100')).results.map((r: { date: string | null }) => r.date).filter(Boolean)
    expect(dates.length).toBeGreaterThan(1)
    expect(dates).toEqual([...dates].sort())
  })
})
