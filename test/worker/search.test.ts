import { describe, expect, it } from 'vitest'
import { call, fold } from './helpers'

interface Result {
  id: string
  text: string
  speaker: { id: string; name: string } | null
  date: string | null
  matched_in: 'text' | 'context'
  context: string | null
}

async function search(q: string, extra = ''): Promise<{ total: number; results: Result[] }> {
  const { res, body } = await call(`/api/search?q=${encodeURIComponent(q)}&limit=100${extra}`)
  expect(res.status).toBe(200)
  return body
}

describe('search: phrases', () => {
  it('a quoted phrase finds only quotes that have those words in that order', async () => {
    const { total, results } = await search('"revenge will be taken"')
    expect(total).toBeGreaterThan(0)
    for (const r of results) expect(fold(r.text)).toContain('revenge will be taken')
  })

  it('the same words in another order match nothing as a phrase', async () => {
    const words = await search('taken be will revenge')
    expect(words.total).toBeGreaterThan(0)
    expect((await search('"taken be will revenge"')).total).toBe(0)
  })

  it('a phrase and a free word must both match: the phrase in the quote, the word in it or in its context', async () => {
    const { results } = await search('"bones are being crushed" commander')
    expect(results.filter((r) => r.matched_in === 'text').length).toBeGreaterThan(0)
    for (const r of results) {
      expect(fold(r.text)).toContain('bones are being crushed')
      if (r.matched_in === 'text') expect(fold(r.text)).toContain('commander')
      else expect(fold(r.context ?? '')).toContain('commander')
    }
    const all = await search('"bones are being crushed"')
    expect(all.total).toBeGreaterThan(results.filter((r) => r.matched_in === 'text').length)
  })

  it('typographic double quotes work like straight ones; an unclosed quote is read as words', async () => {
    const straight = await search('"revenge will be taken"')
    const curly = await search('“revenge will be taken”')
    expect(curly.results.map((r) => r.id)).toEqual(straight.results.map((r) => r.id))
    const open = await search('"revenge')
    expect(open.results.some((r) => fold(r.text).includes('revenge'))).toBe(true)
  })
})

describe('search: speakers in the query', () => {
  it('"khamenei revenge" ranks Khamenei’s revenge quote first and still lists the others', async () => {
    const { results } = await search('khamenei revenge')
    expect(results[0]?.speaker?.name).toMatch(/Khamenei/)
    expect(fold(results[0]!.text)).toContain('revenge')
    expect(results.some((r) => !r.speaker?.name.includes('Khamenei') && fold(r.text).includes('revenge'))).toBe(true)
  })

  it('the speaker named decides which revenge quote leads', async () => {
    const all = (await search('revenge')).results.filter((r) => r.matched_in === 'text')
    const speakers = new Map(all.flatMap((r) => (r.speaker ? [[r.speaker.id, r.speaker.name] as const] : [])))
    expect(speakers.size).toBeGreaterThan(1)
    for (const [id, name] of speakers) {
      const { results } = await search(`revenge ${name.split(' ').at(-1)}`)
      expect(results[0]?.speaker?.id).toBe(id)
      expect(fold(results[0]!.text)).toContain('revenge')
    }
  })

  it('a misspelt surname still finds the speaker’s quotes first', async () => {
    const { results } = await search('khamenie')
    expect(results.length).toBeGreaterThan(0)
    expect(results[0]?.speaker?.name).toMatch(/Khamenei/)
  })
})

describe('search: years in the query', () => {
  it('a year puts the quotes dated that year first, and alone lists them', async () => {
    const dated = (await call('/api/search?from=2019-01-01&to=2019-12-31&limit=100')).body.total as number
    expect(dated).toBeGreaterThan(0)
    const alone = await search('2019')
    expect(alone.results.slice(0, dated).every((r) => r.date?.startsWith('2019'))).toBe(true)
    const withName = await search('2019 khamenei')
    expect(withName.results[0]?.date).toMatch(/^2019/)
    expect(withName.results[0]?.speaker?.name).toMatch(/Khamenei/)
  })
})

describe('search: tuning', () => {
  it('folds case, diacritics and curly or straight apostrophes', async () => {
    const ids = async (q: string) => (await search(q)).results.map((r) => r.id)
    const base = await ids('enemy’s bones')
    expect(base.length).toBeGreaterThan(0)
    expect(await ids("enemy's bones")).toEqual(base)
    expect(await ids('ENEMYS BONES')).toEqual(base)
    expect(await ids('Khāmenei')).toEqual(await ids('khamenei'))
  })

  it('tolerates typos by word length: none up to 3 letters, 1 up to 7, 2 beyond', async () => {
    expect((await search('bnes')).results.some((r) => fold(r.text).includes('bones'))).toBe(true)
    expect((await search('revnge')).results.some((r) => fold(r.text).includes('revenge'))).toBe(true)
    expect((await search('asassinatoin')).total).toBe(0) // 3 edits from "assassination"
    expect((await search('asassination')).results.some((r) => fold(r.text).includes('assassination'))).toBe(true)
    expect((await search('wxr ')).total).toBe(0) // "war" is one edit away, but 3-letter words get none
  })

  it('matches a prefix on the last word only', async () => {
    const last = await search('revenge murd')
    expect(last.results[0]?.text).toContain('the murderers')
    // "murd" as a first word is not a prefix (nor a word): no quote has every word, so any word may match.
    const first = await search('murd revenge')
    expect(first.total).toBeGreaterThan(last.total)
    // A trailing space ends the word: no prefix, so again not every word matches.
    expect((await search('revenge murd ')).total).toBe(first.total)
  })

  it('finds other forms of a word: "assassinated" finds "assassination", not only typos of it', async () => {
    const { results } = await search('assassinated')
    expect(results.some((r) => fold(r.text).split(' ').includes('assassination'))).toBe(true)
    expect(results.some((r) => fold(r.text).split(' ').includes('assassinates'))).toBe(true)
    // A quoted phrase stays exact: no other forms.
    expect((await search('"assassinated"')).total).toBe(0)
  })

  it('finds the other forms of a misspelt word that no typo reaches: "murderred " finds "murderers"', async () => {
    // Same stem ("murder"); 3 edits from "murderers" (a transposition is 2, as in MiniSearch), past the 2 typos of a
    // 9-letter word: only the word forms reach it. An edit distance that counted the transposition as 1 took it as a
    // typo MiniSearch would find, and left the form out of the query.
    const { results } = await search('murderred ')
    expect(results.some((r) => fold(r.text).split(' ').includes('murderers'))).toBe(true)
  })

  it('ranks quotes with the query words side by side first', async () => {
    const { results } = await search('presence in the region')
    expect(fold(results[0]!.text)).toContain('presence in the region')
  })

  it('searches at most 12 words; the rest are ignored', async () => {
    const twelve = 'of course revenge will be taken on those who ordered it and'
    const capped = await search(`${twelve} xylophone`)
    expect(capped.results[0]?.text).toContain('revenge will be taken')
    expect(capped.total).toBe((await search(twelve)).total)
    const long = await call(`/api/search?q=${encodeURIComponent(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))}`)
    expect(long.res.status).toBe(200)
    // The caller learns how many words were not searched.
    expect(long.body.ignored_words).toBe(28)
    expect((await call('/api/search?q=revenge')).body.ignored_words).toBe(0)
  })

  it('finds nothing for a query without a searchable word, and lists everything for no query', async () => {
    const all = (await call('/api/search')).body.total as number
    expect(all).toBeGreaterThan(30)
    for (const q of ['😀', '!!!', '"', '\u0000', '—']) expect((await search(q)).total, q).toBe(0)
    expect((await search('   ')).total).toBe(all)
  })
})

describe('search: the speaker filter', () => {
  it('takes an id, a whole name, or a surname that names one speaker (typos too)', async () => {
    const byId = await search('', '&speaker=ali-khamenei')
    expect(byId.total).toBeGreaterThan(0)
    for (const speaker of ['Ali%20Khamenei', 'khamenei', 'Khamenie', 'ALI-KHAMENEI']) {
      const { total, results } = await search('', `&speaker=${speaker}`)
      expect(total, speaker).toBe(byId.total)
      for (const r of results) expect(r.speaker?.id).toBe('ali-khamenei')
    }
    expect((await search('', '&speaker=nobody-at-all')).total).toBe(0)
  })
})

describe('search: date range', () => {
  it('refuses a range that ends before it starts, naming the parameter', async () => {
    const { res, type, body } = await call('/api/search?from=2020-02-01&to=2020-01-01')
    expect(res.status).toBe(400)
    expect(type).toContain('application/problem+json')
    expect(body.errors).toEqual([{ parameter: 'from', message: 'must not be after to' }])
    expect((await call('/api/search?from=2020-01-01&to=2020-01-01')).res.status).toBe(200)
  })
})

type Facet = { value: string; label: string; count: number }

describe('GET /api/search: facets, sort and next', () => {
  it('counts the whole result set by speaker, source, year and kind, before pagination', async () => {
    const { body } = await call('/api/search?q=region&limit=2')
    expect(body.results).toHaveLength(2)
    const all = (await call('/api/search?q=region&limit=100')).body.results as (Result & { kind: string; sources: { id: string }[] })[]
    const count = (f: (r: (typeof all)[number]) => string | null | string[]) => {
      const m = new Map<string, number>()
      for (const r of all) for (const v of [f(r)].flat()) if (v) m.set(v, (m.get(v) ?? 0) + 1)
      return m
    }
    const asMap = (values: Facet[]) => new Map(values.map((v) => [v.value, v.count]))
    expect(asMap(body.facets.speaker)).toEqual(count((r) => r.speaker?.id ?? null))
    expect(asMap(body.facets.source)).toEqual(count((r) => r.sources.map((s) => s.id)))
    expect(asMap(body.facets.year)).toEqual(count((r) => r.date?.slice(0, 4) ?? null))
    expect(asMap(body.facets.kind)).toEqual(count((r) => r.kind))
    const vaezi = body.facets.speaker.find((f: Facet) => f.value === 'mahmoud-vaezi')
    expect(vaezi.label).toBe('Mahmoud Vaezi')
  })

  it('leaves the facets out on request, with the same results', async () => {
    const full = (await call('/api/search?q=region&speaker=mahmoud-vaezi')).body
    const bare = await call('/api/search?q=region&speaker=mahmoud-vaezi&facets=false')
    expect(bare.res.status).toBe(200)
    expect(bare.body.facets).toBeNull()
    expect(bare.body.results).toEqual(full.results)
    expect(bare.body.total).toBe(full.total)
    expect((await call('/api/search?facets=false')).body.facets).toBeNull()
    expect((await call('/api/search?facets=true')).body.facets.kind.length).toBeGreaterThan(0)
    expect((await call('/api/search?facets=no')).res.status).toBe(400)
  })

  it('applies every other filter to a facet but not its own', async () => {
    const { body } = await call('/api/search?q=region&speaker=mahmoud-vaezi&kind=quotation')
    for (const r of body.results) expect(r.speaker.id).toBe('mahmoud-vaezi')
    // The speaker facet still offers the other speakers (of quotations about the region)...
    expect(body.facets.speaker.length).toBeGreaterThan(1)
    const quotations = await call('/api/search?q=region&kind=quotation&limit=100')
    const other = (quotations.body.results as Result[]).find((r) => r.speaker && r.speaker.id !== 'mahmoud-vaezi')?.speaker
    expect(other).toBeDefined()
    const others = quotations.body.results.filter((r: Result) => r.speaker?.id === other!.id).length
    expect(body.facets.speaker.find((f: Facet) => f.value === other!.id)?.count).toBe(others)
    // ...while the kind facet counts only Vaezi's quotes.
    const kinds = body.facets.kind.reduce((n: number, f: Facet) => n + f.count, 0)
    expect(kinds).toBe((await call('/api/search?q=region&speaker=mahmoud-vaezi&limit=100')).body.total)
  })

  it('sorts by date both ways, undated last', async () => {
    const asc = (await call('/api/search?q=region&sort=date&limit=100')).body
    const desc = (await call('/api/search?q=region&sort=-date&limit=100')).body
    expect(asc.sort).toBe('date')
    const dates = (b: { results: Result[] }) => b.results.map((r) => r.date)
    const dated = dates(asc).filter((d): d is string => d !== null)
    expect(dated.length).toBeGreaterThan(1)
    expect(dated).toEqual([...dated].sort())
    expect(
      dates(asc)
        .slice(dated.length)
        .every((d) => d === null),
    ).toBe(true)
    const datedDesc = dates(desc).filter((d): d is string => d !== null)
    expect(datedDesc).toEqual([...dated].reverse())
    expect(asc.total).toBe(desc.total)
    expect((await call('/api/search?sort=newest')).res.status).toBe(400)
  })

  it('links the next page until the last one', async () => {
    const total = (await call('/api/search?q=region&limit=1')).body.total as number
    let url: string | null = `http://verbatim.test/api/search?q=region&limit=2`
    const seen = new Set<string>()
    let pages = 0
    while (url) {
      const path: string = url.replace('http://verbatim.test', '')
      const { body } = await call(path)
      for (const r of body.results) seen.add(r.id)
      url = body.next
      pages++
      if (url) expect(new URL(url).searchParams.get('q')).toBe('region')
    }
    expect(pages).toBe(Math.ceil(total / 2))
    expect(seen.size).toBe(total)
    expect((await call('/api/search?q=region&limit=100')).body.next).toBeNull()
  })
})

describe('search page filters', () => {
  it('list the speakers and sources of the current query, with its counts', async () => {
    const { body } = await call('/?q=revenge')
    const options = new Map([...body.matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]))
    const facets = (await call('/api/search?q=revenge')).body.facets as { speaker: Facet[]; source: Facet[] }
    expect(facets.speaker.length).toBeGreaterThan(0)
    for (const f of [...facets.speaker, ...facets.source]) expect(options.get(f.value)).toMatch(new RegExp(`\\(${f.count}\\)$`))
    expect(options.has('mahmoud-vaezi')).toBe(false)
    const everything = (await call('/')).body as string
    expect(everything).toContain('<option value="mahmoud-vaezi">')
  })
})
