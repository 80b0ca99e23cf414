/**
 * One contract, every backend: the same requests to the bundled Worker (MiniSearch) and to a database backend's Worker
 * (D1: test/worker-d1/contract.test.ts; PostgreSQL: test/worker-pg/contract.test.ts) over the same build must give the
 * same whole JSON answers. Only what is each backend's own by nature is left out: `took_ms`, `score` (BM25+ in
 * MiniSearch, bm25 in FTS5, ts_rank × idf in PostgreSQL: different scales), the build id (each build writes its own),
 * and the order of results that relevance decides (each engine's scores order them; the relevance suite,
 * test/worker/relevance.test.ts, holds every backend to the same ranking promises): those are compared as sets, whole.
 */
import { describe, expect, it } from 'vitest'
import { createVerbatim } from '../../src/app'
import { lazyCorpus } from '../../src/data'
import indexText from '../../src/generated/index.txt'
import recordsText from '../../src/generated/records.txt'

const bundled = createVerbatim(lazyCorpus(recordsText, indexText))
/** The app as a database backend's Worker builds it: no bundled corpus. */
const noBundle = createVerbatim(() => {
  throw new Error('This Worker bundles no corpus.')
})

/** The answer without the fields that are each backend's own: timings, score scales, build ids. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'took_ms' && k !== 'score' && k !== 'build_id')
        .map(([k, v]) => [k, comparable(v)]),
    )
  return value
}

/**
 * A search answer's results with what relevance decides taken out: in id order when ranked by relevance (the set, each
 * result whole); when sorted by date, in date order and by id among equal dates (which relevance orders).
 */
function unranked(body: unknown): unknown {
  const answer = body as { sort?: string; results?: { id: string; date: string | null }[] }
  if (!answer.results) return body
  const groups = new Map<string | null, number>()
  for (const r of answer.results) if (!groups.has(r.date)) groups.set(r.date, groups.size)
  const group = (r: { date: string | null }) => (answer.sort === 'relevance' ? 0 : (groups.get(r.date) as number))
  return { ...answer, results: [...answer.results].sort((a, b) => group(a) - group(b) || (a.id < b.id ? -1 : 1)) }
}

const SEARCHES = [
  'revenge',
  'khamenei revenge',
  '"revenge will be taken"',
  'revnge',
  'withdrawal of US forces',
  'the of and',
  'reveng',
  'soleimani',
  'bridge',
  '2020 khamenei',
  'expulsion region',
  'zzzzqx',
]
const LISTS = [
  '/api/stats',
  '/api/speakers',
  '/api/speakers?limit=3&page=2',
  '/api/speakers?sort=quotes&limit=5',
  '/api/speakers?name=kha',
  '/api/sources',
  '/api/sources?sort=-date&limit=2',
  '/api/sources?sort=quotes',
  '/api/suggest?q=reve',
  '/api/suggest?q=khamenei%20rev',
  '/api/quotes/nope-nope',
]

/**
 * The contract suite: the bundle against the backend that `env` configures (bindings as its wrangler config sets them).
 * `known` lists the searches where they are known to answer differently (by query, or query and variant:
 * `revnge&limit=100&kind=fragment`), with the reason: each is a test that must fail, and turns red when the backends
 * come to agree.
 */
export function contractSuite(backend: string, env: Record<string, unknown>, known: Record<string, string> = {}) {
  async function answers(path: string, init?: RequestInit) {
    const url = `http://verbatim.test${path}`
    const bundle = await bundled.request(url, init, {})
    const other = await noBundle.request(url, init, env)
    return {
      bundle: { status: bundle.status, body: unranked(comparable(await bundle.json())) },
      other: { status: other.status, body: unranked(comparable(await other.json())) },
    }
  }

  describe(`the bundle and ${backend} give the same answers`, () => {
    // Every result (the sample corpus has 41 quotes), ranked, filtered and in both date orders.
    const VARIANTS = ['&limit=100', '&limit=100&kind=fragment', '&limit=100&sort=date', '&limit=100&sort=-date']
    for (const q of SEARCHES)
      for (const extra of VARIANTS) {
        const why = known[`${q}${extra}`] ?? known[q]
        const test = why ? it.fails : it
        test(`search ${q} (${extra}): the same whole answer${why ? ` except: ${why}` : ''}`, async () => {
          const { bundle, other } = await answers(`/api/search?q=${encodeURIComponent(q)}${extra}`)
          expect(other).toEqual(bundle)
        })
      }

    it.each(LISTS)('%s: the same whole answer', async (path) => {
      const { bundle, other } = await answers(path)
      expect(other).toEqual(bundle)
    })

    it('every quote, source and speaker lookup: the same whole answer', async () => {
      const list = (await (await bundled.request('http://verbatim.test/api/search?limit=100', {}, {})).json()) as {
        results: { id: string; speaker: { id: string } | null; sources: { id: string }[] }[]
      }
      expect(list.results.length).toBeGreaterThan(20)
      const paths = new Set<string>()
      for (const r of list.results) {
        paths.add(`/api/quotes/${r.id}`)
        for (const s of r.sources) paths.add(`/api/sources/${s.id}`)
        if (r.speaker) paths.add(`/api/speakers/${r.speaker.id}`)
      }
      for (const path of paths) {
        const { bundle, other } = await answers(path)
        expect(other, path).toEqual(bundle)
      }
    })

    it('the misquote checker: the same verdicts', async () => {
      for (const body of [
        { quote: 'revenge will be taken on those who ordered it', speaker: 'Khamenei' },
        { quote: 'revenge will be taken on those who ordered it', speaker: 'Jahangiri' },
        { quote: 'the murderers will face harsh revenge' },
      ]) {
        const { bundle, other } = await answers('/api/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        expect(other, JSON.stringify(body)).toEqual(bundle)
      }
    })
  })
}
