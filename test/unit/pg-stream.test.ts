import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCorpusDir } from '../../scripts/build'
import { openCorpus } from '../../scripts/pg/stream'
import { countQuote, newTally, topValues } from '../../scripts/pg/tally'
import { buildCorpus } from '../../scripts/pipeline'
import { compareByDate } from '../../src/data'
import type { Quote, Source } from '../../src/types'

const ROOT = join(import.meta.dirname, '../..')
let dir: string

/** The sample articles and registry with the Quotebank fixture: both kinds of corpus files. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verbatim-pg-stream-'))
  await cp(join(ROOT, 'corpus'), dir, { recursive: true })
  await cp(join(ROOT, 'test/unit/fixtures/quotebank/sample.jsonl'), join(dir, 'quotebank.jsonl'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function streamed(at: string, batchQuotes: number) {
  const corpus = await openCorpus(at, batchQuotes)
  const quotes: Quote[] = []
  const sources: Source[] = []
  let batches = 0
  for await (const b of corpus.batches) {
    batches++
    quotes.push(...b.quotes)
    sources.push(...b.sources)
  }
  return { quotes, sources, batches }
}

describe('build:pg reading a corpus in batches (scripts/pg/stream.ts)', () => {
  it('hands over the quotes and sources of the whole pipeline, a source at its first place', async () => {
    const { files, lines } = await readCorpusDir(dir)
    const { records } = await buildCorpus(files, lines, { index: false })
    const { quotes, sources, batches } = await streamed(dir, 2)
    expect(batches).toBeGreaterThan(3)
    expect([...quotes].sort(compareByDate)).toEqual(records.quotes)
    // A URL printed in two batches comes twice; the server keeps its first place (scripts/pg/finish.ts).
    const first = sources.filter((s, i) => sources.findIndex((t) => t.id === s.id) === i)
    expect(first).toEqual(records.sources)
  })

  it('reports every bad line of every file at the end, after the good ones', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'verbatim-pg-stream-bad-'))
    try {
      await writeFile(join(bad, 'a.jsonl'), '{"quoteID": \n')
      await writeFile(join(bad, 'b.jsonl'), '')
      const failed = await streamed(bad, 2).catch((e: unknown) => e)
      expect(failed).toBeInstanceOf(AggregateError)
      expect((failed as AggregateError).errors.map((e: Error) => e.message)).toEqual([
        expect.stringMatching(/a\.jsonl:1: not valid JSON/),
        expect.stringMatching(/b\.jsonl:1: empty file/),
      ])
    } finally {
      await rm(bad, { recursive: true, force: true })
    }
  })
})

describe('build:pg counts (scripts/pg/tally.ts)', () => {
  it('lists facet values most first then by value, years newest first, as facetCounts', () => {
    const counts = new Map([
      ['b', 2],
      ['a', 2],
      ['c', 5],
      ['z', 0],
    ])
    expect(topValues(counts, (v) => v.toUpperCase(), 'count')).toEqual([
      { value: 'c', label: 'C', count: 5 },
      { value: 'a', label: 'A', count: 2 },
      { value: 'b', label: 'B', count: 2 },
    ])
    expect(topValues(counts, (v) => v, 'value-desc').map((f) => f.value)).toEqual(['c', 'b', 'a'])
  })

  it('counts quotes, printings, speakers named by occurrences, years and terms', () => {
    const t = newTally()
    const o = {
      source: 's',
      start: 0,
      end: 1,
      text: 'x',
      speaker: 'other',
      confidence: 1,
      kind: 'quotation' as const,
      date: null,
      date_source: 'published' as const,
    }
    countQuote(
      t,
      {
        id: 'q',
        text: 'x',
        kind: 'quotation',
        speaker: 'sp',
        date: '2019-02-03',
        date_source: 'published',
        occurrences: [o, o],
        variants: [],
      },
      ['x', 'y'],
    )
    countQuote(
      t,
      { id: 'r', text: 'x', kind: 'fragment', speaker: null, date: null, date_source: 'published', occurrences: [o], variants: [] },
      ['x'],
    )
    expect([t.quotes, t.quotations, t.occurrences]).toEqual([2, 1, 3])
    expect([...t.used].sort()).toEqual(['other', 'sp'])
    expect([...t.years]).toEqual([['2019', 1]])
    expect([...t.terms]).toEqual([
      ['x', 2],
      ['y', 1],
    ])
  })
})
