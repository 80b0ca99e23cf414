import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusError } from '../../scripts/corpus/errors'
import { fileLines, parseQuotebankLine, urlSourceId } from '../../scripts/corpus/quotebank'
import { buildCorpus } from '../../scripts/pipeline'

const FIXTURE = join(import.meta.dirname, 'fixtures/quotebank/sample.jsonl')
const good = {
  quoteID: 'q-1',
  quotation: 'Words.',
  speaker: 'A B',
  qids: ['Q1'],
  date: '2020-01-01 00:00:00',
  numOccurrences: 1,
  probas: [['A B', '0.9']],
  urls: ['https://a.example/x'],
}

function errorOf(text: string): CorpusError {
  try {
    parseQuotebankLine('c/q.jsonl', 7, text)
  } catch (e) {
    return e as CorpusError
  }
  throw new Error('no error')
}

describe('parseQuotebankLine', () => {
  it('accepts a Quotebank line, with string or number probabilities and extra keys', () => {
    expect(parseQuotebankLine('q.jsonl', 1, JSON.stringify({ ...good, phase: 'E' })).quoteID).toBe('q-1')
    expect(parseQuotebankLine('q.jsonl', 1, JSON.stringify({ ...good, probas: [['A B', 0.9]] })).probas[0]?.[1]).toBe(0.9)
  })

  it('names the file, the line and the reason for a bad line', () => {
    const e = errorOf('{"quoteID": ')
    expect(e).toBeInstanceOf(CorpusError)
    expect(e.message).toMatch(/^c\/q\.jsonl:7: not valid JSON/)
    expect(errorOf('[1]').message).toBe('c/q.jsonl:7: a line must be a JSON object')
    expect(errorOf(JSON.stringify({ ...good, quotation: 3 })).reason).toBe('"quotation" must be a string')
    expect(errorOf(JSON.stringify({ ...good, quotation: '  ' })).reason).toBe('"quotation" is empty')
    expect(errorOf(JSON.stringify({ ...good, quoteID: 'a/b' })).reason).toMatch(/"quoteID" must be/)
    expect(errorOf(JSON.stringify({ ...good, date: 'yesterday' })).reason).toMatch(/"date" must look like/)
    expect(errorOf(JSON.stringify({ ...good, urls: [] })).reason).toMatch(/"urls" must be a non-empty list/)
    expect(errorOf(JSON.stringify({ ...good, urls: ['not a url'] })).reason).toMatch(/"urls"/)
    expect(errorOf(JSON.stringify({ ...good, qids: ['42'] })).reason).toMatch(/"qids"/)
    expect(errorOf(JSON.stringify({ ...good, probas: [['A B', 'x']] })).reason).toMatch(/"probas"/)
    expect(errorOf(JSON.stringify({ ...good, numOccurrences: 0 })).reason).toMatch(/"numOccurrences"/)
  })
})

describe('buildCorpus with Quotebank JSON Lines', () => {
  it('streams a file into quotes, body-less sources per URL and speakers', async () => {
    const { records, index } = await buildCorpus([], [{ path: 'fixtures/sample.jsonl', lines: fileLines(FIXTURE) }])
    expect(records.built_from).toEqual({ sources: 3, quotes: 3, speakers: 2 })
    const q = records.quotes.find((x) => x.id === '2020-01-28-000082')
    expect(q?.speaker).toBe('jane-roe')
    expect(q?.date).toBe('2020-01-28')
    expect(q?.occurrences.map((o) => o.source)).toEqual([
      urlSourceId('https://www.example.com/news/2020/01/28/virus'),
      urlSourceId('https://news.example.org/story?id=7'),
    ])
    expect(q?.occurrences[0]).toMatchObject({ start: 0, end: 0, text: q?.text, confidence: 0.8231, kind: 'quotation' })
    const shared = records.sources.find((s) => s.url === 'https://news.example.org/story?id=7')
    expect(shared).toMatchObject({ body: '', removed: [], outlet: 'news.example.org', title: 'news.example.org/story' })
    // "None" is no speaker; a name with several qids keeps no qid.
    expect(records.quotes.find((x) => x.id === '2020-02-03-001337')?.speaker).toBeNull()
    expect(records.speakers.find((s) => s.id === 'john-doe')?.qid).toBeNull()
    expect(records.speakers.find((s) => s.id === 'jane-roe')?.qid).toBe('Q100001')
    expect(index).toContain('careful')
  })

  it('resolves speakers through the registry and reads small .jsonl files given as bytes', async () => {
    const enc = new TextEncoder()
    const { records } = await buildCorpus([
      { path: 'c/speakers.yaml', bytes: enc.encode('- name: Jane Q. Roe\n  aliases: [A B]\n') },
      { path: 'c/q.jsonl', bytes: enc.encode(`${JSON.stringify(good)}\r\n`) },
    ])
    expect(records.quotes.map((q) => q.speaker)).toEqual(['jane-q-roe'])
  })

  it('refuses bad lines and duplicate ids with file:line, reading past them', async () => {
    const lines = [JSON.stringify(good), '{oops', JSON.stringify({ ...good, urls: 'x' }), JSON.stringify(good)]
    const err = await buildCorpus([], [{ path: 'c/q.jsonl', lines }]).catch((e: unknown) => e as AggregateError)
    expect(err).toBeInstanceOf(AggregateError)
    expect((err as AggregateError).errors.map((e: CorpusError) => `${e.file}:${e.line}`)).toEqual([
      'c/q.jsonl:2',
      'c/q.jsonl:3',
      'c/q.jsonl:4',
    ])
    expect((err as AggregateError).errors[2].reason).toBe('duplicate quoteID "q-1" (also c/q.jsonl:1)')
  })
})
