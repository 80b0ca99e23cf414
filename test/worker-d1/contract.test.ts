/**
 * One contract, two backends: the same requests to the bundled Worker (MiniSearch) and to the D1 Worker over the
 * same build must give the same whole JSON answers. Only what is each backend's own by nature is left out: `took_ms`,
 * `score` (BM25+ in MiniSearch, bm25 in FTS5: different scales), the build id (each build writes its own), and the
 * order of results ranked by relevance (each engine's scores order them; the relevance suite,
 * test/worker/relevance.test.ts, holds both to the same ranking promises): those are compared as sets, whole.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createVerbatim } from '../../src/app'
import { lazyCorpus } from '../../src/data'
import indexText from '../../src/generated/index.txt'
import recordsText from '../../src/generated/records.txt'

const bundled = createVerbatim(lazyCorpus(recordsText, indexText))
const onD1 = createVerbatim(() => {
  throw new Error('The D1 Worker bundles no corpus.')
})
const d1Env = { SEARCH_BACKEND: 'd1', DB: (env as unknown as { DB: D1Database }).DB }

/** The answer without the fields that are each backend's own: timings and score scales. */
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

async function answers(path: string, init?: RequestInit) {
  const url = `http://verbatim.test${path}`
  const bundle = await bundled.request(url, init, {})
  const d1 = await onD1.request(url, init, d1Env)
  return {
    bundle: { status: bundle.status, body: unranked(comparable(await bundle.json())) },
    d1: { status: d1.status, body: unranked(comparable(await d1.json())) },
  }
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
/** Where the backends are known to answer differently, and why. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'withdrawal of US forces':
    'FTS5\'s porter tokenizer stems a word of two letters ("us" also finds "use", "uses"); the bundle joins word forms from three letters',
}

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

describe('the bundle and D1 give the same answers', () => {
  // Every result (the sample corpus has 41 quotes), ranked, filtered and in both date orders.
  const VARIANTS = ['&limit=100', '&limit=100&kind=fragment', '&limit=100&sort=date', '&limit=100&sort=-date']
  for (const q of SEARCHES)
    for (const extra of VARIANTS) {
      // A known difference is a test that must fail: it turns red when the backends come to agree.
      const test = KNOWN_DIFFERENCES[q] ? it.fails : it
      test(`search ${q} (${extra}): the same whole answer${KNOWN_DIFFERENCES[q] ? ` except: ${KNOWN_DIFFERENCES[q]}` : ''}`, async () => {
        const { bundle, d1 } = await answers(`/api/search?q=${encodeURIComponent(q)}${extra}`)
        expect(d1).toEqual(bundle)
      })
    }

  it.each(LISTS)('%s: the same whole answer', async (path) => {
    const { bundle, d1 } = await answers(path)
    expect(d1).toEqual(bundle)
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
      const { bundle, d1 } = await answers(path)
      expect(d1, path).toEqual(bundle)
    }
  })

  it('the misquote checker: the same verdicts', async () => {
    for (const body of [
      { quote: 'revenge will be taken on those who ordered it', speaker: 'Khamenei' },
      { quote: 'revenge will be taken on those who ordered it', speaker: 'Jahangiri' },
      { quote: 'the murderers will face harsh revenge' },
    ]) {
      const { bundle, d1 } = await answers('/api/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(d1, JSON.stringify(body)).toEqual(bundle)
    }
  })
})
