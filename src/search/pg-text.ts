/**
 * @module
 * Words as the PostgreSQL backend (src/search/pg.ts) indexes and queries them. The folding and stemming happen in
 * JavaScript, with the same functions as the bundle (src/search/options.ts foldedWords, src/search/stems.ts stemOf),
 * and PostgreSQL receives ready lexemes: a `tsvector` literal at build time (scripts/pg/rows.ts), a `tsquery` value
 * bound as a parameter at query time. No text search configuration, dictionary or stop list of the server takes
 * part, so a managed PostgreSQL indexes exactly as the local one.
 *
 * Each word is stored as its Porter stem (a word without one, not all Latin letters, as itself): a query word is
 * searched by its stem, finding every form, as FTS5's porter tokenizer does on D1, and a prefix by the stem of what
 * was typed. Typos are corrected against `terms` (the words as printed) and highlights are marked here, so the index
 * needs no other form. Fields follow each other with a gap, so a phrase never spans the quote and its speaker.
 */
import { foldedWords } from './options'
import { stemOf } from './stems'

/** A part of a query, as src/search/d1-query.ts reads it: a word (maybe a prefix) or "quoted" words. */
export interface LexPart {
  words: string[]
  prefix: boolean
  quoted?: true
}

/** tsvector weights: A the quote's words, B its speaker's names, D its context (ts_rank weighs them by RANK_WEIGHTS). */
export type Weight = 'A' | 'B' | 'D'

/** Largest position PostgreSQL keeps in a tsvector, and most positions kept for one lexeme. */
const MAX_POSITION = 16_383
const MAX_POSITIONS_PER_LEXEME = 255
/** Positions left empty between fields: `a <-> b` never matches across them. */
const FIELD_GAP = 2

/** The lexeme a query word is searched by: its stem, or the folded word when it has none. */
export function stemLexeme(folded: string): string {
  return stemOf(folded) ?? folded
}

/** A lexeme as a tsvector/tsquery literal ('…', quotes doubled, backslashes escaped). */
export function lexemeLiteral(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
}

/**
 * The tsvector literal of a quote's fields, in order: the stem of every folded word with its position and weight.
 * Deterministic (lexemes sorted), and within PostgreSQL's limits (positions clamped, at most 255 per lexeme).
 */
export function tsvectorLiteral(fields: { text: string; weight: Weight }[]): string {
  const positions = new Map<string, string[]>()
  const add = (lexeme: string, at: string) => {
    const list = positions.get(lexeme)
    if (!list) positions.set(lexeme, [at])
    else if (list.length < MAX_POSITIONS_PER_LEXEME && list.at(-1) !== at) list.push(at)
  }
  let position = 0
  for (const { text, weight } of fields) {
    const words = foldedWords(text)
    if (words.length === 0) continue
    for (const word of words) {
      position = Math.min(MAX_POSITION, position + 1)
      add(stemLexeme(word), `${position}${weight}`)
    }
    position = Math.min(MAX_POSITION, position + FIELD_GAP)
  }
  return [...positions]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([lexeme, at]) => `${lexemeLiteral(lexeme)}:${at.join(',')}`)
    .join(' ')
}

/**
 * One query word as a tsquery: its stem, or (a prefix) any lexeme starting with its stem, as FTS5's porter tokenizer
 * stems a prefix: "forces" as a prefix finds "force" and "forced" too, and every word stores its stem, so a word
 * whose stem is no prefix of it ("happy", "happi") is still found.
 */
function wordQuery(folded: string, prefix: boolean): string {
  return `${lexemeLiteral(stemLexeme(folded))}${prefix ? ':*' : ''}`
}

/** A part as a tsquery: a word, or the words of a phrase side by side (`<->`). Null when it holds no word. */
export function partQuery(part: LexPart): string | null {
  // Words are folded as the index folds them; a "word" of several tokens (never from readQuery) is a phrase of them.
  const folded = part.words.flatMap(foldedWords)
  const words = folded.map((w, i) => wordQuery(w, part.prefix && i === folded.length - 1))
  if (words.length === 0) return null
  return words.length === 1 ? (words[0] as string) : `(${words.join(' <-> ')})`
}

/**
 * The tsquery text of a query: each part (or any of its typo alternatives, folded words) joined by AND (`&`) or OR
 * (`|`). Built from lexeme literals only, so no user text reaches the tsquery syntax; the whole is bound as `$n::tsquery`.
 */
export function tsqueryOf(parts: LexPart[], join: 'AND' | 'OR', alternatives: Map<number, string[]> = new Map()): string | null {
  const pieces = parts.flatMap((p, i) => {
    const own = partQuery(p)
    const alts = (alternatives.get(i) ?? []).map((w) => lexemeLiteral(stemLexeme(w)))
    const all = [...(own ? [own] : []), ...alts]
    if (all.length === 0) return []
    return [all.length === 1 ? (all[0] as string) : `(${all.join(' | ')})`]
  })
  if (pieces.length === 0) return null
  return pieces.join(join === 'AND' ? ' & ' : ' | ')
}

/** A part of a query as ranked: its own tsquery and what its rarity is counted from (src/search/pg-sql.ts). */
export interface RankPart {
  tsquery: string
  /** Stems of its words and of its typo alternatives (each a `terms.stem`). */
  stems: string[]
  /** The stem its last word completes, for a prefix. */
  prefix: string | null
  /** A phrase is as rare as its rarest word; a word with alternatives as common as all of them. */
  phrase: boolean
}

/** Each part of a query, with its typo alternatives, as a RankPart (parts without a word are left out). */
export function rankParts(parts: LexPart[], alternatives: Map<number, string[]> = new Map()): RankPart[] {
  return parts.flatMap((p, i) => {
    const tsquery = tsqueryOf([p], 'AND', new Map(alternatives.has(i) ? [[0, alternatives.get(i) as string[]]] : []))
    if (tsquery === null) return []
    const folded = p.words.flatMap(foldedWords)
    const stems = [...folded, ...(alternatives.get(i) ?? [])].map(stemLexeme)
    const last = folded.at(-1)
    return [{ tsquery, stems, prefix: p.prefix && last ? stemLexeme(last) : null, phrase: folded.length > 1 }]
  })
}

/** The free words of a query in order as one phrase (`a <-> b <-> c`), the last maybe a prefix. */
export function sequenceQuery(words: string[], prefix: boolean): string | null {
  return partQuery({ words, prefix })
}

/**
 * Which folded words of a text a query marks (its highlights): words whose stem is a searched stem, and words that
 * start with a searched prefix. Returns the predicate; `parts` as given to tsqueryOf, typo alternatives included.
 */
export function matcherOf(parts: LexPart[], alternatives: Map<number, string[]> = new Map()): (folded: string) => boolean {
  const stems = new Set<string>()
  const prefixes: string[] = []
  parts.forEach((p, i) => {
    const folded = p.words.flatMap(foldedWords)
    folded.forEach((w, k) => {
      stems.add(stemLexeme(w))
      if (p.prefix && k === folded.length - 1) prefixes.push(stemLexeme(w))
    })
    for (const alt of alternatives.get(i) ?? []) stems.add(stemLexeme(alt))
  })
  return (folded) => {
    const stem = stemLexeme(folded)
    return stems.has(stem) || prefixes.some((p) => stem.startsWith(p))
  }
}

/** The distinct folded words of `text` the matcher accepts (what src/search/context.ts markTerms marks). */
export function matchedWords(text: string, matches: (folded: string) => boolean): string[] {
  return [...new Set(foldedWords(text).filter(matches))]
}
