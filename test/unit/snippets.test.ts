/**
 * Context snippets (src/search/context.ts): the bundle's one-pass `termsSnippetHtml` gives exactly what the general
 * `snippetHtml` gives for the marks `markTerms` makes (what D1's and PostgreSQL's answers are compared with), on every
 * quote's context in the test build and on hand-made texts; `surroundings` cuts its last partial word as before.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRecords } from '../../src/records'
import { markTerms, OPEN, quoteContext, snippetHtml, surroundings, termsSnippetHtml } from '../../src/search/context'
import { CONTEXT_SIDE, foldedWords } from '../../src/search/options'

const records = readRecords(readFileSync(join(import.meta.dirname, '../generated/records.txt'), 'utf8'))
const sources = new Map(records.sources.map((s) => [s.id, s]))
const contexts = records.quotes.map((q) => quoteContext(q, (id) => sources.get(id))).filter((c) => c !== '')

const general = (text: string, terms: string[]) => snippetHtml(text, markTerms(text, terms))

describe('termsSnippetHtml', () => {
  it('equals snippetHtml of markTerms for every context of the test build and each of its words, and word pairs', () => {
    expect(contexts.length).toBeGreaterThan(30)
    let compared = 0
    for (const context of contexts) {
      const words = [...new Set(foldedWords(context))]
      for (const [i, w] of words.entries()) {
        const terms = [w, ...(i + 7 < words.length ? [words[i + 7] as string] : [])]
        expect(termsSnippetHtml(context, terms), `${terms} in ${context}`).toBe(general(context, terms))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(1000)
  })

  it('escapes HTML, marks whole words, frames a window with "…", and gives null when no word matches', () => {
    const long = `${'Lorem ipsum dolor sit amet '.repeat(12)}the <b>bridge</b> & “the bridge’s” toll ${'sed do eiusmod '.repeat(12)}`
    const html = termsSnippetHtml(long, ['bridge', 'bridges'])
    expect(html).toBe(general(long, ['bridge', 'bridges']))
    expect(html).toMatch(/^…/)
    expect(html).toMatch(/…$/)
    expect(html).toContain('&lt;b&gt;<mark>bridge</mark>&lt;/b&gt; &amp; “the <mark>bridge’s</mark>”')
    expect(termsSnippetHtml('Nothing here', ['bridge'])).toBeNull()
    expect(termsSnippetHtml('bridge at the start', ['bridge'])).toBe('<mark>bridge</mark> at the start')
  })

  it('gives no marks for a text holding the markers itself, as snippetHtml', () => {
    const text = `a bridge ${OPEN}odd`
    expect(termsSnippetHtml(text, ['bridge'])).toBe(general(text, ['bridge']))
  })
})

describe('surroundings', () => {
  it('cuts the text after a quote at the last whole word within CONTEXT_SIDE characters, as /\\s*\\S*$/ did', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join('  ')
    const body = `"The quote." ${words}.`
    const end = body.indexOf(' word0')
    const { after } = surroundings(body, 1, end)
    const expected = body
      .slice(end, end + CONTEXT_SIDE)
      .replace(/\s*\S*$/, '')
      .replace(/\s+/g, ' ')
      .trim()
    expect(after).toBe(expected)
    expect(after.endsWith('word')).toBe(false)
    expect(after.length).toBeLessThanOrEqual(CONTEXT_SIDE)
  })
})
