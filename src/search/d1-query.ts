/**
 * @module
 * How the D1 backend reads a query (src/search/d1.ts): the pieces of src/search/query.ts splitQuery (the bundle's
 * own reading) as FTS5 strings, and MATCH expressions with typo alternatives. User text never reaches the MATCH
 * syntax unquoted: every word is an FTS5 string.
 */
import { CONTEXT_WIDEN_BELOW, FIELD_BOOST, PREFIX_MIN } from './options'
import { splitQuery } from './query'

/**
 * One part of a query: a word (maybe a prefix) or "quoted" words, which must match exactly (not stemmed), in order.
 * `words` as typed (FTS5 folds and stems them with the index's own tokenizer), `folded` as the vocabulary holds them.
 */
export type QueryPart = { words: string[]; folded: string[]; prefix: boolean; quoted?: true }

/** A lone word as a part (typo alternatives, verify's candidates, type-ahead). */
export const wordPart = (word: string, folded: string, prefix = false): QueryPart => ({ words: [word], folded: [folded], prefix })

/**
 * A query as D1 searches it: the pieces of splitQuery, the last free word a prefix (from PREFIX_MIN folded letters,
 * as in the bundle) while it is being typed.
 */
export function readQuery(q: string): { parts: QueryPart[]; dropped: number } {
  const { pieces, dropped, prefixLast } = splitQuery(q)
  const parts = pieces.map((p): QueryPart => ({ words: p.typed, folded: p.folded, prefix: false, ...(p.quoted ? { quoted: true } : {}) }))
  const last = parts.at(-1)
  if (last && prefixLast && (last.folded[0] as string).length >= PREFIX_MIN) last.prefix = true
  return { parts, dropped }
}

/** bm25() column weights for FTS5 columns named as FIELD_BOOST's fields, in column order ("2.0, 1.0"). */
export function bm25Weights(fields: (keyof typeof FIELD_BOOST)[]): string {
  return fields.map((f) => FIELD_BOOST[f].toFixed(1)).join(', ')
}

/** bm25 weights of `quotes_fts` (text, speaker) and `search_fts` (text, speaker, context; keys 0), from FIELD_BOOST. */
export const WEIGHTS = bm25Weights(['text', 'speaker'])
export const SEARCH_WEIGHTS = `${bm25Weights(['text', 'speaker', 'context'])}, 0.0`

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
      return `(${[ftsString(p), ...alts.map((w) => ftsString(wordPart(w, w)))].join(' OR ')})`
    })
    .join(` ${join} `)
}

/** Bounds of the words that start with the same letter as `term` (typo candidates keep the first letter). */
export function letterRange(term: string): [string, string] {
  const first = term.codePointAt(0) as number
  return [String.fromCodePoint(first), String.fromCodePoint(first + 1)]
}

/** A MATCH expression over the quote's own words only (the `text` and `speaker` columns of `search_fts`). */
export const ownWordsOnly = (match: string) => `{text speaker} : (${match})`

/**
 * SQL: 1 when at least `below` (CONTEXT_WIDEN_BELOW) quotes hold the MATCH expression `matchSql` (an SQL value) in
 * their own words, counting no further; else 0.
 */
export const holdsEnough = (matchSql: string, below = CONTEXT_WIDEN_BELOW) =>
  `(SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ${matchSql} LIMIT ${below})) >= ${below}`

/**
 * How a search of `match` starts on a corpus with contexts (options.ts CONTEXT_WIDEN_BELOW, or `facts.widenBelow`):
 * in the quotes' own words (`match`), with the statement that says whether enough quotes hold them (`enough`: 1 or
 * 0), so the context is read only when fewer do (`typed`, the match as typed). Null when the context is always read:
 * a corpus without contexts or with fewer quotes than that, a query with a "quoted phrase", no words.
 */
export function ownWordsFirst(
  match: string | null,
  quoted: boolean,
  facts: { contexts: boolean; quotes: number; widenBelow?: number },
): { match: string; typed: string; sql: string; binds: unknown[] } | null {
  const below = facts.widenBelow ?? CONTEXT_WIDEN_BELOW
  if (match === null || quoted || !facts.contexts || facts.quotes < below) return null
  return { match: ownWordsOnly(match), typed: match, sql: `SELECT ${holdsEnough('?', below)} AS enough`, binds: [match] }
}
