/**
 * @module
 * The records the prebuild writes and the Worker serves. Shared by scripts/ and src/,
 * so the build and the routes cannot disagree on a field.
 */

/** The kinds of quote. `quotation`: a full quoted statement. `fragment`: a scare quote, short phrase or title. */
export const QUOTE_KINDS = ['quotation', 'fragment'] as const

/** One of QUOTE_KINDS. */
export type QuoteKind = (typeof QUOTE_KINDS)[number]

/** Where a quote's date comes from: the text itself ("[Jan. 8, 2020]") or the source's publication date. */
export type DateSource = 'text' | 'published' | 'unknown'

/** A piece of page furniture removed from a source body, kept so nothing is lost silently. */
export interface RemovedText {
  /** 1-based line in the corpus file. */
  line: number
  /** Why it was removed: `boilerplate`, `license`, `tags`, `signature`, `metadata`. */
  reason: string
  text: string
}

export interface SourceMeta {
  /** The corpus file stem, e.g. `000_dc3024988c42d035`. */
  id: string
  title: string
  outlet: string | null
  url: string | null
  /** ISO date (YYYY-MM-DD) or null when the source gives none. */
  published: string | null
  license: string | null
  language: string
}

export interface Source extends SourceMeta {
  /**
   * The searchable text; every quote offset points into it (UTF-16 code units).
   * Empty for a source known only by its URL (Quotebank input): its occurrences have start = end = 0.
   */
  body: string
  removed: RemovedText[]
  /**
   * Which blocks of the body (`body.split('\n\n')`, 0-based, ascending) are headings; absent when none.
   * Markdown articles have them (scripts/corpus/markdown.ts); the source page shows them as headings.
   */
  headings?: number[]
}

/** The words in a source that name a quote's speaker ("Sen. Claire McCaskill", "she"): `body.slice(start, end) === text`. */
export interface SpeakerMention {
  text: string
  start: number
  end: number
}

/** One printing of a quote in one source. `body.slice(start, end) === text` when the source has a body. */
export interface Occurrence {
  source: string
  start: number
  end: number
  text: string
  /** Speaker id, or null when the text does not say who spoke with enough evidence. */
  speaker: string | null
  /** 0..1: how sure the attribution is (calibrated on PolNeAR dev: about the share of such attributions that are right). */
  confidence: number
  /** The words naming the speaker in this source, when the extractor can point at them. */
  speaker_mention?: SpeakerMention | null
  kind: QuoteKind
  date: string | null
  date_source: DateSource
}

export interface Variant {
  id: string
  /** 0..1 word-level similarity. */
  similarity: number
  /** `contains`: this quote contains the other; `contained`: the other contains this; `translation`: same statement worded differently. */
  relation: 'contains' | 'contained' | 'translation'
}

export interface Quote {
  /** Stable: derived from the normalised text only. */
  id: string
  /** The longest printed form. */
  text: string
  kind: QuoteKind
  speaker: string | null
  date: string | null
  date_source: DateSource
  occurrences: Occurrence[]
  variants: Variant[]
}

export interface Speaker {
  id: string
  name: string
  aliases: string[]
  /** Titles and roles, as the registry or the text gives them. */
  roles: string[]
  qid: string | null
}

/**
 * A speaker-names table as plain JSON (src/search/speakers.ts nameTable): the speakers' ids and, for each kind of key
 * (a whole folded name or alias, a surname, any word of one), key → speaker ids.
 */
export interface NameTable {
  ids: string[]
  surname: Record<string, string[]>
  word: Record<string, string[]>
  full: Record<string, string[]>
}

/** Everything the Worker needs besides the search index. Written as one JSON text module. */
export interface Records {
  build_id: string
  built_from: { sources: number; quotes: number; speakers: number }
  sources: Source[]
  quotes: Quote[]
  speakers: Speaker[]
  /**
   * Folded words of the quotes and speaker names by Porter stem, for the bundled search to find one form by another
   * (src/search/stems.ts wordForms). Absent without an index (D1 stems in FTS5).
   */
  word_forms?: Record<string, string[]>
  /**
   * The names table of the speakers credited with quotes (src/search/speakers.ts NameTable), so a cold isolate's first
   * search does not fold every name. Absent without an index (D1 has its `speaker_names` table).
   */
  speaker_names?: NameTable
}

/** The document MiniSearch indexes for each quote. Display data stays in Records. */
export interface QuoteDocument {
  id: string
  text: string
  speaker: string
  /** The article around the quote and its title (src/search/context.ts), a low-weight field. */
  context: string
}
