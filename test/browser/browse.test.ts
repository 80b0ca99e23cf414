import { describe, expect, inject, it } from 'vitest'
import { screenshot, seriousViolations, useBrowser } from './helpers'

const base = inject('baseUrl')
const hostile = inject('hostileUrl')
const withPage = useBrowser()

describe('/verify', () => {
  it('checks a pasted quote and puts the result in a URL that shows it again', async () => {
    await withPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${base}/verify`)
      await page.getByLabel('The quote').fill('Revenge will be taken against those who ordered it')
      await page.getByLabel('Said by (optional)').fill('Javani')
      await Promise.all([page.waitForURL(/\/verify\?text=/), page.getByRole('button', { name: 'Check' }).click()])
      await expect(page.locator('#verdict-heading').textContent()).resolves.toBe('Printed with small changes')
      await expect(page.locator('p.notices').textContent()).resolves.toContain('Misattributed')
      await expect(page.locator('.diff ins').first().textContent()).resolves.toBe('against')
      const shared = page.url()
      await screenshot(page, 'verify-result')
      const again = await page.context().newPage()
      await again.goto(shared)
      await expect(again.locator('#verdict-heading').textContent()).resolves.toBe('Printed with small changes')
      await again.close()
    })
  })
})

describe('/speakers and /sources', () => {
  it('filters speakers by name from the form, and a speaker links to their page', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${base}/speakers`)
      const before = await page.locator('ul.listing li').count()
      await page.getByLabel('Name').fill('vaezi')
      await Promise.all([page.waitForURL(/q=vaezi/), page.getByRole('button', { name: 'Show' }).click()])
      const names = await page.locator('ul.listing li a').allTextContents()
      expect(names).toEqual(['Mahmoud Vaezi'])
      expect(before).toBeGreaterThan(names.length)
      await Promise.all([page.waitForURL('**/speakers/mahmoud-vaezi'), page.locator('ul.listing a').first().click()])
    })
  })

  it('lists sources with title, outlet, date and count, readable on a phone', async () => {
    await withPage({ viewport: { width: 390, height: 844 }, isMobile: true }, async (page) => {
      await page.goto(`${base}/sources`)
      const rows = page.locator('table.sources tbody tr')
      expect(await rows.count()).toBeGreaterThan(1)
      // Every title is shown whole: nothing is cut with an ellipsis by CSS.
      const clipped = await page.locator('table.sources a').evaluateAll((as) => as.filter((a) => a.scrollWidth > a.clientWidth + 1).length)
      expect(clipped).toBe(0)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await screenshot(page, 'sources-phone-list')
    })
  })
})

describe('search notices', () => {
  it('says which words were searched instead and that any word counts', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${base}/?q=${encodeURIComponent('revnge xylophone')}`)
      const notes = await page.locator('ul.notices li').allTextContents()
      expect(notes.join(' ')).toContain('Showing results for revenge xylophone')
      expect(notes.join(' ')).toContain('No quote has all the words; showing quotes with any of them.')
    })
  })
})

describe('a Markdown article', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows its headings and paragraphs without Markdown syntax, and passes axe at 390 px (${colorScheme})`, async () => {
      const options = { viewport: { width: 390, height: 844 }, isMobile: true, colorScheme, bypassCSP: true }
      await withPage(options, async (page) => {
        // test/fixtures/hostile/markdown-syntax.md, served by the hostile fixture's app.
        await page.goto(`${hostile}/sources/markdown-syntax`)
        expect(await page.locator('.body h3').allTextContents()).toEqual(['The bridge closes for repairs', 'What residents said'])
        const text = (await page.locator('.body').textContent()) ?? ''
        expect(text).toContain('Traffic will move to the river road.')
        for (const syntax of ['**', '# ', '](', '__']) expect(text).not.toContain(syntax)
        await screenshot(page, `markdown-source-390-${colorScheme}`)
        expect(await seriousViolations(page)).toEqual([])
      })
    })
  }
})
