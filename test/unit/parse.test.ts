import { describe, expect, it } from 'vitest'
import { CorpusError } from '../../scripts/corpus/errors'
import { toMarkdownOffset } from '../../scripts/corpus/markdown'
import { cleanBody, decodeText, inferHeader, parseSource, parseSourceText, splitFrontMatter } from '../../scripts/corpus/parse'

const bytes = (s: string) => new TextEncoder().encode(s)

describe('parseSource for .txt', () => {
  it('infers the date line, the title heading and strips page chrome, recording it', () => {
    const text =
      'Saturday, December 2, 2023\n\nMayor Opens Bridge\n\n“It is open,” the mayor said.\n\n› Subscribe\n\nPlease enter your comment!\nMore Articles\n'
    const s = parseSource('corpus/a_1.txt', bytes(text))
    expect(s.id).toBe('a_1')
    expect(s.published).toBe('2023-12-02')
    expect(s.title).toBe('Mayor Opens Bridge')
    expect(s.body).not.toContain('Subscribe')
    expect(s.body).not.toContain('More Articles')
    expect(s.removed.map((r) => r.reason)).toEqual(['boilerplate', 'boilerplate', 'boilerplate'])
    expect(s.removed[0]).toEqual({ line: 7, reason: 'boilerplate', text: '› Subscribe' })
  })

  it('takes outlet and license from a Creative Commons footer and removes the desk signature', () => {
    const s = parseSource(
      'corpus/b.txt',
      bytes(
        'LONDON – The council met on Monday. MS/PA All Content by Example News is licensed under a Creative Commons Attribution 4.0 International License.',
      ),
    )
    expect(s.outlet).toBe('Example News')
    expect(s.license).toBe('Creative Commons Attribution 4.0 International License')
    expect(s.body).toBe('LONDON – The council met on Monday.')
    expect(s.removed.map((r) => r.reason)).toEqual(['signature', 'license'])
  })

  it('cuts a long first sentence used as a title at a word, within 90 characters, never on a dangling word', () => {
    const long =
      'A senior Iranian general has said that the United States seeks to disintegrate a number of countries in the region but will fail in the end.'
    const title = inferHeader(long).title
    expect(title.length).toBeLessThanOrEqual(90)
    expect(title.endsWith('…')).toBe(true)
    expect(long.startsWith(title.slice(0, -1))).toBe(true)
    expect(long[title.length - 1]).toBe(' ')
    expect(title).not.toMatch(/\b(but|the|of|in|and)…$/)
  })

  it('falls back to the first sentence without its dateline as the title', () => {
    expect(inferHeader('PARIS – Ministers agreed a deal on Tuesday. More followed.').title).toBe('Ministers agreed a deal on Tuesday')
  })

  it('strips a trailing list of tag bullets, even one ending in an abbreviation', () => {
    const { body, removed } = cleanBody('Article text here.\n\n  • Expulsion of the U.S.\n  • Iran\n  • Islamic Revolution\n')
    expect(body).toBe('Article text here.')
    expect(removed.filter((r) => r.reason === 'tags')).toHaveLength(3)
  })

  it('keeps a bullet list inside the article', () => {
    const { body } = cleanBody('Intro:\n\n• first point\n• second point\n\nMore article text follows here.')
    expect(body).toContain('• first point')
  })
})

describe('parseSource for .md', () => {
  it('lets front matter override inference', () => {
    const md =
      '---\ntitle: The Real Title\nurl: https://example.com/a\noutlet: Example Times\npublished: 2021-03-04\nlicense: CC BY 4.0\n---\nA Heading\n\nBody text.\n'
    const s = parseSource('corpus/c.md', bytes(md))
    expect(s).toMatchObject({
      title: 'The Real Title',
      url: 'https://example.com/a',
      outlet: 'Example Times',
      published: '2021-03-04',
      license: 'CC BY 4.0',
    })
    expect(s.body).toBe('A Heading\n\nBody text.')
  })

  it.each([
    ['---\ntitle: x\nBody', 'never closed'],
    ['---\npublished: last week\n---\nBody', 'not a date'],
    ['---\nauthor: me\n---\nBody', 'unknown front matter key "author"'],
    ['---\nurl: ftp://x\n---\nBody', 'http(s) URL'],
    ['---\ntitle: [unclosed\n---\nBody', 'not valid YAML'],
    ['---\ntitle: x\nlanguage: French\n---\nBody', 'corpus/d.md:3: front matter "language" must be a language tag like "en"'],
    ['---\nlanguage: "en\\" onmouseover=\\"x()"\n---\nBody', 'front matter "language" must be a language tag'],
  ])('rejects bad front matter %#', (md, message) => {
    expect(() => parseSource('corpus/d.md', bytes(md))).toThrow(message)
  })

  it('accepts language tags', () => {
    for (const tag of ['fr', 'pt-BR', 'zh-Hant-TW', 'gsw'])
      expect(parseSource('corpus/l.md', bytes(`---\nlanguage: ${tag}\n---\nBody text.\n`)).language).toBe(tag)
  })

  it('takes a Markdown heading as the title without its # marks when front matter gives none', () => {
    expect(parseSource('corpus/h.md', bytes('# Mayor opens the bridge\n\n“It is open,” said Jane Roe.\n')).title).toBe(
      'Mayor opens the bridge',
    )
    // The title is plain text too: no emphasis marks, a link's words without its URL.
    expect(parseSource('corpus/h.md', bytes('---\npublished: 2024-05-01\n---\n## Council *votes* ##\n\nBody text here.\n')).title).toBe(
      'Council votes',
    )
    expect(parseSource('corpus/h.md', bytes('# **Mayor** opens [the bridge](https://example.com/b)\n\nBody.\n')).title).toBe(
      'Mayor opens the bridge',
    )
    // The first heading wins over a longer plain line; front matter still wins over both.
    expect(parseSource('corpus/h.md', bytes('# Short\nA much longer line without a stop\n\nBody.\n')).title).toBe('Short')
    expect(parseSource('corpus/h.md', bytes('---\ntitle: Given\n---\n# Heading\n\nBody.\n')).title).toBe('Given')
    // A .txt keeps the line as printed: # is not markup there.
    expect(parseSource('corpus/h.txt', bytes('# Hashtag news\n\nBody text.\n')).title).toBe('# Hashtag news')
  })

  it('turns the Markdown body into plain text: headings, emphasis, links and lists lose their syntax, a link its URL', () => {
    const md = [
      '---',
      'outlet: Example Times',
      '---',
      '# Bridge **closes** for repairs',
      '',
      'The council met. “It will close for *six weeks*,” said [Mayor Ada Stone](https://example.com/stone).',
      '',
      '## What residents said',
      '',
      '- Traffic moves to the **river road**.',
      '- Buses keep their routes.',
      '',
      'The work starts in May.',
      '',
    ].join('\n')
    const s = parseSource('corpus/m.md', bytes(md))
    expect(s.body).toBe(
      'Bridge closes for repairs\n\nThe council met. “It will close for six weeks,” said Mayor Ada Stone.\n\n' +
        'What residents said\n\nTraffic moves to the river road.\n\nBuses keep their routes.\n\nThe work starts in May.',
    )
    expect(s.headings).toEqual([0, 2])
    expect(s.title).toBe('Bridge closes for repairs')
    for (const syntax of ['**', '# ', '](', 'example.com', '- ']) expect(s.body).not.toContain(syntax)
  })

  it('keeps a .txt body as printed, with no headings recorded', () => {
    const s = parseSource('corpus/t.txt', bytes('# Not a heading\n\nSome **bold** words and [a](link).\n'))
    expect(s.body).toBe('# Not a heading\n\nSome **bold** words and [a](link).')
    expect(s.headings).toBeUndefined()
  })

  it('records no headings for a Markdown body without any', () => {
    expect(parseSource('corpus/p.md', bytes('Just a paragraph.\n\nAnd another.\n')).headings).toBeUndefined()
  })

  it('gives the Markdown a plain body came from, and maps its offsets back to it', () => {
    const { source, origin } = parseSourceText('corpus/o.md', bytes('---\ntitle: T\n---\n# Head\n\nShe said “**Go** now” twice.\n'))
    expect(origin?.markdown).toBe('# Head\n\nShe said “**Go** now” twice.')
    const start = source.body.indexOf('Go now')
    const end = start + 'Go now'.length
    const pieces = origin?.pieces ?? []
    expect(origin?.markdown.slice(toMarkdownOffset(pieces, start), toMarkdownOffset(pieces, end, 'end'))).toBe('Go** now')
    expect(parseSourceText('corpus/o.txt', bytes('Plain.\n')).origin).toBeNull()
  })

  it('names the line of the bad key', () => {
    try {
      splitFrontMatter('corpus/e.md', '---\ntitle: ok\nauthor: me\n---\nBody')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CorpusError)
      expect((e as CorpusError).line).toBe(3)
      expect((e as CorpusError).message).toMatch(/^corpus\/e\.md:3: /)
    }
  })
})

describe('decodeText', () => {
  it('refuses empty, binary and invalid UTF-8 files with the file and line', () => {
    expect(() => decodeText('f.txt', new Uint8Array())).toThrow('f.txt:1: the file is empty')
    expect(() => decodeText('f.txt', new Uint8Array([65, 10, 66, 0, 67]))).toThrow('f.txt:2: binary data')
    expect(() => decodeText('f.txt', new Uint8Array([65, 10, 10, 0xff, 0xfe]))).toThrow('f.txt:3: invalid UTF-8')
  })

  it('drops a BOM and normalises line endings', () => {
    expect(decodeText('f.txt', bytes('\uFEFFa\r\nb\rc'))).toBe('a\nb\nc')
  })

  it('refuses a file name that cannot be a source id', () => {
    expect(() => parseSource('corpus/bad name!.txt', bytes('x'))).toThrow('not a valid source id')
    expect(() => parseSource('corpus/a.docx', bytes('x'))).toThrow('unsupported file type')
  })
})
