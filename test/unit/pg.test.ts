import { describe, expect, it } from 'vitest'
import { yearOf } from '../../scripts/pg/rows'
import { copyLine, createTables, partitionName } from '../../scripts/pg/schema'
import { compareByDate as byDate } from '../../src/data'
import { wordPart } from '../../src/search/d1-query'
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

describe('the bounds of a PostgreSQL search (src/search/pg-sql.ts)', () => {
  const query = { match: "'revenge'", speakers: [], years: [], exact: [] }
  const sets = (text: string) => [...text.matchAll(/\b(c\d+) AS MATERIALIZED/g)].map((m) => m[1])
  const caps = { count: 5, rank: 8, sample: 3 }

  it('reads one set of matches without filters, one more per chosen filter (for its own facet)', () => {
    expect(sets(searchSql(query, { q: 'r', page: 1, limit: 10 }, { facets: true, count: true }).text)).toEqual(['c0'])
    const filtered = { q: 'r', page: 1, limit: 10, speaker: 'a', kind: 'quotation' as const, from: '2019' }
    expect(sets(searchSql(query, filtered, { facets: true, count: true }).text)).toEqual(['c0', 'c1', 'c2', 'c3'])
    expect(sets(searchSql(query, filtered, { facets: false, count: true }).text)).toEqual(['c0'])
  })

  it('takes at most max(rank cap, count cap + 1) candidates, counts to the count cap + 1, samples the facets', () => {
    const { text } = searchSql(query, { q: 'r', page: 1, limit: 10 }, { facets: true, count: true }, caps)
    // Each year's newest 8, the years newest first, stopped at 8 (newestMatches).
    expect(text).toContain('ORDER BY b.n + 0 ASC LIMIT 8)')
    expect(text).toContain(') m LIMIT 8)')
    expect(text).toContain('FROM c0 LIMIT 6)')
    expect(text).toContain('LIMIT 3)')
    expect(text).toContain('> 3) AS approximate')
  })

  it("walks or reads year by year, as the words' document counts say, only the sets without a filter", () => {
    const ranked = { ...query, rank: rankParts([wordPart('revenge', 'revenge')]) }
    const alone = searchSql(ranked, { q: 'r', page: 1, limit: 10 }, { facets: true, count: true }, caps).text
    expect(alone.match(/\nc0 AS[^\n]*/)?.[0]).toContain(') m WHERE (SELECT w.matches ^ 2')
    expect(alone).toContain(') m WHERE NOT (SELECT w.matches ^ 2')
    // With a speaker: the set with it is read year by year, the one without it (its facet's) may be walked.
    const text = searchSql(ranked, { q: 'r', page: 1, limit: 10, speaker: 'a' }, { facets: true, count: true }, caps).text
    expect(text.match(/\nc0 AS[^\n]*/)?.[0]).not.toContain('w.matches')
    expect(text.match(/\nc1 AS[^\n]*/)?.[0]).toContain('w.matches')
  })

  it('lists every quote uncapped to the page asked when it counts nothing (no words, no filter)', () => {
    const { text } = searchSql({ ...query, match: null }, { q: '', page: 5, limit: 10 }, { facets: false, count: false }, caps)
    expect(text).toContain('ORDER BY b.n LIMIT 50)')
    expect(text).toContain('0 AS total')
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
