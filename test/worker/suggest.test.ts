import { describe, expect, it } from 'vitest'
import { call } from './helpers'

type Suggestion = { text: string; score: number }

async function suggest(q: string, extra = ''): Promise<Suggestion[]> {
  const { res, body } = await call(`/api/suggest?q=${encodeURIComponent(q)}${extra}`)
  expect(res.status).toBe(200)
  expect(body.query).toBe(q)
  return body.suggestions
}

describe('GET /api/suggest', () => {
  it('completes the word being typed', async () => {
    const s = await suggest('reven')
    expect(s[0]?.text).toBe('revenge')
    expect(s[0]?.score).toBeGreaterThan(0)
  })

  it('keeps the finished words, corrects their typos, and completes the last', async () => {
    expect((await suggest('revenge wil'))[0]?.text).toBe('revenge will')
    expect((await suggest('revnge tak'))[0]?.text).toBe('revenge taken')
  })

  it('offers one suggestion per completion, best first, each of which finds a quote', async () => {
    const s = await suggest('presence in the reg')
    expect(s.map((x) => x.text)).toContain('presence in the region')
    expect(new Set(s.map((x) => x.text)).size).toBe(s.length)
    expect(s.map((x) => x.score)).toEqual([...s.map((x) => x.score)].sort((a, b) => b - a))
    for (const x of s) expect((await call(`/api/search?q=${encodeURIComponent(x.text)}`)).body.total).toBeGreaterThan(0)
  })

  it('shows words as printed, with apostrophes and capitals', async () => {
    expect((await suggest('enemy')).map((x) => x.text)).toContain('enemy’s')
    expect((await suggest('khamen'))[0]?.text).toBe('Khamenei')
  })

  it('honours limit, answers nothing for nothing, and rejects bad parameters', async () => {
    expect(await suggest('the', '&limit=3')).toHaveLength(3)
    // Two letters are not a prefix (too many words): only the word itself, if indexed.
    for (const s of await suggest('re')) expect(s.text.toLowerCase()).toBe('re')
    expect(await suggest('')).toEqual([])
    expect(await suggest('zzqx')).toEqual([])
    for (const bad of ['limit=0', 'limit=21', `q=${'a'.repeat(101)}`]) {
      const { res, type } = await call(`/api/suggest?${bad}`)
      expect(res.status).toBe(400)
      expect(type).toContain('application/problem+json')
    }
  })
})

describe('GET /api/random', () => {
  it('answers quotes from the corpus, not always the same one, never cached', async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 20; i++) {
      const { res, body } = await call('/api/random')
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect((await call(`/api/quotes/${body.id}`)).body.text).toBe(body.text)
      ids.add(body.id)
    }
    expect(ids.size).toBeGreaterThan(1)
  })

  it('picks among one speaker’s quotes, by id or by name, and by kind', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await call('/api/random?speaker=mahmoud-vaezi')).body.speaker.id).toBe('mahmoud-vaezi')
      expect((await call('/api/random?speaker=Mahmoud%20Vaezi')).body.speaker.id).toBe('mahmoud-vaezi')
      expect((await call('/api/random?kind=fragment')).body.kind).toBe('fragment')
    }
  })

  it('answers 404 problem+json when no quote fits, 400 for a bad kind', async () => {
    const none = await call('/api/random?speaker=nobody-at-all')
    expect(none.res.status).toBe(404)
    expect(none.type).toContain('application/problem+json')
    expect(none.body.detail).toContain('nobody-at-all')
    expect((await call('/api/random?kind=poem')).res.status).toBe(400)
  })
})
