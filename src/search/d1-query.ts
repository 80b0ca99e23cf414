/**
 * @module
 * How the D1 backend reads a query (src/search/d1.ts): words and "phrases" as FTS5 strings, and MATCH expressions
 * with typo alternatives. User text never reaches the MATCH syntax unquoted: every word is an FTS5 string.
 */
import { MAX_TERMS, PREFIX_MIN, TOKEN } from './options'

/** One part of a query: a word (maybe a prefix) or "quoted" words, which must match exactly (not stemmed), in order. */
export type QueryPart = { words: string[]; prefix: boolean; quoted?: true }

/** Straight and typographic double quotes, and guillemets (as src/search/query.ts). */
const QUOTE = /["“”„«»]/

/**
 * Splits a query into words and "phrases" as the bundle does (src/search/query.ts): an unclosed quote counts as
 * words, at most MAX_TERMS words are searched, and the last free word is a prefix (from PREFIX_MIN letters) when
 * the query ends with it. Words stay as typed: FTS5 folds and stems them with the same tokenizer as the index.
 */
export function readQuery(q: string): { parts: QueryPart[]; dropped: number } {
  const parts: QueryPart[] = []
  const pieces = q.split(QUOTE)
  const closed = pieces.length % 2 === 1
  let budget = MAX_TERMS
  let dropped = 0
  let lastIsFree = false
  pieces.forEach((piece, i) => {
    const all = piece.match(TOKEN) ?? []
    if (all.length === 0) return
    const words = all.slice(0, Math.max(0, budget))
    dropped += all.length - words.length
    budget -= words.length
    if (words.length === 0) return
    const inside = i % 2 === 1 && (closed || i < pieces.length - 1)
    if (inside) parts.push({ words, prefix: false, quoted: true })
    else for (const w of words) parts.push({ words: [w], prefix: false })
    lastIsFree = !inside && words.length === all.length
  })
  const last = parts.at(-1)
  if (last && lastIsFree && /[\p{L}\p{N}]$/u.test(q) && (last.words[0] as string).length >= PREFIX_MIN) last.prefix = true
  return { parts, dropped }
}

export function parseQuery(q: string): QueryPart[] {
  return readQuery(q).parts
}

/** A word or phrase as an FTS5 string ("…", inner quotes doubled), with * for a prefix. */
export function ftsString(part: QueryPart): string {
  return `"${part.words.join(' ').replaceAll('"', '""')}"${part.prefix ? '*' : ''}`
}

/** The MATCH expression: each part (with its alternatives, OR-ed) joined by AND or OR. */
export function matchExpression(parts: QueryPart[], join: 'AND' | 'OR', alternatives: Map<number, string[]> = new Map()): string {
  return parts
    .map((p, i) => {
      const alts = alternatives.get(i) ?? []
      if (alts.length === 0) return ftsString(p)
      return `(${[ftsString(p), ...alts.map((w) => ftsString({ words: [w], prefix: false }))].join(' OR ')})`
    })
    .join(` ${join} `)
}

/** Bounds of the words that start with the same letter as `term` (typo candidates keep the first letter). */
export function letterRange(term: string): [string, string] {
  const first = term.codePointAt(0) as number
  return [String.fromCodePoint(first), String.fromCodePoint(first + 1)]
}
