import { describe, expect, it } from 'vitest'
import { call, fold } from './helpers'

function verify(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return call('/api/verify', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })
}

async function verdict(text: string, speaker?: string) {
  const { res, body } = await verify(speaker ? { text, speaker } : { text })
  expect(res.status).toBe(200)
  return body
}

describe('POST /api/verify: verdicts', () => {
  it('verbatim: an excerpt of a printed quote, with its sources and a diff showing the context', async () => {
    const body = await verdict('revenge will be taken on those who ordered it')
    expect(body.verdict).toBe('verbatim')
    const [best] = body.matches
    expect(best.similarity).toBe(1)
    expect(best.excerpt).toBe(true)
    expect(fold(best.text)).toContain('revenge will be taken on those who ordered it')
    expect(best.sources.length).toBeGreaterThan(0)
    expect(best.diff.filter((o: { op: string }) => o.op === 'equal').map((o: { text: string }) => o.text)).toEqual([
      'revenge will be taken on those who ordered it',
    ])
    expect(best.diff.some((o: { op: string }) => o.op === 'insert')).toBe(false)
    // The diff rebuilds the printed quote (words only).
    const printed = best.diff
      .filter((o: { op: string }) => o.op !== 'insert')
      .map((o: { text: string }) => o.text)
      .join(' ')
    expect(fold(printed)).toBe(fold(best.text))
    expect(best.attribution).toBeNull()
    expect(body.misattributed).toBe(false)
  })

  it('verbatim ignores case and punctuation', async () => {
    expect((await verdict('THE ENEMY’S BONES ARE BEING CRUSHED!!')).verdict).toBe('verbatim')
  })

  it('close: one word changed, shown as a deletion and an insertion', async () => {
    const body = await verdict('Revenge will be taken against those who ordered it and the murderers')
    expect(body.verdict).toBe('close')
    const [best] = body.matches
    expect(best.similarity).toBeGreaterThan(0.8)
    expect(best.similarity).toBeLessThan(1)
    expect(best.diff).toContainEqual({ op: 'delete', text: 'on' })
    expect(best.diff).toContainEqual({ op: 'insert', text: 'against' })
  })

  it('paraphrase: the same statement reworded', async () => {
    const body = await verdict('Those who ordered it and the murderers will face revenge')
    expect(body.verdict).toBe('paraphrase')
    expect(fold(body.matches[0].text)).toContain('revenge will be taken')
    expect(body.matches[0].similarity).toBeLessThan(0.8)
  })

  it('not_found: words no source prints', async () => {
    const body = await verdict('The quick brown fox jumps over the lazy dog')
    expect(body).toMatchObject({ verdict: 'not_found', matches: [], misattributed: false, attributed_to: [] })
  })

  it('not_found: only function words in common is not a paraphrase', async () => {
    // Most of its words are in "revenge will be taken on those who ordered it and the murderers", none that carries meaning.
    const body = await verdict('and the of it to those who will be on the')
    expect(body).toMatchObject({ verdict: 'not_found', matches: [], misattributed: false, attributed_to: [] })
  })
})

describe('POST /api/verify: attribution', () => {
  it('confirms the right speaker, by surname or full name', async () => {
    for (const speaker of ['Khamenei', 'Ali Khamenei', 'ali-khamenei', 'Khamenie']) {
      const body = await verdict('revenge will be taken on those who ordered it', speaker)
      expect(body.matches[0].attribution).toBe('same')
      expect(body.misattributed).toBe(false)
    }
  })

  it('flags a misattribution: the right words, another speaker', async () => {
    const body = await verdict('Of course, revenge will be taken on those who ordered it and the murderers', 'Javani')
    expect(body.verdict).toBe('verbatim')
    expect(body.misattributed).toBe(true)
    expect(body.matches[0].attribution).toBe('other')
    expect(body.attributed_to.map((s: { name: string }) => s.name).join(' ')).toMatch(/Khamenei/)
  })

  it('flags a misattributed near-quote too, and names the printed speaker', async () => {
    const body = await verdict('The IRGC advises the United States to leave the region at once', 'Mahmoud Vaezi')
    expect(body.verdict).toBe('close')
    expect(body.misattributed).toBe(true)
    expect(body.attributed_to.map((s: { name: string }) => s.name).join(' ')).toMatch(/Javani/)
  })

  it('does not call a misattribution what no source attributes', async () => {
    const unattributed = (await call('/api/search?q=&limit=100')).body.results.find(
      // Any printed words no source attributes (the extraction leaves some fragments without a speaker).
      (r: { speaker: unknown; kind: string; text: string }) => r.speaker === null && r.text.split(' ').length >= 4,
    )
    expect(unattributed).toBeDefined()
    const body = await verdict(unattributed.text, 'Javani')
    expect(body.verdict).toBe('verbatim')
    expect(body.matches[0].attribution).toBe('unknown')
    expect(body.misattributed).toBe(false)
  })
})

describe('POST /api/verify: requests', () => {
  it('answers 400 problem+json for a missing, empty, wordless or over-long text', async () => {
    for (const body of [
      {},
      { text: '' },
      { text: '   ' },
      { text: '—!?' },
      { text: 'a'.repeat(2001) },
      { text: 42 },
      { text: 'ok', speaker: '' },
    ]) {
      const { res, type, body: problem } = await verify(body)
      expect(res.status).toBe(400)
      expect(type).toContain('application/problem+json')
      expect(problem.status).toBe(400)
    }
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ')
    expect((await verify({ text: words.slice(0, 2000) })).res.status).toBe(400)
  })

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await verify('{"text": "revenge"')
    expect(malformed.res.status).toBe(400)
    expect(malformed.type).toContain('application/problem+json')
    const form = await verify('text=revenge', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.res.status).toBe(415)
    expect(form.type).toContain('application/problem+json')
    const plain = await verify('revenge', { 'content-type': 'text/plain' })
    expect(plain.res.status).toBe(415)
  })

  it('answers 413 for a body over 8 KB', async () => {
    const { res, type } = await verify({ text: 'revenge', padding: 'x'.repeat(9 * 1024) })
    expect(res.status).toBe(413)
    expect(type).toContain('application/problem+json')
  })

  it('answers 405 with Allow: POST for GET (the resource only takes POST)', async () => {
    const { res } = await call('/api/verify')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
  })
})
