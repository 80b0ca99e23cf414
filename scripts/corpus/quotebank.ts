/**
 * @module
 * Quotebank JSON Lines (https://zenodo.org/record/4277311): quotations already extracted, one JSON object
 * a line. They fit Records without a new type: every URL becomes a body-less Source (`body: ''`), and a
 * quote gets one Occurrence per URL with `start = end = 0` and the quotation as its text.
 *
 * The file is read line by line (node:readline), so a large file is never held as text and as records
 * at once.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Occurrence, Quote, Source } from '../../src/types'
import { quoteId } from '../extract/merge'
import { foldName } from '../extract/names'
import { addSpeaker, type Registry } from '../extract/registry'
import { CorpusError } from './errors'

/** One line of Quotebank, as published (probabilities are strings there; numbers are accepted too). */
export interface QuotebankLine {
  quoteID: string
  quotation: string
  /** The most likely speaker's name, or "None". */
  speaker: string
  /** Wikidata ids of the people with that name (several when the name is ambiguous). */
  qids: string[]
  /** "YYYY-MM-DD hh:mm:ss": the earliest article with the quote. */
  date: string
  numOccurrences: number
  /** [name, probability] pairs, most likely first; "None" is the no-speaker candidate. */
  probas: [string, number | string][]
  urls: string[]
}

const ID = /^[A-Za-z0-9_.-]{1,128}$/
const DATE = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/

function fail(reason: string): never {
  throw new Error(reason)
}

/** Validates one parsed line; throws an Error whose message is the reason. */
export function validateQuotebankLine(raw: unknown): QuotebankLine {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('a line must be a JSON object')
  const o = raw as Record<string, unknown>
  const str = (key: string) => {
    if (typeof o[key] !== 'string') fail(`"${key}" must be a string`)
    return o[key] as string
  }
  const quoteID = str('quoteID')
  if (!ID.test(quoteID)) fail(`"quoteID" must be 1–128 letters, digits, _ . or - (got ${JSON.stringify(quoteID.slice(0, 40))})`)
  const quotation = str('quotation')
  if (quotation.trim() === '') fail('"quotation" is empty')
  str('speaker')
  const date = str('date')
  if (!DATE.test(date) || Number.isNaN(Date.parse(date.slice(0, 10))))
    fail(`"date" must look like 2020-01-31 12:00:00 (got ${JSON.stringify(date)})`)
  if (!Array.isArray(o.qids) || !o.qids.every((q) => typeof q === 'string' && /^Q\d+$/.test(q)))
    fail('"qids" must be a list of Wikidata ids like Q42')
  if (!Number.isInteger(o.numOccurrences) || (o.numOccurrences as number) < 1) fail('"numOccurrences" must be a positive integer')
  if (!Array.isArray(o.urls) || o.urls.length === 0 || !o.urls.every((u) => typeof u === 'string' && URL.canParse(u)))
    fail('"urls" must be a non-empty list of absolute URLs')
  if (
    !Array.isArray(o.probas) ||
    !o.probas.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && Number.isFinite(Number(p[1])) && p[1] !== '')
  )
    fail('"probas" must be a list of [name, probability] pairs')
  return o as unknown as QuotebankLine
}

/** Parses one line; errors name the file and the 1-based line. */
export function parseQuotebankLine(path: string, line: number, text: string): QuotebankLine {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    throw new CorpusError(path, line, `not valid JSON: ${(e as Error).message}`)
  }
  try {
    return validateQuotebankLine(raw)
  } catch (e) {
    throw new CorpusError(path, line, (e as Error).message)
  }
}

/** The lines of a file, streamed. */
export async function* fileLines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, { encoding: 'utf8' })
  try {
    yield* createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  } finally {
    input.destroy()
  }
}

/** A stable, URL-safe source id for a URL. */
export function urlSourceId(url: string): string {
  return `url-${quoteId(url)}`
}

function urlSource(url: string): Source {
  const u = new URL(url)
  return {
    id: urlSourceId(url),
    title: `${u.hostname}${u.pathname === '/' ? '' : u.pathname}`,
    outlet: u.hostname.replace(/^www\./, ''),
    url,
    published: null,
    license: null,
    language: 'en',
    body: '',
    removed: [],
  }
}

/** Collects Quotebank quotes from many lines and files into quotes and body-less sources. */
export class QuotebankReader {
  readonly quotes: Quote[] = []
  readonly sources = new Map<string, Source>()
  readonly errors: CorpusError[] = []
  private readonly seen = new Map<string, string>()

  /** Speakers are resolved through the registry (names and aliases), and added to it when new. */
  constructor(private readonly registry: Registry) {}

  private speaker(line: QuotebankLine): string | null {
    if (line.speaker === 'None' || line.speaker.trim() === '') return null
    const known = this.registry.byName.get(foldName(line.speaker))
    if (known) return known
    return addSpeaker(this.registry, { name: line.speaker, ...(line.qids.length === 1 ? { qid: line.qids[0] } : {}) })
  }

  add(path: string, lineNo: number, line: QuotebankLine): void {
    const twin = this.seen.get(line.quoteID)
    if (twin) throw new CorpusError(path, lineNo, `duplicate quoteID "${line.quoteID}" (also ${twin})`)
    this.seen.set(line.quoteID, `${path}:${lineNo}`)
    const speaker = this.speaker(line)
    const top = line.probas.find(([name]) => name !== 'None')
    const confidence = speaker && top ? Math.min(1, Math.max(0, Number(top[1]))) : 0
    const date = line.date.slice(0, 10)
    const occurrences: Occurrence[] = []
    for (const url of new Set(line.urls)) {
      const id = urlSourceId(url)
      if (!this.sources.has(id)) this.sources.set(id, urlSource(url))
      occurrences.push({
        source: id,
        start: 0,
        end: 0,
        text: line.quotation,
        speaker,
        confidence,
        kind: 'quotation',
        date,
        date_source: 'published',
      })
    }
    this.quotes.push({
      id: line.quoteID,
      text: line.quotation,
      kind: 'quotation',
      speaker,
      date,
      date_source: 'published',
      occurrences,
      variants: [],
    })
  }

  /** Reads a whole file; bad lines are recorded (up to `maxErrors` per file) and the rest still read. */
  async read(path: string, lines: AsyncIterable<string> | Iterable<string>, maxErrors = 20): Promise<void> {
    let n = 0
    let bad = 0
    for await (const text of lines) {
      n++
      if (text.trim() === '') continue
      try {
        this.add(path, n, parseQuotebankLine(path, n, text))
      } catch (e) {
        if (!(e instanceof CorpusError)) throw e
        if (++bad <= maxErrors) this.errors.push(e)
      }
    }
    if (bad > maxErrors) this.errors.push(new CorpusError(path, n, `${bad - maxErrors} more bad lines not shown`))
    if (n === 0) this.errors.push(new CorpusError(path, 1, 'empty file: no quotations'))
  }
}
