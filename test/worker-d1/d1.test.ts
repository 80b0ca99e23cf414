import { env } from 'cloudflare:test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { d1Backend, markedHtml, matchExpression, readQuery } from '../../src/search/d1'
import { COUNT_CAP, FACET_SAMPLE } from '../../src/search/options'
import { resolveSpeaker, speakersInQuery } from '../../src/search/speakers'
import { call, fold } from '../worker/helpers'

const DB = (env as unknown as { DB: D1Database }).DB

describe('the D1 backend', () => {
  it('is the one serving: the Worker reads the D1 tables', async () => {
    expect((env as unknown as { SEARCH_BACKEND: string }).SEARCH_BACKEND).toBe('d1')
    const row = await DB.prepare('SELECT count(*) AS n FROM quotes_fts').first<{ n: number }>()
    const { body } = await call('/api/stats')
    expect(row?.n).toBe(body.quotes)
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

  it('searches speaker names and aliases too', async () => {
    for (const q of ['khamenei', 'ayatollah']) {
      const { body } = await call(`/api/search?q=${q}&limit=100`)
      expect(body.results.some((r: { speaker: { id: string } | null }) => r.speaker?.id === 'ali-khamenei')).toBe(true)
    }
  })

  it.each([
    ['revenge" OR "the', 'revenge "or" the'],
    ['NEAR(revenge taken)', 'near revenge taken '],
    ['*', '!'],
    ['text:revenge', 'text revenge'],
    ['-revenge', 'revenge'],
    ['(revenge', 'revenge'],
    ['"', '!'],
    ['revenge AND', 'revenge and'],
    ["'; DROP TABLE quotes; --", 'drop table quotes '],
    ['^revenge', 'revenge'],
  ])('treats FTS5 and SQL syntax in %j as words: the same answer as %j', async (q, words) => {
    const quotes = async () => (await DB.prepare('SELECT count(*) AS n FROM quotes').first<{ n: number }>())?.n
    const before = await quotes()
    const ids = (body: { results: { id: string }[] }) => body.results.map((r) => r.id)
    const { res, body } = await call(`/api/search?q=${encodeURIComponent(q)}&limit=100`)
    const plain = await call(`/api/search?q=${encodeURIComponent(words)}&limit=100`)
    expect(res.status).toBe(200)
    expect(plain.res.status).toBe(200)
    expect(body.total).toBe(plain.body.total)
    expect(ids(body)).toEqual(ids(plain.body))
    expect(await quotes()).toBe(before)
  })

  it('filters quotations (a NOT of the fragment token in its MATCH): the quotations of the unfiltered answer, in order', async () => {
    for (const q of ['revenge', 'region forces', 'soleimani', 'the of and', 'khamenei revenge']) {
      const all = (await call(`/api/search?q=${encodeURIComponent(q)}&limit=100`)).body
      const { body } = await call(`/api/search?q=${encodeURIComponent(q)}&limit=100&kind=quotation`)
      const quotations = all.results.filter((r: { kind: string }) => r.kind === 'quotation').map((r: { id: string }) => r.id)
      expect(quotations.length, q).toBeGreaterThan(0)
      expect(
        body.results.map((r: { id: string }) => r.id),
        q,
      ).toEqual(quotations)
      expect(body.total, q).toBe(quotations.length)
    }
  })

  it('binds filter values: a quote in a speaker filter is a value, not SQL', async () => {
    const { res, body } = await call(`/api/search?speaker=${encodeURIComponent("x' OR 1=1 --")}`)
    expect(res.status).toBe(200)
    expect(body.total).toBe(0)
  })
})

describe('the D1 backend beyond search', () => {
  const backend = d1Backend(DB)

  it('reads only the speaker names a query needs, with typos for words the vocabulary lacks', async () => {
    const misspelt = await backend.names(['khamenie', 'revenge'])
    expect([...speakersInQuery(misspelt, ['khamenie', 'revenge']).ids]).toEqual(['ali-khamenei'])
    // A word of the vocabulary is taken as written: "revenge" names nobody, and fetches no surname rows.
    const plain = await backend.names(['revenge'])
    expect(plain.surnames.size).toBe(0)
    expect(speakersInQuery(plain, ['revenge']).ids.size).toBe(0)
    // A whole name, an id, or a surname alone, as /api/random and /api/verify take them.
    expect([...resolveSpeaker(await backend.names(['ali', 'khamenei'], 'Ali Khamenei'), 'Ali Khamenei')]).toEqual(['ali-khamenei'])
    expect([...resolveSpeaker(await backend.names(['ali', 'khamenei'], 'ali-khamenei'), 'ali-khamenei')]).toEqual(['ali-khamenei'])
    expect(resolveSpeaker(await backend.names(['nobody'], 'nobody'), 'nobody').size).toBe(0)
  })

  it('keeps a quoted phrase exact although FTS5 stems: "the region" is not "the regional"', async () => {
    const stemmed = await DB.prepare(`SELECT count(*) AS n FROM quotes_fts WHERE quotes_fts MATCH '"the region"'`).first<{ n: number }>()
    const { body } = await call(`/api/search?q=${encodeURIComponent('"the region"')}&limit=100`)
    expect(body.total).toBeGreaterThan(0)
    expect(body.total).toBeLessThan(stemmed?.n ?? 0)
    for (const r of body.results) expect(` ${fold(r.text)} `).toContain(' the region ')
  })

  it('picks random quotes by speaker and kind from SQL, and none for nobody', async () => {
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
    const both = await backend.random({ speakers: new Set(['ali-khamenei', 'mahmoud-vaezi']), kind: 'quotation' })
    expect(['ali-khamenei', 'mahmoud-vaezi']).toContain(both?.speaker)
    expect(both?.kind).toBe('quotation')
  })

  it('finds verify candidates with all words as printed (apostrophes too), or any word with typos', async () => {
    const all = await backend.candidates(['enemy’s', 'crushed'], 'all', 20)
    expect(all.some((q) => fold(q.text).includes('enemys bones are being crushed'))).toBe(true)
    expect(await backend.candidates(['enemy’s', 'xylophone'], 'all', 20)).toEqual([])
    const any = await backend.candidates(['xylophone', 'crushd'], 'any', 20)
    expect(any.some((q) => fold(q.text).includes('crushed'))).toBe(true)
  })

  it('suggests completions drawn from the FTS table, as printed', async () => {
    expect((await backend.suggest('enemy', 5)).map((s) => s.text)).toContain('enemy’s')
    expect((await backend.suggest('revnge tak', 5))[0]?.text).toBe('revenge taken')
  })
})

describe('D1 highlighting of hostile text', () => {
  const n = 1_000_000
  const text = `<img src=x onerror="alert(1)"> zebrafish & "revenge" \uE001 </mark><script>`
  beforeAll(async () => {
    await DB.batch([
      DB.prepare(
        "INSERT INTO quotes (n, id, text, kind, speaker, date, date_source, occurrences, variants, folded, context) VALUES (?, 'ffffffffffff', ?, 'quotation', NULL, NULL, 'unknown', '[]', '[]', '', '')",
      ).bind(n, text),
      DB.prepare("INSERT INTO quote_keys (n, speaker, kind, date) VALUES (?, NULL, 'quotation', NULL)").bind(n),
      DB.prepare("INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, '')").bind(n, text),
      // External content: the index must hold what quote_texts gives back (a delete removes those tokens).
      DB.prepare(
        'INSERT INTO search_fts (rowid, text, speaker, context, keys) SELECT n, text, speaker, context, keys FROM quote_texts WHERE n = ?',
      ).bind(n),
    ])
  })
  afterAll(async () => {
    await DB.batch([
      DB.prepare('DELETE FROM quotes_fts WHERE rowid = ?').bind(n),
      DB.prepare('DELETE FROM search_fts WHERE rowid = ?').bind(n),
      DB.prepare('DELETE FROM quotes WHERE n = ?').bind(n),
      DB.prepare('DELETE FROM quote_keys WHERE n = ?').bind(n),
    ])
  })

  it('escapes the text and shows no marks when the text holds a marker character', async () => {
    const { body } = await call('/api/search?q=zebrafish')
    expect(body.total).toBe(1)
    const html: string = body.results[0].highlight
    expect(html).not.toMatch(/<(?!\/?mark>)/)
    expect(html).not.toContain('<mark>')
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
  })
})

describe('D1 caps: a word in more quotes than a search counts', () => {
  const first = 2_000_000
  const last = first + COUNT_CAP + 4
  beforeAll(async () => {
    const numbers = `WITH RECURSIVE k(n) AS (SELECT ${first} UNION ALL SELECT n + 1 FROM k WHERE n < ${last})`
    await DB.batch([
      DB.prepare(
        `INSERT INTO quotes (n, id, text, kind, speaker, date, date_source, occurrences, variants, folded, context) ${numbers} SELECT n, printf('cap%09d', n), 'capword number ' || n, 'quotation', NULL, NULL, 'unknown', '[]', '[]', ' capword number ' || n || ' ', '' FROM k`,
      ),
      DB.prepare(`INSERT INTO quote_keys (n, speaker, kind, date) SELECT n, NULL, 'quotation', NULL FROM quotes WHERE n >= ${first}`),
      DB.prepare(`INSERT INTO quotes_fts (rowid, text, speaker) SELECT n, text, speaker FROM quote_texts WHERE n >= ${first}`),
      DB.prepare(
        `INSERT INTO search_fts (rowid, text, speaker, context, keys) SELECT n, text, speaker, context, keys FROM quote_texts WHERE n >= ${first}`,
      ),
    ])
  }, 60_000)
  afterAll(async () => {
    await DB.batch([
      DB.prepare(`DELETE FROM quotes_fts WHERE rowid >= ${first}`),
      DB.prepare(`DELETE FROM search_fts WHERE rowid >= ${first}`),
      DB.prepare(`DELETE FROM quote_keys WHERE n >= ${first}`),
      DB.prepare(`DELETE FROM quotes WHERE n >= ${first}`),
    ])
  })

  it(`counts up to ${COUNT_CAP} and says more match; facets count the best ${FACET_SAMPLE} and say so`, async () => {
    const { body } = await call('/api/search?q=capword&limit=5')
    expect(body.total).toBe(COUNT_CAP)
    expect(body.total_is_exact).toBe(false)
    expect(body.results).toHaveLength(5)
    expect(body.facets_approximate).toBe(true)
    expect(body.facets.kind).toEqual([{ value: 'quotation', label: 'quotation', count: FACET_SAMPLE }])
    expect((await call('/api/search?q=capword&facets=false')).body.facets_approximate).toBe(false)
  })

  it('counts exactly below the cap', async () => {
    const { body } = await call(`/api/search?q=${encodeURIComponent('capword "number 2000007"')}`)
    expect(body.total).toBe(1)
    expect(body.total_is_exact).toBe(true)
    expect(body.facets_approximate).toBe(false)
    expect(body.facets.kind).toEqual([{ value: 'quotation', label: 'quotation', count: 1 }])
  })
})

describe('D1 query helpers', () => {
  /** The parts of a query, without their folded words (those are checked against the bundle in test/unit/query.test.ts). */
  const parseQuery = (q: string) => readQuery(q).parts.map(({ folded: _folded, ...part }) => part)

  it('parses words, phrases, an unclosed quote and the prefix', () => {
    expect(parseQuery('revenge "will be taken" murd')).toEqual([
      { words: ['revenge'], prefix: false },
      { words: ['will', 'be', 'taken'], prefix: false, quoted: true },
      { words: ['murd'], prefix: true },
    ])
    expect(parseQuery('"the murderers"')).toEqual([{ words: ['the', 'murderers'], prefix: false, quoted: true }])
    expect(parseQuery('"murderers"')).toEqual([{ words: ['murderers'], prefix: false, quoted: true }])
    expect(parseQuery('the "murderers')).toEqual([
      { words: ['the'], prefix: false },
      { words: ['murderers'], prefix: true },
    ])
    expect(parseQuery('a b')).toEqual([
      { words: ['a'], prefix: false },
      { words: ['b'], prefix: false },
    ])
    expect(parseQuery('"" ()*')).toEqual([])
    // As the bundle: a trailing space ends the word (no prefix); typographic quotes; at most 12 words.
    expect(parseQuery('revenge murder ').at(-1)).toEqual({ words: ['murder'], prefix: false })
    expect(parseQuery('“will be taken”')).toEqual([{ words: ['will', 'be', 'taken'], prefix: false, quoted: true }])
    const long = readQuery(Array.from({ length: 15 }, (_, i) => `w${i}`).join(' '))
    expect([long.parts.length, long.dropped]).toEqual([12, 3])
  })

  it('quotes every part as an FTS5 string', () => {
    const { parts } = readQuery('enemy’s "bones are" crush')
    expect(parts.map((p) => p.folded)).toEqual([['enemys'], ['bones', 'are'], ['crush']])
    expect(matchExpression(parts, 'AND')).toBe('"enemy’s" AND "bones are" AND "crush"*')
    expect(matchExpression(parts, 'OR', new Map([[0, ['enemies']]]))).toBe('("enemy’s" OR "enemies") OR "bones are" OR "crush"*')
  })

  it('turns only well-formed markers into <mark> and escapes everything else', () => {
    expect(markedHtml('a <b> c', 'a \uE000<b>\uE001 c').html).toBe('a &lt;<mark>b</mark>&gt; c')
    expect(markedHtml('Café & co', '\uE000Café\uE001 & co')).toEqual({ html: '<mark>Café</mark> &amp; co', terms: ['cafe'] })
    // Markers that do not strip back to the text, unbalanced or nested markers: no marks, still escaped.
    expect(markedHtml('<x>', '\uE000<y>\uE001').html).toBe('&lt;x&gt;')
    expect(markedHtml('<x>', '\uE001<x>\uE000').html).toBe('&lt;x&gt;')
    expect(markedHtml('<x>', '\uE000\uE000<x>\uE001\uE001').html).toBe('&lt;x&gt;')
    expect(markedHtml('<x>', null).html).toBe('&lt;x&gt;')
  })

  it('marks each whole word a mark touches, as the bundle does: a phrase word by word, a possessive with its ’s', () => {
    expect(markedHtml('revenge will be taken', '\uE000revenge will be\uE001 taken').html).toBe(
      '<mark>revenge</mark> <mark>will</mark> <mark>be</mark> taken',
    )
    expect(markedHtml('after Soleimani’s death', 'after \uE000Soleimani\uE001’s death')).toEqual({
      html: 'after <mark>Soleimani’s</mark> death',
      terms: ['soleimanis'],
    })
  })
})
