import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCorpusDir } from '../../scripts/build'
import { fileLines } from '../../scripts/corpus/quotebank'
import { buildCorpus } from '../../scripts/pipeline'
import { packRecords, unpackRecords } from '../../src/pack'
import { readRecords } from '../../src/records'
import type { Records } from '../../src/types'

describe('packed records', () => {
  it('round-trips the built sample corpus exactly, and is smaller', () => {
    const records = JSON.parse(JSON.stringify(readRecords(readFileSync(join(import.meta.dirname, '../generated/records.txt'), 'utf8'))))
    const packed = packRecords(records)
    expect(unpackRecords(JSON.parse(JSON.stringify(packed)))).toEqual(records)
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(records).length)
  })

  it('unpacks to the JSON the pipeline built, key order included (the API serialises occurrences as they are)', async () => {
    const { files, lines } = await readCorpusDir(join(import.meta.dirname, '../../corpus'))
    const { records } = await buildCorpus(files, lines)
    const built = JSON.stringify(records)
    expect(built).toContain('"speaker_mention":')
    expect(JSON.stringify(unpackRecords(JSON.parse(JSON.stringify(packRecords(records)))))).toBe(built)
  })

  it('round-trips Quotebank records, dropping repeated occurrence fields and empty bodies', async () => {
    const { records } = await buildCorpus(
      [],
      [{ path: 'q.jsonl', lines: fileLines(join(import.meta.dirname, 'fixtures/quotebank/sample.jsonl')) }],
    )
    const packed = packRecords(records)
    expect(packed.quotes[0]?.occurrences[0]).toEqual({ source: expect.any(String), start: 0, end: 0, confidence: expect.any(Number) })
    expect(packed.sources[0]).not.toHaveProperty('body')
    expect(unpackRecords(JSON.parse(JSON.stringify(packed)))).toEqual(records)
  })

  it('keeps an occurrence field that differs from its quote, including null', () => {
    const records = {
      build_id: 'b',
      built_from: { sources: 0, quotes: 1, speakers: 0 },
      sources: [],
      speakers: [],
      quotes: [
        {
          id: 'q',
          text: 'Long form.',
          kind: 'quotation',
          speaker: 'a',
          date: '2020-01-01',
          date_source: 'text',
          variants: [],
          occurrences: [
            {
              source: 's',
              start: 1,
              end: 5,
              text: 'Long',
              speaker: null,
              confidence: 0.5,
              kind: 'fragment',
              date: null,
              date_source: 'unknown',
            },
          ],
        },
      ],
    } satisfies Records
    const packed = packRecords(records)
    expect(packed.quotes[0]?.occurrences[0]).toMatchObject({ text: 'Long', speaker: null, date: null })
    expect(unpackRecords(JSON.parse(JSON.stringify(packed)))).toEqual(records)
  })
})
