/**
 * A Markdown article (test/fixtures/hostile/markdown-syntax.md: headings, bold, italics, links, a list) served by
 * the app in workerd: the build made it plain text, so its page, its quotes' contexts and search snippets show
 * words, never `**`, `# ` or `](`, and the page shows its headings as headings and its paragraphs as paragraphs.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { readRecords } from '../../src/records'
import type { Records } from '../../src/types'
import records from '../fixtures/generated/hostile/records.txt'
import hostile from '../fixtures/hostile.worker'

const corpus = readRecords(records)
const SYNTAX = ['**', '# ', '](', '__', 'https://example.com/engineers']

async function get(path: string) {
  const res = await hostile.fetch(new Request(`http://markdown.test${path}`), env)
  expect(res.status, path).toBe(200)
  return res
}

const quoteIn = (words: string) =>
  corpus.quotes.find(
    (q) => q.text.includes(words) && q.occurrences.some((o) => o.source === 'markdown-syntax'),
  ) as Records['quotes'][number]

/** The article text of a source page: the `.body` element's HTML. */
function articleHtml(html: string): string {
  const start = html.indexOf('<div class="body"')
  expect(start).toBeGreaterThan(0)
  return html.slice(start, html.indexOf('</div>', start))
}

describe('a Markdown article', () => {
  it('has its headings and paragraphs on its page, and none of its Markdown syntax', async () => {
    const body = articleHtml(await (await get('/sources/markdown-syntax')).text())
    for (const syntax of SYNTAX) expect(body).not.toContain(syntax)
    expect(body).toContain('<h3>The bridge closes for repairs</h3>')
    expect(body).toContain('<h3>What residents said</h3>')
    expect(body).toContain('<p>Traffic will move to the river road.</p>')
    expect(body).toMatch(
      /<p>The council voted on Monday\. “<a class="q" id="q-[0-9a-f]+"[^>]*>The bridge will close for six weeks while engineers/,
    )
  })

  it('gives its quotes contexts without Markdown syntax, in the API and on the quote page', async () => {
    const quote = quoteIn('six weeks')
    const api = (await (await get(`/api/quotes/${quote.id}`)).json()) as {
      occurrences: { context_before: string; context_after: string }[]
    }
    const [occurrence] = api.occurrences
    expect(occurrence?.context_before).toContain('The council voted on Monday.')
    expect(occurrence?.context_after).toContain('said Mayor Ada Stone. Work starts in May.')
    for (const syntax of SYNTAX) {
      expect(occurrence?.context_before).not.toContain(syntax)
      expect(occurrence?.context_after).not.toContain(syntax)
    }
    // The page's own "cite as Markdown" box is Markdown on purpose: the printed contexts are what must be plain.
    const page = await (await get(`/quotes/${quote.id}`)).text()
    const contexts = [...page.matchAll(/<p class="context">([\s\S]*?)<\/p>/g)].map((m) => m[1] as string)
    expect(contexts).toHaveLength(1)
    expect(contexts[0]).toContain('Work starts in May.')
    for (const syntax of SYNTAX) expect(contexts[0]).not.toContain(syntax)
  })

  it('shows search snippets without Markdown syntax', async () => {
    const api = (await (await get('/api/search?q=bakery')).json()) as { results: { id: string; context?: string }[] }
    expect(api.results.map((r) => r.id)).toContain(quoteIn('last week').id)
    const text = JSON.stringify(api.results)
    for (const syntax of ['**', '](', 'https://example.com/bridge']) expect(text).not.toContain(syntax)
  })

  it('lists which blocks are headings, and its quotes are the exact words of its plain body', async () => {
    const source = (await (await get('/api/sources/markdown-syntax')).json()) as {
      body: string
      headings: number[]
      quotes: { start: number; end: number; text: string }[]
    }
    expect(source.headings).toEqual([0, 2])
    expect(source.body.split('\n\n')[2]).toBe('What residents said')
    expect(source.quotes).toHaveLength(2)
    for (const q of source.quotes) expect(source.body.slice(q.start, q.end)).toBe(q.text)
  })
})
