/**
 * @module
 * The rows of the PostgreSQL tables (scripts/pg/schema.ts) for a built corpus: the same Records the bundle and D1
 * serve, numbered and counted as scripts/d1/sql.ts does, with the tsvectors of src/search/pg-text.ts.
 * Deterministic: the same records give the same rows. Quote rows are yielded lazily (a million quotes' tsvectors
 * need not be in memory at once).
 */

import { type Corpus, compareByDate } from '../../src/data'
import { packRecords } from '../../src/pack'
import { quoteContext } from '../../src/search/context'
import { facetCounts } from '../../src/search/facets'
import { foldedWords, processTerm, tokenize } from '../../src/search/options'
import { textArray } from '../../src/search/pg-sql'
import { stemLexeme, tsvectorLiteral } from '../../src/search/pg-text'
import { lookupKeysOf } from '../../src/search/speakers'
import { statsOf } from '../../src/search/stats'
import { corpusView } from '../../src/search/view'
import type { Quote, Records } from '../../src/types'
import { listCounts, sourceCells } from '../corpus/counts'
import type { Cell, Table } from './schema'

/** The year of a date ("2019-05-01" → 2019), null when undated. */
export const yearOf = (date: string | null) => (date === null ? null : Number(date.slice(0, 4)))

/** What a build loads: the distinct years (partitions) and each table's rows. */
export interface PgRows {
  years: number[]
  quoteCount: number
  tables: Record<Table, () => Iterable<Cell[]>>
}

export function pgRows(records: Records): PgRows {
  const packed = packRecords(records)
  const packedById = new Map(packed.quotes.map((q) => [q.id, q]))
  const quotes = [...records.quotes].sort(compareByDate)
  const counts = listCounts(quotes)
  const { speakerQuotes } = counts
  const view = corpusView(records)
  const names = new Map(records.speakers.map((s) => [s.id, [s.name, ...s.aliases].join(' ')]))
  const contextOf = (q: Quote) => quoteContext(q, (id) => view.sources.get(id))
  const years = [...new Set(quotes.map((q) => yearOf(q.date)).filter((y) => y !== null))].sort((a, b) => a - b)

  function* quoteRows(): Iterable<Cell[]> {
    let n = 0
    for (const q of quotes) {
      const p = packedById.get(q.id) as (typeof packed.quotes)[number]
      const speaker = q.speaker ? (names.get(q.speaker) ?? '') : ''
      const context = contextOf(q)
      const own = [
        { text: q.text, weight: 'A' as const },
        { text: speaker, weight: 'B' as const },
      ]
      yield [
        ++n,
        yearOf(q.date),
        q.id,
        q.text,
        q.kind,
        q.speaker,
        q.date,
        q.date_source,
        JSON.stringify(p.occurrences),
        JSON.stringify(q.variants),
        ` ${foldedWords(q.text).join(' ')} `,
        context,
        textArray([...new Set(q.occurrences.map((o) => o.source))]),
        tsvectorLiteral(own),
        tsvectorLiteral([...own, { text: context, weight: 'D' }]),
      ]
    }
  }

  function* occurrenceRows(): Iterable<Cell[]> {
    let n = 0
    for (const q of quotes) {
      n++
      for (const source of new Set(q.occurrences.map((o) => o.source))) yield [source, n]
    }
  }

  /** The vocabulary as the bundled index folds it (no stemming, context included), with document counts. */
  function termRows(): Cell[][] {
    const docs = new Map<string, number>()
    for (const q of quotes) {
      const seen = new Set<string>()
      for (const token of tokenize(`${q.text} ${q.speaker ? (names.get(q.speaker) ?? '') : ''} ${contextOf(q)}`)) {
        const term = processTerm(token)
        if (term && !seen.has(term)) {
          seen.add(term)
          docs.set(term, (docs.get(term) ?? 0) + 1)
        }
      }
    }
    return [...docs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([term, n]) => [term, stemLexeme(term), n])
  }

  return {
    years,
    quoteCount: quotes.length,
    tables: {
      meta: () => [
        ['stats', JSON.stringify(statsOf(records))],
        // The facets of the whole corpus (the home page): the bundle's own facetCounts, which reads only the maps.
        ['facets', JSON.stringify(facetCounts(view as Corpus, view.byDate, {}))],
        ['count', String(quotes.length)],
      ],
      speakers: () =>
        records.speakers.map((s) => [
          s.id,
          s.name,
          JSON.stringify(s.aliases),
          JSON.stringify(s.roles),
          s.qid,
          speakerQuotes.get(s.id) ?? 0,
        ]),
      sources: () => records.sources.map((s, i) => [i + 1, ...sourceCells(s, counts)]),
      quotes: quoteRows,
      occurrences: occurrenceRows,
      terms: termRows,
      speaker_names: () =>
        records.speakers.flatMap((s) => (speakerQuotes.has(s.id) ? lookupKeysOf(s).map((k) => [k.kind, k.name, s.id]) : [])),
    },
  }
}
