/**
 * Chromium over the hostile fixture (test/fixtures/hostile/, served by its own `wrangler dev`): every page type
 * is loaded with the real CSP and again with CSP bypassed (so escaping alone must hold), and no script from the
 * corpus may run: the payloads all assign `window.__pwned` (trapped in every frame), open no dialog, add no
 * element with an event handler and no javascript: link.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch } from './helpers'

const base = inject('hostileUrl')

interface Records {
  quotes: { id: string; text: string }[]
  sources: { id: string; title: string }[]
  speakers: { id: string; name: string }[]
}

let browser: Browser
let corpus: Records
/** One context per CSP mode, with the trap installed; each visit is a fresh page in it. */
const contexts = new Map<boolean, BrowserContext>()

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`)
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

beforeAll(async () => {
  browser = await launch()
  const search = await getJson<{ results: { id: string; text: string }[]; total: number }>('/api/search?limit=100')
  const { sources } = await getJson<{ sources: { id: string; title: string }[] }>('/api/sources')
  const { speakers } = await getJson<{ speakers: { id: string; name: string }[] }>('/api/speakers')
  corpus = { quotes: search.results, sources, speakers }
})

afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.close()
  await browser?.close()
})

/** Traps the payloads' flag in every frame before any page script runs. */
const TRAP = `(() => {
  const hits = []
  Object.defineProperty(window, '__verbatimHits', { value: hits })
  Object.defineProperty(window, '__pwned', { configurable: false, get() { return undefined }, set(v) { hits.push(String(v)) } })
})()`

interface Findings {
  hits: string[]
  dialogs: string[]
  handlers: string[]
  jsLinks: string[]
  foreign: string[]
  errors: string[]
}

/** Looks into every frame of the page for anything a payload could have done. */
async function inspect(page: Page, dialogs: string[], errors: string[]): Promise<Findings> {
  const found: Findings = { hits: [], dialogs, handlers: [], jsLinks: [], foreign: [], errors }
  for (const frame of page.frames()) {
    const r = await frame.evaluate(() => {
      const all = [...document.querySelectorAll('*')]
      return {
        hits: ((window as unknown as { __verbatimHits?: string[] }).__verbatimHits ?? []).slice(),
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName} ${a.name}>`)),
        jsLinks: all.flatMap((el) =>
          ['href', 'src', 'action', 'formaction', 'srcdoc']
            .map((a) => el.getAttribute(a))
            .filter((v): v is string => v !== null && /^\s*(javascript|data|vbscript):|<script/i.test(v)),
        ),
        foreign: [...document.querySelectorAll('img, svg, object, embed, b, script:not([src])')].map((el) => el.outerHTML.slice(0, 80)),
      }
    })
    found.hits.push(...r.hits)
    found.handlers.push(...r.handlers)
    found.jsLinks.push(...r.jsLinks)
    found.foreign.push(...r.foreign)
  }
  return found
}

async function context(bypassCSP: boolean): Promise<BrowserContext> {
  let ctx = contexts.get(bypassCSP)
  if (!ctx) {
    ctx = await browser.newContext({ bypassCSP })
    await ctx.addInitScript(TRAP)
    contexts.set(bypassCSP, ctx)
  }
  return ctx
}

async function visit(url: string, bypassCSP: boolean, act?: (page: Page) => Promise<void>): Promise<{ findings: Findings; text: string }> {
  const page = await (await context(bypassCSP)).newPage()
  try {
    const dialogs: string[] = []
    const errors: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text())
    })
    await page.goto(url, { waitUntil: 'load' })
    if (act) await act(page)
    // Hover and focus everything a handler could hang on, in case one slipped through as an attribute.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'focus', 'click']) {
          if (type === 'click' && (el.closest('a, button, form') || el instanceof HTMLInputElement)) continue
          el.dispatchEvent(new Event(type))
        }
      }
    })
    await page.waitForTimeout(50)
    return { findings: await inspect(page, dialogs, errors), text: (await page.locator('body').textContent()) ?? '' }
  } finally {
    await page.close()
  }
}

function expectClean(f: Findings, where: string) {
  expect(f, where).toEqual({ hits: [], dialogs: [], handlers: [], jsLinks: [], foreign: [], errors: [] })
}

describe.each([
  ['with the CSP', false],
  ['with the CSP bypassed (escaping alone)', true],
])('hostile corpus in Chromium, %s', (_label, bypassCSP) => {
  it('home with searches for the payloads', async () => {
    for (const q of ['script', 'img onerror', 'javascript', '<script>alert(1)</script>']) {
      const { findings, text } = await visit(`${base}/?q=${encodeURIComponent(q)}`, bypassCSP)
      expectClean(findings, q)
      if (q === 'script') expect(text).toContain("<script>window.__pwned='quote'</script>")
    }
    // Typing into the search box too (type-ahead fetches and renders suggestions when the API has them).
    const { findings } = await visit(`${base}/`, bypassCSP, async (page) => {
      await page.getByLabel('Words to find').pressSequentially('<img src=x onerror=window.__pwned=1>', { delay: 5 })
      await page.waitForTimeout(300)
      await Promise.all([page.waitForURL(/[?&]q=/), page.getByLabel('Words to find').press('Enter')])
    })
    expectClean(findings, 'typed search')
  })

  it('every quote page, source page and speaker page', async () => {
    const paths = [
      ...corpus.quotes.map((q) => `/quotes/${q.id}`),
      ...corpus.sources.map((s) => `/sources/${s.id}`),
      ...corpus.speakers.map((s) => `/speakers/${s.id}`),
      `/quotes/${encodeURIComponent('<script>window.__pwned=1</script>')}`,
      `/${encodeURIComponent('"><img src=x onerror=window.__pwned=1>')}`,
    ]
    expect(paths.length).toBeGreaterThan(10)
    for (const path of paths) {
      const { findings } = await visit(`${base}${path}`, bypassCSP)
      expectClean(findings, path)
    }
    const source = await visit(`${base}/sources/xss-front`, bypassCSP)
    expect(source.text).toContain("<script>window.__pwned='title'</script>")
    expect(source.text).toContain('</textarea><img src=x onerror=')
  })

  it('every embed card', async () => {
    for (const [i, q] of corpus.quotes.entries()) {
      const { findings, text } = await visit(`${base}/embed/quotes/${q.id}${i % 2 ? '?theme=dark' : ''}`, bypassCSP)
      expectClean(findings, q.id)
      expect(text.replace(/\s+/g, ' ')).toContain(q.text.replace(/\s+/g, ' ').slice(0, 30))
    }
  })

  describe('a blog page pasting the oEmbed html of every quote (embed.js)', () => {
    let server: Server
    let blog: string

    beforeAll(async () => {
      const snippets = await Promise.all(
        corpus.quotes.map(async (q) => {
          const o = await getJson<{ html: string }>(`/oembed?url=${encodeURIComponent(`${base}/quotes/${q.id}`)}&format=json`)
          return o.html
        }),
      )
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title></head><body><main><h1>Quotes</h1>\n${snippets.join('\n')}\n</main></body></html>`
      server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.end(html)
      })
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
      blog = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    })

    afterAll(async () => {
      await new Promise((r) => server.close(r))
    })

    it('turns each snippet into a card and nothing from the corpus runs, in the page or the cards', async () => {
      const { findings } = await visit(blog, bypassCSP, async (page) => {
        await page.waitForFunction((n) => document.querySelectorAll('iframe.verbatim-quote-frame').length === n, corpus.quotes.length)
        for (const frame of page.frames().slice(1)) await frame.waitForLoadState('load')
        expect(page.frames().length).toBe(corpus.quotes.length + 1)
      })
      // The blog page itself has the embed.js script tags the snippets carry; the cards run only card.js.
      expectClean({ ...findings, foreign: findings.foreign.filter((f) => !f.startsWith('<iframe')) }, 'blog')
    })
  })
})
