import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { markdownToPlain, toMarkdownOffset } from '../../scripts/corpus/markdown'

/** The Markdown of a plain-text span, through the piece map. */
function back(markdown: string, start: number, end: number): string {
  const { pieces } = markdownToPlain(markdown)
  return markdown.slice(toMarkdownOffset(pieces, start), toMarkdownOffset(pieces, end, 'end'))
}

describe('markdownToPlain', () => {
  it('keeps the words of headings, emphasis, links, lists and block quotes, and none of their syntax', () => {
    const md = [
      '# Bridge **closes**',
      '',
      "The mayor said _“It is [closed](https://example.com/x 't') for good.”_ `sic`",
      '',
      '* first point',
      '* second point',
      '',
      '3. Three',
      '4. Four',
      '',
      '> Quoted block',
      '> on two lines',
      '',
      '---',
      '',
      'Setext heading',
      '===',
      '',
      '![a photo](https://example.com/p.jpg) Caption text.',
      '',
      '[ref]: https://example.com/ref',
    ].join('\n')
    const p = markdownToPlain(md)
    expect(p.text).toBe(
      'Bridge closes\n\nThe mayor said “It is closed for good.” sic\n\nfirst point\n\nsecond point\n\n3. Three\n\n4. Four\n\n' +
        'Quoted block\non two lines\n\nSetext heading\n\nCaption text.',
    )
    expect(p.headings).toEqual([0, 7])
  })

  it('keeps raw HTML as text, so no word of the article vanishes (pages escape it)', () => {
    expect(markdownToPlain('She wrote <b>bold</b> and <script>x()</script> here.').text).toBe(
      'She wrote <b>bold</b> and <script>x()</script> here.',
    )
  })

  it('turns escapes and entities into their characters', () => {
    expect(markdownToPlain('5 \\* 3 &amp; 2 &mdash; done').text).toBe('5 * 3 & 2 — done')
  })

  it('keeps a code block whole: its blank lines do not split it into blocks', () => {
    const p = markdownToPlain('Intro.\n\n```\na\n\n\nb\n```\n\n## After')
    expect(p.text).toBe('Intro.\n\na\nb\n\nAfter')
    expect(p.headings).toEqual([2])
  })

  it('maps a plain span back to the Markdown it came from', () => {
    const md = '# Head\n\nShe said “**Go** [now](https://x.test)” twice.\n\n> a quote\n> goes on'
    const plain = markdownToPlain(md).text
    const at = (s: string) => [plain.indexOf(s), plain.indexOf(s) + s.length] as const
    expect(back(md, ...at('“Go now”'))).toBe('“**Go** [now](https://x.test)”')
    expect(back(md, ...at('Go now'))).toBe('Go** [now')
    expect(back(md, ...at('twice.'))).toBe('twice.')
    expect(back(md, ...at('a quote\ngoes on'))).toBe('a quote\n> goes on')
    expect(back(md, ...at('Head'))).toBe('Head')
  })

  it('maps a span over an escape in proportion, inside the right words', () => {
    const md = 'Before.\n\nHe said 5 \\* 3 is fifteen.'
    const plain = markdownToPlain(md).text
    const start = plain.indexOf('5 * 3')
    expect(back(md, start, plain.length)).toBe('5 \\* 3 is fifteen.')
  })

  it('on any input: blocks split back at blank lines, headings point at blocks, exact pieces copy the Markdown', () => {
    const piece = fc.constantFrom(
      '# ',
      '## ',
      '**',
      '*',
      '_',
      '[',
      '](u)',
      '- ',
      '1. ',
      '> ',
      '\n',
      '\n\n',
      '`',
      '\\*',
      '&amp;',
      'word',
      ' ',
      '“',
      '<b>',
      '---\n',
      '===\n',
      '```\n',
      '    ',
      '  \n',
      '\\\n',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const md = parts.join('')
        const p = markdownToPlain(md)
        const blocks = p.text === '' ? [] : p.text.split('\n\n')
        expect(p.text).not.toMatch(/\n\n\n/)
        for (const b of blocks) expect(b.trim()).not.toBe('')
        for (const h of p.headings) expect(h).toBeLessThan(blocks.length)
        for (const pc of p.pieces) {
          if (pc.exact) expect(p.text.slice(pc.at, pc.at + pc.length)).toBe(md.slice(pc.from, pc.from + pc.length))
          expect(pc.from + pc.span).toBeLessThanOrEqual(md.length)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('the Markdown parser', () => {
  it('is a build-time dependency: nothing the Worker bundles (src/) imports it', () => {
    const src = join(import.meta.dirname, '../../src')
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.startsWith('generated'))
    expect(files.length).toBeGreaterThan(20)
    const importing = files.filter((f) => /from '(?:mdast|micromark)|corpus\/markdown'/.test(readFileSync(join(src, f), 'utf8')))
    expect(importing).toEqual([])
  })
})
