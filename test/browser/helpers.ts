/**
 * Chromium (Debian's /usr/bin/chromium) driven by playwright-core, axe-core injection and screenshots.
 */
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The network is closed: no background services, no QUIC, no first-run work. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS })
}

/**
 * One Chromium for the test file (launched before its tests, closed after), and `withPage`: a fresh context
 * with the given options (viewport, JavaScript on or off) for each use, closed afterwards.
 */
export function useBrowser() {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return async function withPage<T>(options: Parameters<Browser['newContext']>[0], fn: (page: Page) => Promise<T>): Promise<T> {
    const context = await browser.newContext(options)
    try {
      return await fn(await context.newPage())
    } finally {
      await context.close()
    }
  }
}

const here = dirname(fileURLToPath(import.meta.url))
export const SCREENSHOTS = join(here, 'screenshots')
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/** Runs axe-core (WCAG 2 A/AA rules and best practices) and returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE })
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<any> } }).axe
    const r = await axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n: any) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }))
  })
  return (results as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Relative luminance of a CSS rgb()/rgba() colour, 0 (black) to 1 (white). */
export function luminance(css: string): number {
  const m = css.match(/[\d.]+/g)
  if (!m || m.length < 3) throw new Error(`not an rgb colour: ${css}`)
  const [r, g, b] = m.slice(0, 3).map((x) => {
    const c = Number(x) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
