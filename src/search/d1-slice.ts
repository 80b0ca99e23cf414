/**
 * @module
 * A slice of the D1 corpus (src/search/d1.ts): the quotes of a set, with their speakers and sources, the variants of
 * one quote and the highlights of a search, read in one batch.
 */
import type { Quote, Records } from '../types'
import { CLOSE, OPEN } from './context'
import { type Marks, type QuoteRow, SOURCE_META, type SourceRow, type SpeakerRow, toQuotes, toSource, toSpeaker } from './d1-rows'
import { type CorpusView, corpusView } from './view'

/** What a slice reads besides the quotes of its set. */
export interface SliceOptions {
  /** Source bodies (source and quote pages), else only the sources' metadata. */
  bodies: boolean
  /** A speaker or source to include even if no quote of the set has it (its page). */
  speaker?: string
  source?: string
  /** The quote whose variants to include. */
  variantsOf?: string
  /** A MATCH expression: the set's quotes with its words marked (FTS5 highlight()). */
  highlight?: string
  /** Whether that expression has a prefix term ("murd"*): its quotes are then marked in one pass (highlightIn). */
  prefix?: boolean
}

export interface Slice {
  corpus: CorpusView
  byN: Map<number, Quote>
  marked: Map<number, Marks>
}

/**
 * How highlight() picks the set's quotes from its MATCH: a rowid list is one FTS5 lookup per quote, cheap for words
 * (a seek in each doclist) but not for a prefix, whose doclists FTS5 merges again at each lookup (20 quotes of
 * `"bai"*` at 1M: 204 ms, against 18 ms in one pass); with a prefix, `+rowid` makes it one pass over the matches.
 */
export const highlightIn = (prefix: boolean) => (prefix ? '+rowid IN' : 'rowid IN')

/** The quotes of a set (SQL selecting `n`, with its binds), with their speakers and sources, as a view. */
export async function slice(db: D1Database, set: string, binds: unknown[], opts: SliceOptions): Promise<Slice> {
  const occ = `SELECT json_extract(o.value, '$.speaker') FROM quotes q, json_each(q.occurrences) o WHERE q.n IN (${set})`
  const statements = [
    db.prepare(`SELECT * FROM quotes WHERE n IN (${set}) ORDER BY n`).bind(...binds),
    db
      .prepare(`SELECT * FROM speakers WHERE id IN (SELECT speaker FROM quotes WHERE n IN (${set}) UNION ${occ}) OR id = ?`)
      .bind(...binds, ...binds, opts.speaker ?? null),
    db
      .prepare(
        `SELECT ${opts.bodies ? '*' : `${SOURCE_META}, '' AS body, '[]' AS removed`} FROM sources WHERE id IN (SELECT source FROM quote_sources WHERE n IN (${set})) OR id = ? ORDER BY rowid`,
      )
      .bind(...binds, opts.source ?? null),
    db
      .prepare(
        "SELECT * FROM quotes WHERE id IN (SELECT json_extract(v.value, '$.id') FROM quotes q, json_each(q.variants) v WHERE q.id = ?)",
      )
      .bind(opts.variantsOf ?? null),
  ]
  if (opts.highlight !== undefined)
    statements.push(
      db
        .prepare(
          `SELECT rowid AS n, highlight(search_fts, 0, ?, ?) AS text, highlight(search_fts, 2, ?, ?) AS ctx, context FROM search_fts WHERE search_fts MATCH ? AND ${highlightIn(opts.prefix === true)} (${set})`,
        )
        .bind(OPEN, CLOSE, OPEN, CLOSE, opts.highlight, ...binds),
    )
  const highlighted = opts.highlight !== undefined
  const results = await db.batch<unknown>(statements)
  const [quotes, speakers, sources, variants] = results
  const marks = highlighted ? results[4] : undefined
  const quoteRows = [...((quotes?.results ?? []) as QuoteRow[]), ...((variants?.results ?? []) as QuoteRow[])]
  const records: Records = {
    build_id: '',
    built_from: { sources: 0, quotes: 0, speakers: 0 },
    quotes: toQuotes(quoteRows),
    speakers: ((speakers?.results ?? []) as SpeakerRow[]).map(toSpeaker),
    sources: ((sources?.results ?? []) as SourceRow[]).map(toSource),
  }
  const marked = new Map(((marks?.results ?? []) as (Marks & { n: number })[]).map((r) => [r.n, r]))
  const byN = new Map(quoteRows.map((r, i) => [r.n, records.quotes[i] as Quote]))
  return { corpus: corpusView(records), byN, marked }
}
