/**
 * @module
 * Turns one corpus file into a Source: metadata (front matter wins over inference) and a clean body.
 * Pure: takes the file name and its bytes, returns a Source or throws a CorpusError.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml'
import type { RemovedText, Source } from '../../src/types'
import { parseDate } from '../extract/dates'
import { isChromeLine, isTagItem, splitFooter } from './boilerplate'
import { CorpusError } from './errors'
import { markdownToPlain, type Piece } from './markdown'

/** Source ids are file stems; they appear in URLs, so keep them to a safe alphabet. */
export const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/

const FRONT_MATTER_KEYS = ['title', 'url', 'outlet', 'published', 'license', 'language'] as const
type FrontMatter = Partial<Record<(typeof FRONT_MATTER_KEYS)[number], string>>

const TITLE_MAX = 200

/** One article is a few hundred KB at most; anything past this is a mistake (a dump, an archive), refused. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024

/** Decodes strict UTF-8; binary or mis-encoded files are refused with the offending line. */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new CorpusError(file, 1, 'the file is empty')
  if (bytes.length > MAX_SOURCE_BYTES) {
    throw new CorpusError(file, 1, `the file is ${bytes.length} bytes; the limit is ${MAX_SOURCE_BYTES} bytes per source`)
  }
  const nul = bytes.indexOf(0)
  if (nul >= 0) throw new CorpusError(file, lineAtByte(bytes, nul), 'binary data (a NUL byte): not a text article')
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  } catch {
    throw new CorpusError(file, lineAtByte(bytes, firstInvalidUtf8(bytes)), 'invalid UTF-8: save the file as UTF-8')
  }
}

function lineAtByte(bytes: Uint8Array, at: number): number {
  let line = 1
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 10) line++
  return line
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lo = 0
  let hi = bytes.length
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true })
      lo = mid
    } catch {
      hi = mid
    }
  }
  return lo
}

/** Splits `---` YAML front matter from a Markdown file and validates its fields. */
export function splitFrontMatter(file: string, text: string): { meta: FrontMatter; body: string; bodyLine: number } {
  if (!text.startsWith('---\n')) return { meta: {}, body: text, bodyLine: 1 }
  const end = text.indexOf('\n---', 3)
  const close = end < 0 ? -1 : text.slice(end + 4).match(/^[ \t]*(\n|$)/) ? end : -1
  if (close < 0) throw new CorpusError(file, 1, 'front matter opened with --- is never closed by a --- line')
  const yamlText = text.slice(4, close + 1)
  let data: unknown
  try {
    data = parseYaml(yamlText)
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line + 1 : 2
    throw new CorpusError(file, line, `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`)
  }
  if (data === null || data === undefined) data = {}
  if (typeof data !== 'object' || Array.isArray(data)) throw new CorpusError(file, 2, 'front matter must be a mapping of key: value')
  const meta: FrontMatter = {}
  const lines = yamlText.split('\n')
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const line =
      2 +
      Math.max(
        0,
        lines.findIndex((l) => l.startsWith(`${key}:`)),
      )
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      throw new CorpusError(file, line, `unknown front matter key "${key}" (allowed: ${FRONT_MATTER_KEYS.join(', ')})`)
    }
    const v = value instanceof Date ? value.toISOString().slice(0, 10) : value
    if (typeof v !== 'string' && typeof v !== 'number') throw new CorpusError(file, line, `front matter "${key}" must be text`)
    const s = String(v).trim()
    if (s === '') throw new CorpusError(file, line, `front matter "${key}" is empty: give a value or leave the key out`)
    if (key === 'published' && parseDate(s) === null) {
      throw new CorpusError(file, line, `front matter "published" is not a date: "${s}" (use YYYY-MM-DD)`)
    }
    if (key === 'url' && !/^https?:\/\/[^\s]+$/i.test(s))
      throw new CorpusError(file, line, `front matter "url" must be an http(s) URL: "${s}"`)
    // Pages print it as the lang attribute: a BCP 47 tag, not a language's name.
    if (key === 'language' && !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(s))
      throw new CorpusError(file, line, `front matter "language" must be a language tag like "en" or "pt-BR": "${s}"`)
    meta[key as keyof FrontMatter] = s
  }
  const after = close + 4
  const bodyStart = text[after] === '\n' ? after + 1 : after
  return { meta, body: text.slice(bodyStart), bodyLine: text.slice(0, bodyStart).split('\n').length }
}

interface Cleaned {
  body: string
  removed: RemovedText[]
  license: string | null
  holder: string | null
}

/** Removes page chrome, trailing tag lists and license footers; records each removal with its line. */
export function cleanBody(text: string, firstLine = 1): Cleaned {
  const lines = text.split('\n')
  const keep: boolean[] = lines.map(() => true)
  const removed: RemovedText[] = []
  let license: string | null = null
  let holder: string | null = null

  // A run of short bullet items at the end of the file is a tag or related-links list.
  let end = lines.length
  while (end > 0 && lines[end - 1]?.trim() === '') end--
  let tagStart = end
  while (tagStart > 0 && (isTagItem(lines[tagStart - 1] ?? '') || (lines[tagStart - 1]?.trim() === '' && tagStart < end))) tagStart--
  while (tagStart < end && lines[tagStart]?.trim() === '') tagStart++
  const tagCount = lines.slice(tagStart, end).filter((l) => l.trim() !== '').length
  if (tagCount >= 2) for (let i = tagStart; i < end; i++) if (lines[i]?.trim()) keep[i] = false

  const out: string[] = []
  lines.forEach((line, i) => {
    const lineNo = firstLine + i
    if (!keep[i]) {
      removed.push({ line: lineNo, reason: 'tags', text: line.trim() })
      return
    }
    if (isChromeLine(line)) {
      removed.push({ line: lineNo, reason: 'boilerplate', text: line.trim() })
      return
    }
    const footer = splitFooter(line)
    for (const r of footer.removed) removed.push({ line: lineNo, reason: r.reason, text: r.text })
    if (footer.license) license = footer.license
    if (footer.holder) holder = footer.holder
    if (footer.removed.length > 0 && footer.kept.trim() === '') return
    out.push(footer.kept)
  })
  const body = out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return { body, removed, license, holder }
}

/** A short first line without sentence punctuation is a heading. */
function isHeading(line: string): boolean {
  const t = line.trim()
  return t.length > 0 && t.length <= TITLE_MAX && !/[.,;:!?]["”’)]?$/.test(t) && parseDate(t) === null
}

export interface Inferred {
  title: string
  published: string | null
  /** The title is a Markdown `#` heading's text (still in Markdown: emphasis, links). */
  marked?: boolean
}

/** A Markdown ATX heading (`# Title`, `## Title ##`): its text without the # marks. */
const ATX_HEADING = /^#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/

/**
 * Title and date from the first lines: a date line, and the longest heading line before the first paragraph.
 * In Markdown (`markdown: true`) the first `#` heading among those lines is the title, without its marks.
 */
export function inferHeader(body: string, markdown = false): Inferred {
  const lines = body.split('\n').map((l) => l.trim())
  let published: string | null = null
  const headings: string[] = []
  let atx: string | undefined
  for (const line of lines.slice(0, 12)) {
    if (line === '') continue
    const date = parseDate(line)
    if (date) {
      published ??= date
      continue
    }
    const marked = markdown ? ATX_HEADING.exec(line)?.[1] : undefined
    if (marked) {
      atx ??= marked
      continue
    }
    if (!isHeading(line)) break
    headings.push(line)
  }
  if (atx) return { title: atx, published, marked: true }
  const title = headings.sort((a, b) => b.length - a.length)[0] ?? firstSentence(body)
  return { title, published }
}

/** Longest inferred title; a longer first sentence is cut at a word before it and ends with "…". */
export const INFERRED_TITLE_MAX = 90

/** Words a cut title must not end on ("… in the region but…"). */
const DANGLING =
  /\s+(?:a|an|the|and|or|but|nor|of|to|in|on|at|by|for|from|with|as|that|which|who|whose|its|his|her|their|is|are|was|were|has|have|had)$/i

/** The opening sentence, without a "TEHRAN –" dateline; past INFERRED_TITLE_MAX, cut at a word with "…". */
export function firstSentence(body: string): string {
  const text = body.replace(/^\s*[A-Z][A-Z .'-]{1,30}\s*[–—-]{1,2}\s*/, '').trim()
  const end = text.search(/[.!?](\s|$)/)
  const sentence = (end > 0 ? text.slice(0, end) : text).replace(/\s+/g, ' ')
  if (sentence.length <= INFERRED_TITLE_MAX) return sentence
  let cut = sentence.slice(0, INFERRED_TITLE_MAX - 1).replace(/\s+\S*$/, '')
  while (DANGLING.test(cut)) cut = cut.replace(DANGLING, '')
  return `${cut.replace(/[\s,;:–—-]+$/, '')}…`
}

/** A Markdown source's text before it became plain, and where each character of the plain body came from. */
export interface MarkdownOrigin {
  /** The body as Markdown, after boilerplate removal: what the plain body was made from. */
  markdown: string
  pieces: Piece[]
}

/** Parses one corpus file (`.txt` or `.md`) into a Source. */
export function parseSource(file: string, bytes: Uint8Array): Source {
  return parseSourceText(file, bytes).source
}

/**
 * Parses one corpus file into a Source, and for Markdown the text it was made from: a `.md` body is Markdown
 * turned into plain text (scripts/corpus/markdown.ts), every quote offset refers to the plain text, and
 * `origin` maps it back (the evaluation's gold refers to the file).
 */
export function parseSourceText(file: string, bytes: Uint8Array): { source: Source; origin: MarkdownOrigin | null } {
  const dot = file.lastIndexOf('.')
  const name = file.slice(file.lastIndexOf('/') + 1)
  const id = name.slice(0, name.lastIndexOf('.'))
  const ext = file.slice(dot + 1).toLowerCase()
  if (!SOURCE_ID.test(id)) {
    throw new CorpusError(file, 1, `the file name "${name}" is not a valid source id (letters, digits, _ . - only)`)
  }
  if (ext !== 'txt' && ext !== 'md') throw new CorpusError(file, 1, `unsupported file type ".${ext}" (use .txt or .md)`)
  const text = decodeText(file, bytes)
  const { meta, body: rawBody, bodyLine } = ext === 'md' ? splitFrontMatter(file, text) : { meta: {}, body: text, bodyLine: 1 }
  const cleaned = cleanBody(rawBody, bodyLine)
  const plain = ext === 'md' ? markdownToPlain(cleaned.body) : null
  const body = plain ? plain.text : cleaned.body
  if (body.trim() === '') throw new CorpusError(file, bodyLine, 'no article text after removing page boilerplate')
  const inferred = plain ? inferMarkdownHeader(cleaned.body, body) : inferHeader(body)
  const source: Source = {
    id,
    title: meta.title ?? inferred.title,
    outlet: meta.outlet ?? cleaned.holder,
    url: meta.url ?? null,
    published: meta.published ? parseDate(meta.published) : inferred.published,
    license: meta.license ?? cleaned.license,
    language: meta.language ?? 'en',
    body,
    removed: cleaned.removed,
  }
  if (plain && plain.headings.length > 0) source.headings = plain.headings
  return { source, origin: plain ? { markdown: cleaned.body, pieces: plain.pieces } : null }
}

/** Title and date of a Markdown article: its first `#` heading as plain text, else inferred from the plain text. */
function inferMarkdownHeader(markdown: string, plain: string): Inferred {
  const marked = inferHeader(markdown, true)
  if (marked.marked)
    return { title: markdownToPlain(marked.title).text.replace(/\s+/g, ' ').trim() || marked.title, published: marked.published }
  return inferHeader(plain)
}
