/**
 * @module
 * The records text module as the build writes it and the Worker reads it: one JSON header line, then one line per
 * quote. The header holds the sources, speakers and word tables, and the quotes' own fields as columns (id, text,
 * kind, speaker, date, date source, and which sources print each quote): everything search, filters, facets and
 * listings read. A quote's line holds its occurrences and variants (packed as in src/pack.ts), parsed the first
 * time they are read; after the quotes' lines, a line for each source with a text holds its body and removed pieces
 * (an article corpus's bodies are most of its records: 3.8 of PolNeAR train's 7.9 MB), read the same way.
 *
 * So a cold isolate parses the header and finds the line starts, not every occurrence: at 10k bench quotes the
 * records' load (parse, unpack, maps, and the garbage of a hundred thousand objects) went from 60–80 ms to 30–40 ms
 * in fresh Node processes, and a quote page parses one line. A text without a newline is the one-JSON form of earlier builds and
 * tests, read whole.
 */
import { type PackedOccurrence, packRecords, unpackOccurrence, unpackRecords } from './pack'
import type { DateSource, Occurrence, Quote, QuoteKind, Records, Source, SourceMeta, Variant } from './types'

/** The header line: the records without their quotes and the sources' texts, and the quotes' columns. */
interface Header extends Omit<ReturnType<typeof packRecords>, 'quotes' | 'packed' | 'sources'> {
  packed: 2
  /** The sources without their body and removed text; `text: 1` when a line after the quotes' holds them. */
  sources: (SourceMeta & Pick<Source, 'headings'> & { text?: 1 })[]
  columns: {
    id: string[]
    text: string[]
    kind: QuoteKind[]
    /** The speaker's position in `speakers`, -1 for none. */
    speaker: number[]
    date: (string | null)[]
    date_source: DateSource[]
    /** How many distinct sources print each quote; their positions in `sources` follow one another in `sources`. */
    source_count: number[]
    sources: number[]
  }
}

/** A quote line: its occurrences (packed) and its variants. */
type Line = [PackedOccurrence[], Variant[]]

/** A source line: its body and the page furniture removed from it. */
type SourceLine = [string, Source['removed']]

/**
 * The records as text: the header line, then each quote's line in the records' order, then a line for each source
 * with a text (a body or removed pieces; a Quotebank source, known by its URL only, has none).
 */
export function writeRecords(records: Records): string {
  const { quotes, packed: _, sources: packedSources, ...rest } = packRecords(records)
  const sourceLines: string[] = []
  const sources = packedSources.map(({ body, removed, ...meta }) => {
    if (body === undefined && removed === undefined) return meta
    sourceLines.push(JSON.stringify([body ?? '', removed ?? []] satisfies SourceLine))
    return { ...meta, text: 1 as const }
  })
  const speakerAt = new Map(records.speakers.map((s, i) => [s.id, i]))
  const sourceAt = new Map(records.sources.map((s, i) => [s.id, i]))
  const at = (map: Map<string, number>, id: string, what: string, quote: string) => {
    const n = map.get(id)
    if (n === undefined) throw new Error(`quote ${quote}: its ${what} ${id} is not in the records`)
    return n
  }
  const columns: Header['columns'] = { id: [], text: [], kind: [], speaker: [], date: [], date_source: [], source_count: [], sources: [] }
  const lines: string[] = []
  for (const q of quotes) {
    columns.id.push(q.id)
    columns.text.push(q.text)
    columns.kind.push(q.kind)
    columns.speaker.push(q.speaker === null ? -1 : at(speakerAt, q.speaker, 'speaker', q.id))
    columns.date.push(q.date)
    columns.date_source.push(q.date_source)
    const sources = [...new Set(q.occurrences.map((o) => o.source))]
    columns.source_count.push(sources.length)
    for (const s of sources) columns.sources.push(at(sourceAt, s, 'source', q.id))
    lines.push(JSON.stringify([q.occurrences, q.variants] satisfies Line))
  }
  const header: Header = { ...rest, sources, packed: 2, columns }
  return [JSON.stringify(header), ...lines, ...sourceLines].join('\n')
}

/** Where the quotes' lines are, shared by the quotes of one records text. */
interface Store {
  text: string
  /** Line i's start and end (exclusive) in `text`: starts[i], starts[i + 1] - 1. */
  starts: Float64Array
  sourceIds: string[]
  sources: number[]
  /** Quote i's first entry in `sources`. */
  firstSource: Int32Array
  sourceCount: number[]
}

/** A quote of a records text: its own fields read from the columns, its occurrences and variants parsed on first use. */
class StoredQuote implements Quote {
  id: string
  text: string
  kind: QuoteKind
  speaker: string | null
  date: string | null
  date_source: DateSource
  #store: Store
  #i: number
  #line?: [Occurrence[], Variant[]]

  constructor(store: Store, i: number, c: Header['columns'], speakerIds: string[]) {
    this.id = c.id[i] as string
    this.text = c.text[i] as string
    this.kind = c.kind[i] as QuoteKind
    const s = c.speaker[i] as number
    this.speaker = s < 0 ? null : (speakerIds[s] as string)
    this.date = c.date[i] as string | null
    this.date_source = c.date_source[i] as DateSource
    this.#store = store
    this.#i = i
  }

  #read(): [Occurrence[], Variant[]] {
    if (!this.#line) {
      const { text, starts } = this.#store
      const [packed, variants] = JSON.parse(text.slice(starts[this.#i], (starts[this.#i + 1] as number) - 1)) as Line
      this.#line = [packed.map((o) => unpackOccurrence(o, this)), variants]
    }
    return this.#line
  }

  get occurrences(): Occurrence[] {
    return this.#read()[0]
  }

  get variants(): Variant[] {
    return this.#read()[1]
  }

  /** The distinct sources printing this quote, in the order of its occurrences, without parsing them. */
  sourceIds(): string[] {
    const { sources, firstSource, sourceCount, sourceIds } = this.#store
    const from = firstSource[this.#i] as number
    const out: string[] = []
    for (let k = from; k < from + (sourceCount[this.#i] as number); k++) out.push(sourceIds[sources[k] as number] as string)
    return out
  }

  /** The quote as the pipeline built it, keys in its order. */
  toJSON(): Quote {
    const { id, text, kind, speaker, date, date_source, occurrences, variants } = this
    return { id, text, kind, speaker, date, date_source, occurrences, variants }
  }
}

/** The distinct sources printing a quote, in the order of its occurrences (a stored quote's without parsing them). */
export function sourcesOf(q: Quote): string[] {
  return q instanceof StoredQuote ? q.sourceIds() : [...new Set(q.occurrences.map((o) => o.source))]
}

/** The starts of `count` lines after the newline at `from` (and where the next would start): start i to start i+1 − 1. */
function lineStarts(text: string, from: number, count: number): Float64Array {
  const starts = new Float64Array(count + 1)
  let at = from
  for (let i = 0; i < count; i++) {
    starts[i] = at + 1
    at = text.indexOf('\n', at + 1)
    if (at < 0) at = text.length
  }
  starts[count] = at + 1
  return starts
}

/** A source of the header with its body and removed text read from line `k` of `starts` when first asked for. */
function storedSource({ text: hasText, headings, ...meta }: Header['sources'][number], text: string, starts: Float64Array, k: number) {
  const source = { ...meta } as Source
  if (!hasText) {
    source.body = ''
    source.removed = []
  } else {
    let read: SourceLine | undefined
    const line = () => {
      read ??= JSON.parse(text.slice(starts[k], (starts[k + 1] as number) - 1)) as SourceLine
      return read
    }
    // Own enumerable accessors: a spread or JSON.stringify of the source reads them as values.
    Object.defineProperties(source, {
      body: { get: () => line()[0], enumerable: true, configurable: true },
      removed: { get: () => line()[1], enumerable: true, configurable: true },
    })
  }
  if (headings) source.headings = headings
  return source
}

/** Reads a records text (this module's form, or one JSON value, packed or plain). */
export function readRecords(text: string): Records {
  const nl = text.indexOf('\n')
  const head = JSON.parse(nl < 0 ? text : text.slice(0, nl)) as Header | Records | ReturnType<typeof packRecords>
  if (!('packed' in head) || head.packed !== 2) return unpackRecords(head as Records)
  const { columns, packed: _, build_id, built_from, sources: metas, ...others } = head
  const n = columns.id.length
  const starts = lineStarts(text, nl < 0 ? text.length : nl, n)
  const sourceStarts = lineStarts(text, (starts[n] as number) - 1, metas.filter((s) => s.text).length)
  let k = 0
  const sources = metas.map((s) => storedSource(s, text, sourceStarts, s.text ? k++ : -1))
  const firstSource = new Int32Array(n)
  for (let i = 1; i < n; i++) firstSource[i] = (firstSource[i - 1] as number) + (columns.source_count[i - 1] as number)
  // The quotes take their place in the records' key order.
  const quotes: Quote[] = new Array(n)
  const records = { build_id, built_from, sources, quotes, ...others }
  const store: Store = {
    text,
    starts,
    sourceIds: sources.map((s) => s.id),
    sources: columns.sources,
    firstSource,
    sourceCount: columns.source_count,
  }
  const speakerIds = records.speakers.map((s) => s.id)
  for (let i = 0; i < n; i++) quotes[i] = new StoredQuote(store, i, columns, speakerIds)
  return records
}
