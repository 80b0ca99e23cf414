/**
 * @module
 * The prebuild as one pure function: corpus files in, records and a MiniSearch index out.
 * scripts/build-index.ts does the file I/O around it.
 */
import { createHash } from 'node:crypto'
import MiniSearch from 'minisearch'
import { parse as parseYaml } from 'yaml'
import { compareByDate } from '../src/data'
import { quoteContext } from '../src/search/context'
import { INDEX_SHARDS, indexOptions } from '../src/search/options'
import { speakerNameTable } from '../src/search/speakers'
import { wordForms } from '../src/search/stems'
import type { NameTable, Occurrence, QuoteDocument, Records, Source } from '../src/types'
import { CorpusError } from './corpus/errors'
import { parseSource } from './corpus/parse'
import { QuotebankReader } from './corpus/quotebank'
import { extractQuotations } from './extract/extract'
import { mergeQuotes } from './extract/merge'
import { buildRegistry, validateRegistry } from './extract/registry'
import { shardIndex } from './shards'

export interface CorpusFile {
  /** Path as shown in errors, e.g. `corpus/000_x.txt`. */
  path: string
  bytes: Uint8Array
}

/** A Quotebank JSON Lines file (`.jsonl`), read line by line. */
export interface LinesFile {
  path: string
  lines: AsyncIterable<string> | Iterable<string>
}

export const isJsonLines = (path: string) => /\.jsonl$/i.test(path)

export interface BuildOutput {
  records: Records
  /** The MiniSearch index in shards by first letter (scripts/shards.ts), read by src/search/shards.ts `ShardedIndex`. */
  index: string
}

export const REGISTRY_FILE = 'speakers.yaml'

/** Reads the registry file; every problem is a CorpusError naming the entry. */
export function parseRegistry(file: CorpusFile | undefined) {
  if (!file) return buildRegistry([])
  const text = new TextDecoder().decode(file.bytes)
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (e) {
    throw new CorpusError(file.path, 1, `not valid YAML: ${(e as Error).message.split('\n')[0]}`)
  }
  const { entries, errors } = validateRegistry(raw)
  const first = errors[0]
  if (first) {
    const starts = text.split('\n').flatMap((l, i) => (/^-\s/.test(l) ? [i + 1] : []))
    throw new CorpusError(file.path, starts[first.index] ?? 1, first.reason)
  }
  return buildRegistry(entries)
}

/** Hex SHA-256 via Web Crypto, available in Node 20 and workerd alike. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

function recordsHash(body: { sources: unknown[]; quotes: unknown[]; speakers: unknown[] }): string {
  const hash = createHash('sha256')
  for (const part of [body.sources, body.quotes, body.speakers]) {
    hash.update('[')
    for (const item of part) hash.update(`${JSON.stringify(item)},`)
    hash.update(']')
  }
  return hash.digest('hex')
}

export interface BuildOptions {
  /** Build the MiniSearch index (default true). The D1 build (scripts/d1) needs only the records: index is then ''. */
  index?: boolean
}

/**
 * Runs the whole prebuild. Throws an AggregateError of CorpusErrors when any file is bad.
 * Articles come as `files`; Quotebank `.jsonl` files come as `lines` (streamed) or among `files` (small ones).
 */
/**
 * The articles among sorted corpus files (not the registry, a README or JSON Lines), parsed; a file that fails or
 * repeats another's source id is a CorpusError in `errors`, naming the file and line.
 */
export function parseArticles(sorted: CorpusFile[], registryFile: CorpusFile | undefined, errors: CorpusError[]): Source[] {
  const seen = new Map<string, string>()
  const articles: Source[] = []
  for (const file of sorted) {
    if (isJsonLines(file.path) || file === registryFile || /(^|\/)README\.md$/i.test(file.path)) continue
    try {
      const source = parseSource(file.path, file.bytes)
      const twin = seen.get(source.id)
      if (twin) throw new CorpusError(file.path, 1, `duplicate source id "${source.id}" (also ${twin}): rename one file`)
      seen.set(source.id, file.path)
      articles.push(source)
    } catch (e) {
      if (!(e instanceof CorpusError)) throw e
      errors.push(e)
    }
  }
  return articles
}

export async function buildCorpus(files: CorpusFile[], lines: LinesFile[] = [], options: BuildOptions = {}): Promise<BuildOutput> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const registryFile = sorted.find((f) => f.path.endsWith(`/${REGISTRY_FILE}`) || f.path === REGISTRY_FILE)
  const errors: CorpusError[] = []
  const sources: Source[] = []
  let registry = buildRegistry([])
  try {
    registry = parseRegistry(registryFile)
  } catch (e) {
    errors.push(e as CorpusError)
  }
  const quotebank = new QuotebankReader(registry)
  const jsonl = [
    ...sorted.filter((f) => isJsonLines(f.path)).map((f) => ({ path: f.path, lines: new TextDecoder().decode(f.bytes).split(/\r?\n/) })),
    ...lines,
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const file of jsonl) await quotebank.read(file.path, file.lines)
  errors.push(...quotebank.errors)
  for (const source of parseArticles(sorted, registryFile, errors)) sources.push(source)
  if (errors.length > 0) throw new AggregateError(errors, errors.map((e) => e.message).join('\n'))

  const occurrences: Occurrence[] = sources.flatMap((s) => extractQuotations(s, registry))
  const quotes = [...mergeQuotes(occurrences), ...quotebank.quotes]
  const quoteIds = new Set<string>()
  for (const q of quotes) {
    if (quoteIds.has(q.id))
      throw new CorpusError('(corpus)', 0, `quote id "${q.id}" is both a Quotebank quoteID and an extracted quote's id`)
    quoteIds.add(q.id)
  }
  // One by one: spreading a million URL-only sources into push() overflows the call stack.
  for (const s of quotebank.sources.values()) sources.push(s)
  const used = new Set(quotes.flatMap((q) => [q.speaker, ...q.occurrences.map((o) => o.speaker)]))
  const speakers = registry.speakers.filter((s) => used.has(s.id) || s.qid).sort((a, b) => (a.id < b.id ? -1 : 1))
  const names = new Map(speakers.map((s) => [s.id, [s.name, ...s.aliases].join(' ')]))

  let index = ''
  let forms: Record<string, string[]> | undefined
  let speakerNames: NameTable | undefined
  if (options.index !== false) {
    speakerNames = speakerNameTable(speakers, quotes)
    const byId = new Map(sources.map((s) => [s.id, s]))
    const documents = quotes.map((q) => ({
      id: q.id,
      text: q.text,
      speaker: q.speaker ? (names.get(q.speaker) ?? '') : '',
      context: quoteContext(q, (id) => byId.get(id)),
    }))
    const search = new MiniSearch<QuoteDocument>(indexOptions)
    search.addAll(documents)
    index = shardIndex(search.toJSON(), INDEX_SHARDS)
    forms = wordForms(documents.flatMap((d) => [d.text, d.speaker, d.context]))
  }

  // Records list quotes newest first (the order of an empty query), so the Worker need not sort them on load.
  const body = {
    sources,
    quotes: [...quotes].sort(compareByDate),
    speakers,
    ...(forms ? { word_forms: forms } : {}),
    ...(speakerNames ? { speaker_names: speakerNames } : {}),
  }
  // Without an index (D1) the records are hashed record by record: a million quotes are past V8's string limit as one JSON.
  const build_id = (options.index === false ? recordsHash(body) : await sha256(JSON.stringify(body) + index)).slice(0, 16)
  const records: Records = {
    build_id,
    built_from: { sources: sources.length, quotes: quotes.length, speakers: speakers.length },
    ...body,
  }
  return { records, index }
}
