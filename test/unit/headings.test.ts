import { describe, expect, it } from 'vitest'
import { d1Migrations } from '../../scripts/d1/sql'
import { packRecords, unpackRecords } from '../../src/pack'
import { type SourceRow, toSource } from '../../src/search/d1-rows'
import type { Records, Source } from '../../src/types'

const source = (id: string, headings?: number[]): Source => ({
  id,
  title: id,
  outlet: null,
  url: null,
  published: null,
  license: null,
  language: 'en',
  body: 'Head\n\nText.',
  removed: [],
  ...(headings ? { headings } : {}),
})

const records: Records = {
  build_id: 'b',
  built_from: { sources: 2, quotes: 0, speakers: 0 },
  sources: [source('md', [0]), source('txt')],
  quotes: [],
  speakers: [],
}

describe("a source's headings (which blocks of a Markdown body are headings)", () => {
  it('survive the packed records the bundle serves', () => {
    const back = unpackRecords(JSON.parse(JSON.stringify(packRecords(records))))
    expect(back.sources.map((s) => s.headings)).toEqual([[0], undefined])
  })

  it('are stored in the D1 sources table and read back from its rows', () => {
    const sql = d1Migrations(records)
      .map((m) => m.sql)
      .join('\n')
    expect(sql).toMatch(/headings TEXT/)
    expect(sql).toMatch(/\('md', [\s\S]*?'\[0\]', 0, 0\)/)
    const row = { ...source('md'), removed: '[]', headings: '[0]', occurrence_count: 0, quote_count: 0 } as SourceRow
    expect(toSource(row).headings).toEqual([0])
    expect('headings' in toSource({ ...row, headings: null })).toBe(false)
  })
})
