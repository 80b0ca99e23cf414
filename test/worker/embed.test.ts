import { describe, expect, it } from 'vitest'
import { call } from './helpers'

const REVENGE = 'Of course, revenge will be taken on those who ordered it and the murderers'

async function revengeId(): Promise<string> {
  const { body } = await call('/api/search?q=revenge')
  return body.results.find((r: { text: string }) => r.text === REVENGE).id
}

describe('GET /embed/quotes/:id', () => {
  it('is a small frameable card with an accessible title, no cookies and nothing from other origins', async () => {
    const id = await revengeId()
    const { res, body } = await call(`/embed/quotes/${id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-frame-options')).toBeNull()
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *')
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(body).toContain('<title>Quote by Ali Khamenei · verbatim</title>')
    expect(body).toContain(`<p>${REVENGE}</p>`)
    expect(body).toContain(`href="http://verbatim.test/quotes/${id}"`)
    expect(body).toContain('href="http://verbatim.test/sources/000_dc3024988c42d035')
    // Loads only its own stylesheet and script; links point back to this origin.
    const urls = [...body.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string)
    for (const u of urls) expect(u.startsWith('/') || u.startsWith('http://verbatim.test/')).toBe(true)
    const css = await call('/assets/card.css')
    const js = await call('/assets/card.js')
    const bytes = (s: string) => new TextEncoder().encode(s).length
    expect(bytes(body) + bytes(css.body) + bytes(js.body)).toBeLessThan(10 * 1024)
    expect(css.body).not.toMatch(/url\(|@import/)
  })

  it('takes ?theme=light|dark|auto', async () => {
    const id = await revengeId()
    expect((await call(`/embed/quotes/${id}?theme=dark`)).body).toContain('<html lang="en" class="theme-dark"')
    expect((await call(`/embed/quotes/${id}?theme=light`)).body).toContain('<html lang="en" class="theme-light"')
    const auto = (await call(`/embed/quotes/${id}?theme=%22%3E`)).body
    expect(auto).toContain('<html lang="en" data-quote-id=')
    expect(auto).toContain('<meta name="color-scheme" content="light dark"/>')
  })

  it('answers 404 for an unknown quote with a message that may still be framed', async () => {
    const { res, body } = await call('/embed/quotes/%3Cb%3Enope')
    expect(res.status).toBe(404)
    expect(res.headers.get('x-frame-options')).toBeNull()
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *')
    expect(body).toContain('No quote has the id “&lt;b&gt;nope”.')
  })
})

describe('GET /embed.js', () => {
  it('is a script that finds the pasted blockquotes and sizes frames from verified messages', async () => {
    const { res, body } = await call('/embed.js')
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(body).toContain('blockquote.verbatim-quote[data-quote-id]')
    expect(body).toContain('document.currentScript')
    expect(body).toContain('event.source === f.contentWindow')
    expect(body).toContain("event.origin === f.getAttribute('data-origin')")
    expect(body).toContain('sandbox')
  })
})

describe('GET /oembed', () => {
  const page = (id: string) => encodeURIComponent(`http://verbatim.test/quotes/${id}`)

  it('answers an oEmbed 1.0 rich response for a quote page URL', async () => {
    const id = await revengeId()
    const { res, body } = await call(`/oembed?url=${page(id)}&format=json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(body).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: 'verbatim',
      provider_url: 'http://verbatim.test/',
      title: REVENGE,
      author_name: 'Ali Khamenei',
      author_url: 'http://verbatim.test/speakers/ali-khamenei',
      width: 550,
    })
    expect(body.height).toBeGreaterThan(100)
    expect(body.html).toContain(`<blockquote class="verbatim-quote" data-quote-id="${id}"><p>${REVENGE}</p>`)
    expect(body.html).toContain('<script async src="http://verbatim.test/embed.js"')
  })

  it('respects maxwidth and maxheight', async () => {
    const id = await revengeId()
    const { body } = await call(`/oembed?url=${page(id)}&maxwidth=320&maxheight=90`)
    expect(body.width).toBe(320)
    expect(body.height).toBe(90)
  })

  it('answers 501 for XML, 400 without a usable url, 404 for other pages, hosts or unknown quotes', async () => {
    const id = await revengeId()
    const xml = await call(`/oembed?url=${page(id)}&format=xml`)
    expect(xml.res.status).toBe(501)
    expect(xml.type).toBe('application/problem+json; charset=utf-8')
    expect((await call('/oembed?format=json')).res.status).toBe(400)
    expect((await call('/oembed?url=not%20a%20url')).res.status).toBe(400)
    expect((await call(`/oembed?url=${encodeURIComponent(`https://elsewhere.example/quotes/${id}`)}`)).res.status).toBe(404)
    expect((await call(`/oembed?url=${encodeURIComponent('http://verbatim.test/sources/000_dc3024988c42d035')}`)).res.status).toBe(404)
    const missing = await call(`/oembed?url=${page('nope')}`)
    expect(missing.res.status).toBe(404)
    expect(missing.type).toBe('application/problem+json; charset=utf-8')
  })

  it('answers 404, not 500, for a quote URL whose id is badly percent-encoded or not an id', async () => {
    for (const bad of ['%E0%A4%A', '%', '%3Cb%3E', '..%2F..%2Fapi']) {
      const { res, type, body } = await call(`/oembed?url=${encodeURIComponent(`http://verbatim.test/quotes/${bad}`)}`)
      expect(res.status, bad).toBe(404)
      expect(type).toBe('application/problem+json; charset=utf-8')
      expect(body.detail).not.toMatch(/URIError|stack/)
    }
  })
})
