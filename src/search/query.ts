/**
 * @module
 * Reads a search box query, for both backends: "double-quoted" phrases, free words, whether the last word is still
 * being typed (prefix), and the cap on how many words are searched. `splitQuery` does the splitting once; the bundle
 * reads it as folded words (`parseQuery`), D1 as FTS5 strings of the words as typed (src/search/d1-query.ts
 * `readQuery`), type-ahead as the words typed so far (src/search/suggest.ts `readTyped`).
 */
import { MAX_TERMS, processTerm, TOKEN } from './options'

/** One piece of a query: a free word, or the words of a closed "quoted phrase". */
export interface QueryPiece {
  /** The words as typed (TOKEN matches): what FTS5 tokenizes with its own tokenizer. */
  typed: string[]
  /** The same words folded (processTerm): what the bundled index and the D1 vocabulary hold. */
  folded: string[]
  quoted: boolean
}

/** A query split into pieces, in query order. */
export interface SplitQuery {
  pieces: QueryPiece[]
  /** Words ignored because the query had more than MAX_TERMS. */
  dropped: number
  /** The query ends with a letter or digit: its last word is still being typed. */
  typing: boolean
  /** The last piece is a free word being typed (no space or quote after it, none of its words dropped). */
  prefixLast: boolean
}

export interface ParsedQuery {
  /** Each phrase in double quotes, as folded words; a quote must contain it word for word, in order. */
  phrases: string[][]
  /** Free words (outside quotes), folded, in query order; repeats kept. */
  words: string[]
  /** The last free word may be a prefix: it ends the query with no space or quote after it. */
  prefixLast: boolean
  /** Words ignored because the query had more than MAX_TERMS. */
  dropped: number
}

/** Straight and typographic double quotes, and guillemets. */
const QUOTE = /["“”„«»]/

/** The words of a text as typed and folded, side by side (a token that folds to nothing is no word). */
function words(text: string): { typed: string[]; folded: string[] } {
  const typed: string[] = []
  const folded: string[] = []
  for (const token of text.match(TOKEN) ?? []) {
    const term = processTerm(token)
    if (!term) continue
    typed.push(token)
    folded.push(term)
  }
  return { typed, folded }
}

/**
 * Splits a query: text between double quotes is a phrase (an unclosed quote counts as free words), every other word
 * a piece of its own; at most MAX_TERMS words are kept, in query order, and the rest counted.
 */
export function splitQuery(q: string): SplitQuery {
  const parts = q.split(QUOTE)
  const closed = parts.length % 2 === 1
  const pieces: QueryPiece[] = []
  let budget = MAX_TERMS
  let dropped = 0
  let lastIsFree = false
  parts.forEach((part, i) => {
    // Inside quotes when i is odd, unless the last quote was never closed (then it is free text).
    const quoted = i % 2 === 1 && (closed || i < parts.length - 1)
    const all = words(part)
    if (all.folded.length === 0) return
    const keep = Math.max(0, Math.min(budget, all.folded.length))
    dropped += all.folded.length - keep
    budget -= keep
    if (keep === 0) return
    const typed = all.typed.slice(0, keep)
    const folded = all.folded.slice(0, keep)
    if (quoted) pieces.push({ typed, folded, quoted })
    else pieces.push(...typed.map((t, k) => ({ typed: [t], folded: [folded[k] as string], quoted })))
    lastIsFree = !quoted && keep === all.folded.length
  })
  const typing = /[\p{L}\p{N}]$/u.test(q)
  return { pieces, dropped, typing, prefixLast: lastIsFree && typing }
}

/** The bundle's reading of a query: phrases and free words, folded. */
export function parseQuery(q: string): ParsedQuery {
  const { pieces, dropped, prefixLast } = splitQuery(q)
  return {
    phrases: pieces.filter((p) => p.quoted).map((p) => p.folded),
    words: pieces.filter((p) => !p.quoted).flatMap((p) => p.folded),
    prefixLast,
    dropped,
  }
}

/** True when `words` appear side by side, in order, in `text` (folded words); the last may be a prefix. */
export function containsSequence(text: string[], words: string[], lastIsPrefix = false): boolean {
  if (words.length === 0) return true
  const n = words.length
  outer: for (let i = 0; i + n <= text.length; i++) {
    for (let k = 0; k < n; k++) {
      const t = text[i + k]!
      const w = words[k]!
      if (t === w || (lastIsPrefix && k === n - 1 && t.startsWith(w))) continue
      continue outer
    }
    return true
  }
  return false
}

/** Share (0..1) of the query's adjacent word pairs that stand side by side, in order, in `text`. */
export function adjacency(text: string[], words: string[], lastIsPrefix = false): number {
  if (words.length < 2) return 0
  let found = 0
  for (let k = 0; k + 1 < words.length; k++)
    if (containsSequence(text, [words[k]!, words[k + 1]!], lastIsPrefix && k + 2 === words.length)) found++
  return found / (words.length - 1)
}
