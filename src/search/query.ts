/**
 * @module
 * Reads a search box query: "double-quoted" phrases, free words, whether the last word is still being
 * typed (prefix), and the cap on how many words are searched.
 */
import { foldedWords, MAX_TERMS } from './options'

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

export function parseQuery(q: string): ParsedQuery {
  const parts = q.split(QUOTE)
  const closed = parts.length % 2 === 1
  const phrases: string[][] = []
  const words: string[] = []
  let budget = MAX_TERMS
  let dropped = 0
  let lastIsFree = false
  parts.forEach((part, i) => {
    // Inside quotes when i is odd, unless the last quote was never closed (then it is free text).
    const quoted = i % 2 === 1 && (closed || i < parts.length - 1)
    const w = foldedWords(part)
    if (w.length === 0) return
    const kept = w.slice(0, Math.max(0, budget))
    dropped += w.length - kept.length
    budget -= kept.length
    if (kept.length === 0) return
    if (quoted) phrases.push(kept)
    else words.push(...kept)
    lastIsFree = !quoted && kept.length === w.length
  })
  const prefixLast = lastIsFree && /[\p{L}\p{N}]$/u.test(q)
  return { phrases, words, prefixLast, dropped }
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
