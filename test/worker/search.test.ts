import { describe, expect, it } from 'vitest'
import { call } from './helpers'

interface Result {
  id: string
  text: string
  speaker: { id: string; name: string } | null
  date: string | null
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['‘’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

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

  it('a phrase and a free word must both match', async () => {
    const { results } = await search('"bones are being crushed" commander')
    expect(results.length).toBeGreaterThan(0)
    for (const r of results) {
      expect(fold(r.text)).toContain('bones are being crushed')
      expect(fold(r.text)).toContain('commander')
    }
    const all = await search('"bones are being crushed"')
    expect(all.total).toBeGreaterThan(results.length)
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
    const { results } = await search('revenge javani')
    expect(results[0]?.speaker?.id).toBe('javani')
    expect(fold(results[0]!.text)).toContain('revenge')
  })

  it('a misspelt surname still finds the speaker’s quotes first', async () => {
    const { results } = await search('khamenie')
    expect(results.length).toBeGreaterThan(0)
    expect(results[0]?.speaker?.name).toMatch(/Khamenei/)
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
    const last = await search('revenge murder')
    expect(last.results[0]?.text).toContain('the murderers')
    // "murder" as a first word is not a prefix: no quote has every word, so any word may match.
    const first = await search('murder revenge')
    expect(first.total).toBeGreaterThan(last.total)
    // A trailing space ends the word: no prefix, so again not every word matches.
    expect((await search('revenge murder ')).total).toBe(first.total)
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
  })
})
