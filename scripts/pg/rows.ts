/**
 * @module
 * The rows of the PostgreSQL tables (scripts/pg/schema.ts), one quote or speaker at a time, so that a build streams
 * (scripts/pg/stream.ts): the same Records the bundle and D1 serve, with the tsvectors of src/search/pg-text.ts.
 * A quote's row holds everything but its number `n` (its rank in date order), which the server gives once every
 * quote is loaded (scripts/pg/finish.ts). Deterministic: the same quote gives the same row.
 */

import { packRecords } from '../../src/pack'
import { quoteContext } from '../../src/search/context'
import { processTerm, tokenize } from '../../src/search/options'
import { textArray } from '../../src/search/pg-sql'
import { stemLexeme, tsvectorLiteral } from '../../src/search/pg-text'
import { lookupKeysOf } from '../../src/search/speakers'
import type { Quote, Records, Source, Speaker } from '../../src/types'
import { quoteRowCells } from '../corpus/counts'
import type { Cell } from './schema'

/** The year of a date ("2019-05-01" → 2019), null when undated. */
export const yearOf = (date: string | null) => (date === null ? null : Number(date.slice(0, 4)))

/** What a quote's row needs besides the quote: its speaker's names and aliases, and the sources with a body. */
export interface QuoteLookups {
  /** Speaker id → "name alias alias…" (the words the tsvectors give the speaker). */
  names: (id: string) => string | undefined
  /** Sources whose text gives a quote its context (articles; Quotebank's URL-only sources have none). */
  source: (id: string) => Source | undefined
}

const EMPTY: Records = { build_id: '', built_from: { sources: 0, quotes: 0, speakers: 0 }, quotes: [], speakers: [], sources: [] }

/** The quote's speaker words and context, as its tsvectors and the vocabulary read them. */
function fieldsOf(q: Quote, lookups: QuoteLookups): { speaker: string; context: string } {
  return { speaker: q.speaker ? (lookups.names(q.speaker) ?? '') : '', context: quoteContext(q, lookups.source) }
}

/** The cells of the `quotes_load` staging table (the columns of `quotes` after `n`). */
export function quoteCells(q: Quote, lookups: QuoteLookups): Cell[] {
  const { speaker, context } = fieldsOf(q, lookups)
  const packed = packRecords({ ...EMPTY, quotes: [q] }).quotes[0] as { occurrences: unknown }
  const own = [
    { text: q.text, weight: 'A' as const },
    { text: speaker, weight: 'B' as const },
  ]
  return [
    yearOf(q.date),
    ...quoteRowCells(q, packed.occurrences),
    context,
    textArray([...new Set(q.occurrences.map((o) => o.source))]),
    tsvectorLiteral(own),
    tsvectorLiteral([...own, { text: context, weight: 'D' }]),
  ]
}

/** The distinct terms of a quote as the bundled index folds them (no stemming, speaker and context included). */
export function termsOf(q: Quote, lookups: QuoteLookups): Set<string> {
  const { speaker, context } = fieldsOf(q, lookups)
  const terms = new Set<string>()
  for (const token of tokenize(`${q.text} ${speaker} ${context}`)) {
    const term = processTerm(token)
    if (term) terms.add(term)
  }
  return terms
}

/** The `terms` rows of a vocabulary (term → quotes holding it), in code-point order, with each term's stem. */
export function termRows(docs: Map<string, number>): Cell[][] {
  return [...docs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([term, n]) => [term, stemLexeme(term), n])
}

/** A speaker's row, with the number of quotes attributed to them. */
export function speakerRow(s: Speaker, quotes: number): Cell[] {
  return [s.id, s.name, JSON.stringify(s.aliases), JSON.stringify(s.roles), s.qid, quotes]
}

/** The `speaker_names` rows of a speaker with quotes: names, surnames and name words (src/search/speakers.ts). */
export function speakerNameRows(s: Speaker): Cell[][] {
  return lookupKeysOf(s).map((k) => [k.kind, k.name, s.id])
}
