import { env } from 'cloudflare:test'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgBackend } from '../../src/search/pg'
import { pgSql } from '../../src/search/pg-client'
import { tsvectorLiteral } from '../../src/search/pg-text'
import { resolveSpeaker, speakersInQuery } from '../../src/search/speakers'
import { call, fold } from '../worker/helpers'

const URL = (env as unknown as { HYPERDRIVE: { connectionString: string } }).HYPERDRIVE.connectionString

/** A direct connection for the checks the API cannot make (row counts, a planted row). */
async function direct<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(URL, { max: 1, fetch_types: false, prepare: false, onnotice: () => {} })
  return await work(sql)
}

const quoteCount = () => direct(async (sql) => Number((await sql`SELECT count(*) AS n FROM quotes`)[0]?.n))

describe('the PostgreSQL backend', () => {
  it('is the one serving: the Worker reads the PostgreSQL tables', async () => {
    expect((env as unknown as { SEARCH_BACKEND: string }).SEARCH_BACKEND).toBe('postgres')
    const { body } = await call('/api/stats')
    expect(body.quotes).toBeGreaterThan(0)
    expect(await quoteCount()).toBe(body.quotes)
  })

  it('keeps quotes in year partitions, undated ones in the default partition', async () => {
    const rows = await direct(
      (sql) => sql`SELECT tableoid::regclass::text AS part, min(year) AS lo, max(year) AS hi FROM quotes GROUP BY 1`,
    )
    const parts = new Map(rows.map((r) => [r.part as string, r]))
    expect(parts.get('quotes_y2019')).toMatchObject({ lo: 2019, hi: 2019 })
    expect(parts.get('quotes_undated')).toMatchObject({ lo: null, hi: null })
    expect(parts.size).toBeGreaterThan(2)
  })

  it('finds a phrase only in its order, and a word by its prefix', async () => {
    const phrase = await call(`/api/search?q=${encodeURIComponent('"revenge will be taken"')}`)
    expect(phrase.body.total).toBe(1)
    expect(phrase.body.results[0].highlight).toContain('<mark>revenge</mark> <mark>will</mark> <mark>be</mark> <mark>taken</mark>')
    const reversed = await call(`/api/search?q=${encodeURIComponent('"taken be will revenge"')}`)
    expect(reversed.body.total).toBe(0)
    const prefix = await call('/api/search?q=reveng')
    expect(prefix.body.results.map((r: { text: string }) => r.text).join(' ')).toContain('revenge will be taken')
    // Two letters are no prefix (as in the bundle): "re" matches only the word "re", which no quote has.
    expect((await call('/api/search?q=re')).body.total).toBe(0)
  })

  it('finds other forms of a word by its stem: "assassinated" finds "assassination"', async () => {
    const { body } = await call('/api/search?q=assassinated&limit=100')
    expect(body.results.some((r: { text: string }) => /assassination/i.test(r.text))).toBe(true)
  })

  it.each([
    ['revenge & !taken', 'revenge taken'],
    ['revenge:*', 'revenge'],
    ['revenge <-> taken', 'revenge taken'],
    ["'revenge' | 'the'", 'revenge the'],
    ['(revenge', 'revenge'],
    ['\\revenge', 'revenge'],
    ['$1 revenge', '1 revenge'],
    ["'; DROP TABLE quotes; --", 'drop table quotes '],
  ])('treats tsquery and SQL syntax in %j as words: the same answer as %j', async (q, words) => {
    const before = await quoteCount()
    const ids = (body: { results: { id: string }[] }) => body.results.map((r) => r.id)
    const { res, body } = await call(`/api/search?q=${encodeURIComponent(q)}&limit=100`)
    const plain = await call(`/api/search?q=${encodeURIComponent(words)}&limit=100`)
    expect(res.status).toBe(200)
    expect(plain.res.status).toBe(200)
    expect(body.total).toBe(plain.body.total)
    expect(ids(body)).toEqual(ids(plain.body))
    expect(await quoteCount()).toBe(before)
  })

  it('binds filter values: a quote in a speaker filter is a value, not SQL', async () => {
    const { res, body } = await call(`/api/search?q=revenge&speaker=${encodeURIComponent("x' OR 1=1 --")}`)
    expect(res.status).toBe(200)
    expect(body.total).toBe(0)
  })
})

describe('the PostgreSQL backend beyond search', () => {
  const backend = pgBackend(pgSql({}, URL))

  it('reads only the speaker names a query needs, with typos for words the vocabulary lacks', async () => {
    const misspelt = await backend.names(['khamenie', 'revenge'])
    expect([...speakersInQuery(misspelt, ['khamenie', 'revenge']).ids]).toEqual(['ali-khamenei'])
    const plain = await backend.names(['revenge'])
    expect(plain.surnames.size).toBe(0)
    expect([...resolveSpeaker(await backend.names(['ali', 'khamenei'], 'Ali Khamenei'), 'Ali Khamenei')]).toEqual(['ali-khamenei'])
    expect([...resolveSpeaker(await backend.names(['ali', 'khamenei'], 'ali-khamenei'), 'ali-khamenei')]).toEqual(['ali-khamenei'])
    expect(resolveSpeaker(await backend.names(['nobody'], 'nobody'), 'nobody').size).toBe(0)
  })

  it('corrects a misspelt word from the nearest terms (pg_trgm) and says so', async () => {
    const page = await backend.search({ q: 'revnge', page: 1, limit: 10 })
    expect(page.corrected).toEqual([{ typed: 'revnge', searched: 'revenge' }])
    expect(page.hits[0]?.highlight).toContain('<mark>revenge</mark>')
  })

  it('keeps a quoted phrase exact although the index stems: "the region" is not "the regional"', async () => {
    const { body } = await call(`/api/search?q=${encodeURIComponent('"the region"')}&limit=100`)
    expect(body.total).toBeGreaterThan(0)
    for (const r of body.results) expect(` ${fold(r.text)} `).toContain(' the region ')
  })

  it('picks random quotes by speaker and kind, and none for nobody', async () => {
    const seen = new Set<string>()
    for (let i = 0; i < 15; i++) seen.add((await backend.random({}))?.id ?? '')
    expect(seen.size).toBeGreaterThan(1)
    expect(seen.has('')).toBe(false)
    for (let i = 0; i < 5; i++) {
      expect((await backend.random({ speakers: new Set(['ali-khamenei']) }))?.speaker).toBe('ali-khamenei')
      expect((await backend.random({ kind: 'fragment' }))?.kind).toBe('fragment')
    }
    expect(await backend.random({ speakers: new Set() })).toBeUndefined()
    expect(await backend.random({ speakers: new Set(['nobody-at-all']) })).toBeUndefined()
  })

  it('finds verify candidates with all words as printed, or any word with typos', async () => {
    const all = await backend.candidates(['enemy’s', 'crushed'], 'all', 20)
    expect(all.some((q) => fold(q.text).includes('enemys bones are being crushed'))).toBe(true)
    expect(await backend.candidates(['enemy’s', 'xylophone'], 'all', 20)).toEqual([])
    const any = await backend.candidates(['xylophone', 'crushd'], 'any', 20)
    expect(any.some((q) => fold(q.text).includes('crushed'))).toBe(true)
  })

  it('suggests completions as printed', async () => {
    expect((await backend.suggest('enemy', 5)).map((s) => s.text)).toContain('enemy’s')
    expect((await backend.suggest('revnge tak', 5))[0]?.text).toBe('revenge taken')
  })
})

describe('PostgreSQL highlighting of hostile text', () => {
  const n = 1_000_000
  const text = `<img src=x onerror="alert(1)"> zebrafish & "revenge" \uE001 </mark><script>`
  beforeAll(async () => {
    await direct(
      (
        sql,
      ) => sql`INSERT INTO quotes (n, year, id, text, kind, speaker, date, date_source, occurrences, variants, folded, context, sources, own, tsv)
        VALUES (${n}, NULL, 'ffffffffffff', ${text}, 'quotation', NULL, NULL, 'unknown', '[]', '[]', '', '', '{}',
          ${tsvectorLiteral([{ text, weight: 'A' }])}::tsvector, ${tsvectorLiteral([{ text, weight: 'A' }])}::tsvector)`,
    )
  })
  afterAll(async () => {
    await direct((sql) => sql`DELETE FROM quotes WHERE n = ${n}`)
  })

  it('escapes the text and shows no marks when the text holds a marker character (as on D1)', async () => {
    const { body } = await call('/api/search?q=zebrafish')
    expect(body.total).toBe(1)
    const html: string = body.results[0].highlight
    expect(html).not.toMatch(/<(?!\/?mark>)/)
    expect(html).not.toContain('<mark>')
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
  })
})
