import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { d1Migrations, inserts, sqlString } from '../../scripts/d1/sql'
import { readRecords } from '../../src/records'

const records = () => readRecords(readFileSync(join(import.meta.dirname, '../generated/records.txt'), 'utf8'))

describe('D1 migrations', () => {
  it('writes strings as SQL literals, a NUL as a blob cast', () => {
    expect(sqlString("it's")).toBe("'it''s'")
    expect(sqlString("'); DROP TABLE quotes; --")).toBe("'''); DROP TABLE quotes; --'")
    expect(sqlString('a\0b')).toBe("CAST(X'610062' AS TEXT)")
  })

  it('splits rows into INSERTs under the D1 statement limit, keeping every row once', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [i, 'x'.repeat(1000)])
    const statements = inserts('t', ['n', 'v'], rows)
    expect(statements.length).toBeGreaterThan(1)
    for (const s of statements) expect(s.length).toBeLessThan(100_000)
    expect(statements.join('\n').match(/^\(\d+, 'x+'\)/gm)).toHaveLength(500)
    expect(() => inserts('t', ['v'], [['y'.repeat(100_000)]])).toThrow(/over the D1 statement limit/)
  })

  it('is deterministic, numbers quotes newest first and fills the FTS table from them', () => {
    const r = records()
    const a = d1Migrations(r)
    expect(d1Migrations(records())).toEqual(a)
    expect(a.map((m) => m.name)).toEqual(['schema', 'records', 'quotes', 'search'].map((p, i) => `000${i + 1}_${p}_${r.build_id}.sql`))
    expect(a[0]?.sql).toMatch(/^DROP TABLE IF EXISTS quotes;$/m)
    expect(a[0]?.sql).toContain("tokenize = 'porter unicode61 remove_diacritics 2'")
    const dates = [
      ...(a[2]?.sql ?? '').matchAll(/^\((\d+), '[0-9a-f]+', .*?'(?:quotation|fragment)', (?:'[^']*'|NULL), ('\d{4}-\d\d-\d\d'|NULL)/gm),
    ].map((m) => [Number(m[1]), m[2]])
    expect(dates).toHaveLength(r.quotes.length)
    expect(dates.map(([n]) => n)).toEqual(r.quotes.map((_, i) => i + 1))
    const dated = dates.map(([, d]) => d).filter((d) => d !== 'NULL')
    expect(dated).toEqual([...dated].sort().reverse())
    expect(a[3]?.sql).toMatch(/INSERT INTO quotes_fts \(rowid, text, speaker\)/)
  })

  it('precomputes the words in at least --hot-min quotes after the FTS tables, and lists them in meta', () => {
    const r = records()
    const [, rec, , search] = d1Migrations(r, { hotMin: 10 })
    const meta = /\('hot', '(\{.*?\})'\)/.exec(rec?.sql ?? '')?.[1] ?? ''
    const { keys } = JSON.parse(meta) as { keys: string[] }
    expect(keys).toContain('region')
    expect(keys).toContain('region*')
    expect(keys).not.toContain('revenge')
    const sql = search?.sql ?? ''
    expect(sql.indexOf('INSERT INTO hot (key, total, hits) WITH own AS MATERIALIZED')).toBeGreaterThan(sql.indexOf("VALUES ('optimize')"))
    expect(sql.match(/^INSERT INTO hot \(/gm)).toHaveLength(keys.length)
    expect(sql.match(/^INSERT INTO hot_facets /gm)).toHaveLength(keys.length)
    expect(d1Migrations(r, { hotMin: 1_000_000 })[3]?.sql).not.toMatch(/^INSERT INTO hot /m)
  })
})
