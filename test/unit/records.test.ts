import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCorpusDir } from '../../scripts/build'
import { buildCorpus } from '../../scripts/pipeline'
import { packRecords } from '../../src/pack'
import { readRecords, sourcesOf, writeRecords } from '../../src/records'
import type { Occurrence, Records, Source } from '../../src/types'

const built = (async () => {
  const { files, lines } = await readCorpusDir(join(import.meta.dirname, '../../corpus'))
  return (await buildCorpus(files, lines)).records
})()

/** The second quote's printing by source s2, twice. */
const unattributed: Occurrence = {
  source: 's2',
  start: 0,
  end: 0,
  text: 'Second words.',
  speaker: null,
  confidence: 0,
  kind: 'fragment',
  date: null,
  date_source: 'unknown',
}

/** Two quotes, the second printed twice by one source and once by another. */
const small: Records = {
  build_id: 'b',
  built_from: { sources: 2, quotes: 2, speakers: 1 },
  sources: [
    { id: 's1', title: 'One', outlet: null, url: null, published: null, license: null, language: 'en', body: '', removed: [] },
    { id: 's2', title: 'Two', outlet: null, url: null, published: null, license: null, language: 'en', body: '', removed: [] },
  ],
  quotes: [
    {
      id: 'q1',
      text: 'First words.',
      kind: 'quotation',
      speaker: 'a',
      date: '2020-01-02',
      date_source: 'text',
      occurrences: [
        {
          source: 's1',
          start: 0,
          end: 0,
          text: 'First words.',
          speaker: 'a',
          confidence: 0.9,
          kind: 'quotation',
          date: '2020-01-02',
          date_source: 'text',
        },
      ],
      variants: [],
    },
    {
      id: 'q2',
      text: 'Second words.',
      kind: 'fragment',
      speaker: null,
      date: null,
      date_source: 'unknown',
      occurrences: [
        unattributed,
        {
          source: 's1',
          start: 0,
          end: 0,
          text: 'Second',
          speaker: 'a',
          confidence: 0.5,
          kind: 'fragment',
          date: null,
          date_source: 'unknown',
        },
        unattributed,
      ],
      variants: [{ id: 'q1', similarity: 0.2, relation: 'translation' }],
    },
  ],
  speakers: [{ id: 'a', name: 'A Person', aliases: [], roles: [], qid: null }],
}

describe('records text (header line, a line per quote)', () => {
  it('reads back the JSON the pipeline built, key order included', async () => {
    const records = await built
    expect(JSON.stringify(readRecords(writeRecords(records)))).toBe(JSON.stringify(records))
  })

  it('is one header line and one line per quote', () => {
    expect(writeRecords(small).split('\n')).toHaveLength(3)
  })

  it('gives each quote its own fields without parsing its line, and its occurrences when they are read', () => {
    const lines = writeRecords(small).split('\n')
    // The second quote's line is broken: only reading its occurrences or variants can notice.
    const records = readRecords([lines[0], lines[1], '[broken'].join('\n'))
    const second = records.quotes[1]
    expect(second).toMatchObject({ id: 'q2', text: 'Second words.', kind: 'fragment', speaker: null, date: null, date_source: 'unknown' })
    expect(sourcesOf(second as Records['quotes'][number])).toEqual(['s2', 's1'])
    expect(() => second?.occurrences).toThrow(SyntaxError)
    expect(records.quotes[0]?.occurrences).toEqual(small.quotes[0]?.occurrences)
  })

  it('fills an occurrence’s fields from its quote, as the packed JSON does', () => {
    const read = readRecords(writeRecords(small))
    expect(read.quotes[1]?.occurrences).toEqual(small.quotes[1]?.occurrences)
    expect(read.quotes[1]?.variants).toEqual(small.quotes[1]?.variants)
  })

  it('reads a source’s body and removed text from its own line when first asked for, and a spread or JSON holds them', () => {
    const withText: Records = {
      ...small,
      sources: [
        {
          ...(small.sources[0] as Source),
          body: 'The body.',
          removed: [{ line: 3, reason: 'boilerplate', text: 'Share this' }],
          headings: [0],
        },
        small.sources[1] as Source,
      ],
    }
    const lines = writeRecords(withText).split('\n')
    // Header, two quote lines, one source line: the second source has no text (a URL-only source).
    expect(lines).toHaveLength(4)
    expect(readRecords(lines.join('\n')).sources).toEqual(withText.sources)
    expect(JSON.stringify(readRecords(lines.join('\n')))).toBe(JSON.stringify(withText))
    expect({ ...readRecords(lines.join('\n')).sources[0] }).toMatchObject({ body: 'The body.', headings: [0] })
    const broken = readRecords([...lines.slice(0, 3), '[broken'].join('\n'))
    expect(broken.sources[0]?.title).toBe('One')
    expect(broken.sources[1]?.body).toBe('')
    expect(() => broken.sources[0]?.body).toThrow(SyntaxError)
  })

  it('lists the distinct sources of a plain quote in the order of its occurrences', () => {
    expect(sourcesOf(small.quotes[1] as Records['quotes'][number])).toEqual(['s2', 's1'])
  })

  it('reads the one-JSON forms of earlier builds, packed or plain', () => {
    expect(readRecords(JSON.stringify(packRecords(small)))).toEqual(small)
    expect(readRecords(JSON.stringify(small))).toEqual(small)
  })

  it('reads records without quotes', () => {
    const empty = { ...small, built_from: { sources: 2, quotes: 0, speakers: 1 }, quotes: [] }
    expect(JSON.stringify(readRecords(writeRecords(empty)))).toBe(JSON.stringify(empty))
  })

  it('refuses to write a quote whose speaker or source is not in the records, naming it', () => {
    expect(() => writeRecords({ ...small, speakers: [] })).toThrow(/quote q1: its speaker a is not in the records/)
    expect(() => writeRecords({ ...small, sources: [] })).toThrow(/quote q1: its source s1 is not in the records/)
  })
})
