import { describe, expect, it } from 'vitest'
import { byDate, yearOf } from '../../scripts/pg/rows'
import { copyLine, createTables, partitionName } from '../../scripts/pg/schema'
import { searchSql } from '../../src/search/pg-sql'
import { lexemeLiteral, matchedWords, matcherOf, rankParts, tsqueryOf, tsvectorLiteral } from '../../src/search/pg-text'
import type { Quote } from '../../src/types'

describe('PostgreSQL lexemes (src/search/pg-text.ts)', () => {
  it('stores the stem of each folded word at its position, fields weighted and apart', () => {
    expect(
      tsvectorLiteral([
        { text: 'Revenge, revenged!', weight: 'A' },
        { text: 'Ali Khamenei', weight: 'B' },
      ]),
    ).toBe("'ali':5B 'khamenei':6B 'reveng':1A,2A")
  })

  it('folds case, diacritics and apostrophes as the bundle does', () => {
    expect(tsvectorLiteral([{ text: 'Es’haq CAFÉ', weight: 'A' }])).toBe("'cafe':2A 'eshaq':1A")
  })

  it('keeps at most 255 positions of a lexeme (PostgreSQL refuses more)', () => {
    const literal = tsvectorLiteral([{ text: 'no '.repeat(300), weight: 'D' }])
    expect(literal.split(',')).toHaveLength(255)
  })

  it('quotes lexemes: quotes doubled, backslashes escaped', () => {
    expect(lexemeLiteral("it's")).toBe("'it''s'")
    expect(lexemeLiteral('a\\b')).toBe("'a\\\\b'")
  })

  it('writes a query as stems, a prefix on the stem, phrases side by side and typo alternatives', () => {
    const parts = [
      { words: ['Forces'], prefix: false },
      { words: ['will', 'be', 'taken'], prefix: false, quoted: true as const },
      { words: ['revn'], prefix: true },
    ]
    expect(tsqueryOf(parts, 'AND')).toBe("'forc' & ('will' <-> 'be' <-> 'taken') & 'revn':*")
    expect(tsqueryOf(parts.slice(0, 1), 'OR', new Map([[0, ['force', 'farce']]]))).toBe("('forc' | 'forc' | 'farc')")
    expect(tsqueryOf([{ words: ['!!!'], prefix: false }], 'AND')).toBeNull()
  })

  it('leaves no tsquery operator of the user in the tsquery: every word is a quoted lexeme', () => {
    expect(tsqueryOf([{ words: ["x'|!y:*"], prefix: false }], 'AND')).toBe("('x' <-> 'y')")
    expect(tsqueryOf([{ words: ["&'!"], prefix: false }], 'AND')).toBeNull()
  })

  it('ranks each part with its own tsquery, stems and prefix', () => {
    expect(rankParts([{ words: ['forces'], prefix: true }], new Map([[0, ['farces']]]))).toEqual([
      { tsquery: "('forc':* | 'farc')", stems: ['forc', 'farc'], prefix: 'forc', phrase: false },
    ])
  })

  it('marks the words a query finds: other forms of a word, a prefix, typo alternatives', () => {
    const matches = matcherOf(
      [
        { words: ['assassinated'], prefix: false },
        { words: ['reve'], prefix: true },
      ],
      new Map([[0, ['killed']]]),
    )
    expect(matchedWords('The assassination was revenge; they killed him, assassins, reviled.', matches)).toEqual([
      'assassination',
      'revenge',
      'killed',
      'assassins',
    ])
  })
})

describe('the PostgreSQL search statement (src/search/pg-sql.ts)', () => {
  const hostile = "x'); DROP TABLE quotes; --"
  const { text, values } = searchSql(
    { match: "'revenge'", speakers: ['ali-khamenei'], years: ['2019'], exact: [` ${hostile} `], sequence: "'a' <-> 'b'" },
    { q: 'revenge', page: 2, limit: 10, speaker: hostile, source: hostile, kind: 'quotation', from: '2019', to: '2020' },
    { facets: true, count: true },
  )

  it('binds every value: no user text in the SQL', () => {
    expect(text).not.toContain('DROP TABLE')
    expect(text).not.toContain('revenge')
    expect(values).toContain(hostile)
    expect(values).toContain("'revenge'")
    expect(values).toContain(10)
    expect(values).toContain(10 * (2 - 1))
  })

  it('numbers its placeholders as its values', () => {
    const used = new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))
    expect(Math.max(...used)).toBe(values.length)
    expect(used.size).toBe(values.length)
  })
})

describe('PostgreSQL tables (scripts/pg)', () => {
  it('writes COPY text: tabs, newlines, backslashes escaped, null as \\N, NUL replaced', () => {
    expect(copyLine(['a\tb\nc\\d\r', null, 3, 'x\0y'])).toBe('a\\tb\\nc\\\\d\\r\t\\N\t3\tx\uFFFDy\n')
  })

  it('partitions quotes by year, undated ones in the default partition', () => {
    const ddl = createTables([2019, 2020]).join('\n')
    expect(ddl).toContain('CREATE TABLE quotes_y2019 PARTITION OF quotes FOR VALUES FROM (2019) TO (2020)')
    expect(ddl).toContain('CREATE TABLE quotes_undated PARTITION OF quotes DEFAULT')
    expect(partitionName(null)).toBe('quotes_undated')
    expect(yearOf('2019-05-01')).toBe(2019)
    expect(yearOf(null)).toBeNull()
  })

  it('numbers quotes newest first, undated last, then by id (as D1 and the bundle)', () => {
    const q = (id: string, date: string | null) => ({ id, date }) as Quote
    const sorted = [q('b', null), q('c', '2019-01-01'), q('a', '2020-01-01'), q('a2', null), q('d', '2019-01-01')].sort(byDate)
    expect(sorted.map((x) => x.id)).toEqual(['a', 'c', 'd', 'a2', 'b'])
  })
})
