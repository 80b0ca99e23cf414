/**
 * Results as you type, filters that apply at once and removable filter chips, in Chromium: progressive enhancement
 * over the server-rendered search page (the no-JavaScript form is tested in ui.test.ts).
 */
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { screenshot, seriousViolations, useBrowser } from './helpers'

const base = inject('baseUrl')
const withPage = useBrowser()

/** Marks the document: the mark survives in-place updates and disappears with a real navigation. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __same: number }).__same = 1))
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __same?: number }).__same === 1)

describe('results as you type', () => {
  it('updates the results, the notices and the URL while typing, without reloading, keeping the keyboard focus', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      const asked: string[] = []
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/' && r.resourceType() === 'fetch') asked.push(r.url())
      })
      await page.goto(`${base}/`)
      await mark(page)
      await page.keyboard.press('Tab') // skip link
      await page.getByLabel('Words to find').focus()
      await page.keyboard.type('revnge', { delay: 40 })
      await page.waitForFunction(() => /Showing results for/.test(document.querySelector('#results .notices')?.textContent ?? ''))
      expect(await page.locator('#results .notices').textContent()).toContain('Showing results for revenge')
      expect(new URL(page.url()).search).toBe('?q=revnge')
      expect(await sameDocument(page)).toBe(true)
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
      // Debounced: one request for the burst of typing, not one per letter.
      expect(asked.length).toBeLessThanOrEqual(2)
      await expect(page.locator('#results ol.results li.quote mark').first().textContent()).resolves.toMatch(/revenge/i)
    })
  })

  it('goes back to the previous results with the Back button', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${base}/`)
      await page.getByLabel('Words to find').pressSequentially('hormuz', { delay: 30 })
      await page.waitForURL(/\?q=hormuz$/)
      await page.waitForFunction(() => /hormuz/i.test(document.getElementById('results-heading')?.textContent ?? ''))
      await page.goBack()
      await page.waitForFunction(() => document.getElementById('results-heading')?.textContent === 'Latest quotes')
      expect(new URL(page.url()).search).toBe('')
      expect(await page.getByLabel('Words to find').inputValue()).toBe('')
    })
  })

  it('applies a chosen filter at once, shows it as a chip, and the chip removes it', async () => {
    // bypassCSP lets axe be injected into a page whose CSP allows only same-origin scripts.
    await withPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true }, async (page) => {
      await page.goto(`${base}/?q=revenge`)
      await mark(page)
      await page.locator('summary', { hasText: 'Filters' }).click()
      const option = await page.locator('#speaker option', { hasText: 'Ali Khamenei' }).textContent()
      expect(option).toMatch(/^Ali Khamenei \(\d+\)$/)
      await page.getByLabel('Speaker').selectOption('ali-khamenei')
      await page.waitForURL(/speaker=ali-khamenei/)
      const chip = page.locator('.active-filters a', { hasText: 'Speaker: Ali Khamenei' })
      await chip.waitFor()
      expect(await sameDocument(page)).toBe(true)
      const speakers = await page.locator('#results ol.results .speaker').allTextContents()
      expect(new Set(speakers)).toEqual(new Set(['Ali Khamenei']))
      await screenshot(page, 'live-filter-chip')
      expect(await seriousViolations(page)).toEqual([])
      await Promise.all([page.waitForURL((u) => !u.search.includes('speaker=')), chip.click()])
      expect(new URL(page.url()).searchParams.get('q')).toBe('revenge')
    })
  })

  it('shows filter labels whole on a phone', async () => {
    await withPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
      await page.goto(`${base}/?q=revenge&speaker=ali-khamenei&kind=quotation`)
      const chips = page.locator('.active-filters a')
      expect(await chips.count()).toBe(3)
      const clipped = await chips.evaluateAll((as) => as.filter((a) => a.scrollWidth > a.clientWidth + 1).length)
      expect(clipped).toBe(0)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await screenshot(page, 'chips-phone')
    })
  })
})

describe('results as you type on a phone, light and dark', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes axe at 390 px in ${colorScheme} mode while the results update in place, and after`, async () => {
      // bypassCSP lets axe be injected into a page whose CSP allows only same-origin scripts.
      const options = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme, bypassCSP: true }
      await withPage(options, async (page) => {
        await page.goto(`${base}/`)
        await mark(page)
        // The results requests are held until axe has checked the page mid-update (the old results, aria-busy).
        let release = () => {}
        const held = new Promise<void>((resolve) => {
          release = resolve
        })
        await page.route(
          (url) => url.pathname === '/' && url.searchParams.has('q'),
          async (route) => {
            await held
            await route.continue().catch(() => {}) // a newer request aborted this one
          },
        )
        await page.getByLabel('Words to find').pressSequentially('withdrawal of us forces', { delay: 30 })
        await page.locator('#results[aria-busy=true]').waitFor()
        await screenshot(page, `live-390-${colorScheme}-busy`)
        expect(await seriousViolations(page)).toEqual([])
        release()
        await page.unrouteAll({ behavior: 'wait' })
        await page.waitForFunction(() => /any of them/.test(document.querySelector('#results .notices')?.textContent ?? ''))
        expect(await sameDocument(page)).toBe(true)
        expect(await page.locator('#results ol.results li.quote').count()).toBeGreaterThan(0)
        await screenshot(page, `live-390-${colorScheme}-any`)
        expect(await seriousViolations(page)).toEqual([])
        // A correction notice and highlighted results, then no results at all: each state is checked.
        await page.getByLabel('Words to find').fill('revnge')
        await page.waitForFunction(() => /Showing results for/.test(document.querySelector('#results .notices')?.textContent ?? ''))
        await screenshot(page, `live-390-${colorScheme}-corrected`)
        expect(await seriousViolations(page)).toEqual([])
        await page.getByLabel('Words to find').fill('zzqxv')
        await page.waitForURL(/q=zzqxv/)
        await page.waitForFunction(() => !document.querySelector('#results ol.results li.quote'))
        await screenshot(page, `live-390-${colorScheme}-none`)
        expect(await seriousViolations(page)).toEqual([])
        expect(await sameDocument(page)).toBe(true)
      })
    })
  }
})
