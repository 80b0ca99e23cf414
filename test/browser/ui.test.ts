/**
 * The web UI and embeds in a real Chromium against `wrangler dev` (started by global-setup.ts).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, luminance, screenshot, seriousViolations } from './helpers'

const base = inject('baseUrl')
const REVENGE = 'Of course, revenge will be taken on those who ordered it and the murderers'

let browser: Browser
let revengeId: string

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`)
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

async function withPage<T>(
  options: Parameters<Browser['newContext']>[0],
  fn: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(options)
  try {
    return await fn(await context.newPage(), context)
  } finally {
    await context.close()
  }
}

beforeAll(async () => {
  browser = await launch()
  const found = await api<{ results: { id: string; text: string }[] }>('/api/search?q=revenge')
  const hit = found.results.find((r) => r.text === REVENGE)
  if (!hit) throw new Error('the corpus no longer has the revenge quote')
  revengeId = hit.id
})

afterAll(async () => {
  await browser?.close()
})

describe('search', () => {
  it('searches from the home page and opens a result', async () => {
    await withPage({}, async (page) => {
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      // The pages run under `script-src 'self'; style-src 'self'`: any inline code would be reported here.
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) errors.push(m.text())
      })
      await page.goto(`${base}/`)
      await page.getByLabel('Words to find').fill('revenge')
      await Promise.all([page.waitForURL(/[?&]q=revenge/), page.getByLabel('Words to find').press('Enter')])
      // Empty filters are left out so the shared URL stays clean.
      expect(new URL(page.url()).search).toBe('?q=revenge')
      const result = page.locator('ol.results li.quote', { hasText: REVENGE })
      await expect(result.locator('mark').first().textContent()).resolves.toBe('revenge')
      await expect(result.locator('.speaker').textContent()).resolves.toContain('Khamenei')
      const chips = await result.locator('.chips a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
      expect(chips).toEqual(
        expect.arrayContaining([expect.stringContaining('000_dc3024988c42d035'), expect.stringContaining('003_b0004d0eae77d0dc')]),
      )
      await Promise.all([page.waitForURL(`**/quotes/${revengeId}`), result.locator('a.qlink').click()])
      await expect(page.locator('figure.hero blockquote').textContent()).resolves.toBe(REVENGE)
      const printed = await page.locator('li.occurrence a[href^="/sources/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
      expect(printed).toEqual([`/sources/000_dc3024988c42d035#q-${revengeId}`, `/sources/003_b0004d0eae77d0dc#q-${revengeId}`])
      expect(errors).toEqual([])
    })
  })

  it('works without JavaScript: the form submits and filters apply', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${base}/`)
      await page.getByLabel('Words to find').fill('revenge')
      await page.locator('summary', { hasText: 'Filters' }).click()
      await page.getByLabel('Speaker').selectOption('ali-khamenei')
      await Promise.all([page.waitForURL(/speaker=ali-khamenei/), page.getByRole('button', { name: 'Search' }).click()])
      const texts = await page.locator('ol.results a.qlink').allTextContents()
      expect(texts).toEqual([REVENGE])
    })
  })

  it('keeps type-ahead quiet when /api/suggest is missing or answers', async () => {
    await withPage({}, async (page) => {
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      const asked = page.waitForRequest((r) => r.url().includes('/api/suggest?q=reve'), { timeout: 5000 })
      await page.goto(`${base}/`)
      await page.getByLabel('Words to find').pressSequentially('reve', { delay: 20 })
      await asked
      await page.waitForTimeout(300)
      expect(errors).toEqual([])
    })
  })
})

describe('keyboard and enhancements', () => {
  it('starts with a skip link that moves focus to the main content', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${base}/`)
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
      expect(outline).toBe('solid')
      await page.keyboard.press('Enter')
      expect(await page.evaluate(() => location.hash)).toBe('#main')
    })
  })

  it('fills the type-ahead list from /api/suggest when it answers', async () => {
    for (const answer of [
      ['revenge', 'revenge will be taken'],
      { suggestions: [{ text: 'revenge' }, { text: 'revenge will be taken' }] },
    ]) {
      await withPage({}, async (page) => {
        await page.route('**/api/suggest?**', (route) => route.fulfill({ json: answer }))
        await page.goto(`${base}/`)
        await page.getByLabel('Words to find').pressSequentially('reve', { delay: 20 })
        await page.waitForFunction(() => document.querySelectorAll('#q-suggestions option').length === 2, null, { timeout: 5000 })
        const values = await page.locator('#q-suggestions option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
        expect(values).toEqual(['revenge', 'revenge will be taken'])
      })
    }
  })

  it('copies a citation with the Copy button', async () => {
    await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      await page.goto(`${base}/quotes/${revengeId}`)
      const button = page.locator('button[data-copy="cite-plain"]')
      await button.click()
      await page.waitForFunction(() => document.getElementById('cite-plain-status')?.textContent === 'Copied', null, { timeout: 5000 })
      const copied = await page.evaluate(() => navigator.clipboard.readText())
      expect(copied).toBe(await page.locator('#cite-plain').inputValue())
      expect(copied).toContain(REVENGE)
    })
  })
})

describe('source page', () => {
  it('highlights each quotation at its exact offsets', async () => {
    const id = '003_b0004d0eae77d0dc'
    const source = await api<{ body: string; quotes: { id: string; start: number; end: number; text: string }[] }>(`/api/sources/${id}`)
    expect(source.quotes.length).toBeGreaterThan(0)
    await withPage({}, async (page) => {
      await page.goto(`${base}/sources/${id}#q-${revengeId}`)
      // Offsets counted in the rendered text, its paragraphs joined by the blank line that separates them in the body:
      // every highlight starts where the API says and holds the same words.
      const marks = await page.locator('.body').evaluate((body) => {
        const out: { id: string; start: number; end: number; text: string }[] = []
        let at = 0
        Array.from(body.children).forEach((block, i) => {
          if (i > 0) at += 2
          for (const node of Array.from(block.childNodes)) {
            const text = node.textContent ?? ''
            if (node instanceof HTMLElement && node.matches('a.q')) {
              out.push({ id: node.dataset.quoteId ?? '', start: at, end: at + text.length, text })
            }
            at += text.length
          }
        })
        return { out, length: at, blocks: Array.from(body.children).map((b) => b.tagName) }
      })
      expect(marks.blocks.length).toBe(source.body.split('\n\n').length)
      expect(new Set(marks.blocks)).toEqual(new Set(['P']))
      expect(marks.length).toBe(source.body.length)
      const nested = source.quotes.filter((q, i) => source.quotes.some((p, j) => j < i && q.start < p.end))
      const expected = source.quotes.filter((q) => !nested.includes(q)).map(({ id, start, end, text }) => ({ id, start, end, text }))
      expect(marks.out).toEqual(expected)
      // The anchor from a search result lands on the quote.
      // It holds the words exactly as this source prints them (the comma before "said" included).
      const printed = source.quotes.find((q) => q.id === revengeId)?.text
      expect(printed?.startsWith(REVENGE)).toBe(true)
      await expect(page.locator(`#q-${revengeId}`).textContent()).resolves.toBe(printed)
    })
  })
})

describe('embeds', () => {
  let server: Server
  let testPage: string

  beforeAll(async () => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title></head><body><main><h1>My post</h1>
<blockquote class="verbatim-quote" data-quote-id="${revengeId}"><p>${REVENGE}</p>— Ali Khamenei <a href="${base}/quotes/${revengeId}">via verbatim</a></blockquote>
<script async src="${base}/embed.js" charset="utf-8"></script></main></body></html>`
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(html)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    testPage = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })

  afterAll(async () => {
    await new Promise((r) => server.close(r))
  })

  it('embed.js replaces the blockquote with the card, sized to its content', async () => {
    await withPage({ viewport: { width: 800, height: 900 } }, async (page) => {
      const errors: string[] = []
      page.on('console', (m) => {
        if (/Content Security Policy|Refused/i.test(m.text())) errors.push(m.text())
      })
      await page.goto(testPage)
      const frameEl = page.locator('iframe.verbatim-quote-frame')
      await frameEl.waitFor()
      expect(await page.locator('blockquote.verbatim-quote').count()).toBe(0)
      expect(await frameEl.getAttribute('sandbox')).toContain('allow-scripts')
      expect(await frameEl.getAttribute('src')).toBe(`${base}/embed/quotes/${revengeId}`)
      const frame = page.frameLocator('iframe.verbatim-quote-frame')
      await expect(frame.locator('blockquote').textContent()).resolves.toBe(REVENGE)
      const content = await frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height))
      // The initial height is 220px; the card's message sets it to the content's height.
      await page.waitForFunction((h) => document.querySelector('iframe')?.style.height === `${h}px`, content, { timeout: 5000 })
      const box = await frameEl.boundingBox()
      expect(Math.abs((box?.height ?? 0) - content)).toBeLessThanOrEqual(1)
      expect(content).toBeGreaterThan(60)
      await screenshot(page, 'embed-js-test-page')
      expect(errors).toEqual([])
    })
  })

  it('leaves the blockquote as the fallback when scripts are off', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(testPage)
      await expect(page.locator('blockquote.verbatim-quote p').textContent()).resolves.toBe(REVENGE)
      expect(await page.locator('iframe').count()).toBe(0)
    })
  })

  it('renders the card dark with ?theme=dark, light with ?theme=light, and follows the system with auto', async () => {
    const background = (page: Page) => page.locator('article').evaluate((el) => getComputedStyle(el).backgroundColor)
    await withPage({ colorScheme: 'light' }, async (page) => {
      await page.goto(`${base}/embed/quotes/${revengeId}?theme=dark`)
      expect(luminance(await background(page))).toBeLessThan(0.05)
      await page.goto(`${base}/embed/quotes/${revengeId}?theme=light`)
      expect(luminance(await background(page))).toBeGreaterThan(0.8)
      await page.emulateMedia({ colorScheme: 'dark' })
      await page.goto(`${base}/embed/quotes/${revengeId}`)
      expect(luminance(await background(page))).toBeLessThan(0.05)
      await page.goto(`${base}/embed/quotes/${revengeId}?theme=light`)
      expect(luminance(await background(page))).toBeGreaterThan(0.8)
    })
  })
})

describe('accessibility and screenshots', () => {
  const pages = () => [
    { name: 'home', path: '/' },
    { name: 'results', path: '/?q=withdrawal' },
    { name: 'quote', path: `/quotes/${revengeId}` },
    { name: 'source', path: '/sources/003_b0004d0eae77d0dc' },
    { name: 'speaker', path: '/speakers/ali-khamenei' },
    { name: 'speakers', path: '/speakers' },
    { name: 'sources', path: '/sources' },
    { name: 'verify', path: `/verify?text=${encodeURIComponent('Revenge will be taken against those who ordered it')}&speaker=Javani` },
    { name: 'context-results', path: '/?q=parliament' },
    { name: 'notices', path: '/?q=revnge+of+xylophone' },
    { name: '404', path: '/no/such/page' },
    { name: 'embed', path: `/embed/quotes/${revengeId}` },
    { name: 'api-docs', path: '/api/docs' },
  ]

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical violation on any page type (${scheme})`, async () => {
      // bypassCSP lets axe be injected into pages whose CSP allows only same-origin scripts.
      await withPage({ colorScheme: scheme, bypassCSP: true, viewport: { width: 1280, height: 900 } }, async (page) => {
        const found: Record<string, unknown> = {}
        for (const p of pages()) {
          const res = await page.goto(`${base}${p.path}`)
          expect(res?.status(), p.path).toBe(p.name === '404' ? 404 : 200)
          await screenshot(page, `${p.name}-${scheme}`)
          const bad = await seriousViolations(page)
          if (bad.length) found[p.name] = bad
        }
        expect(found).toEqual({})
      })
    })
  }

  it('reads on a phone', async () => {
    await withPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
      for (const p of pages().filter((p) => !['home', '404', 'embed', 'api-docs'].includes(p.name))) {
        await page.goto(`${base}${p.path}`)
        await screenshot(page, `${p.name}-phone`)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        expect(overflow, p.path).toBeLessThanOrEqual(0)
      }
    })
  })
})
