/**
 * `npm run build:pg [-- --corpus <dir>] [-- --url <postgres url>]`: builds a corpus with the same pipeline as the
 * bundle and loads it into PostgreSQL (scripts/pg/schema.ts), in one transaction: readers see the old corpus until
 * the new one is complete, and a failed build leaves the old one. It streams, so its memory does not grow with the
 * corpus: the corpus is read in batches (scripts/pg/stream.ts) whose rows (scripts/pg/rows.ts) are copied into
 * staging tables as they come; only counts stay in memory (scripts/pg/tally.ts); the server then numbers the quotes,
 * keeps each source once and fills the tables (scripts/pg/finish.ts), and the old tables are replaced only then.
 * The database is DATABASE_URL, else the local server of `npm run dev:pg` (scripts/pg/server.sh, LOCAL_URL).
 */
import { createHash, type Hash } from 'node:crypto'
import type { Writable } from 'node:stream'
import postgres from 'postgres'
import type { Quote } from '../../src/types'
import { parseFlags, readFlags } from '../cli'
import { sourceCells } from '../corpus/counts'
import { CorpusError } from '../corpus/errors'
import { CREATE_LOAD_TABLES, FILL_TABLES, LOAD_COLUMNS, type LoadTable, SOURCE_TOTALS, UNIQUE_IDS } from './finish'
import { LOCAL_URL } from './local'
import { type QuoteLookups, quoteCells, speakerNameRows, speakerRow, termRows, termsOf } from './rows'
import { type Cell, COLUMNS, CREATE_INDEXES, copyLine, createTables, type Table } from './schema'
import { openCorpus } from './stream'
import { countQuote, newTally, topValues } from './tally'

const flags = readFlags('npm run build:pg [-- --corpus <dir>] [--url <postgres url>]', () =>
  parseFlags({ corpus: { type: 'string' }, url: { type: 'string' } }),
)

/**
 * JIT off for the database's sessions: a search reads each year through a lateral join whose estimated cost (every
 * partition, pruned only at run time) passes jit_above_cost, and compiling it took 1 s of a 90 ms search at 1M. A
 * loader that does not own the database keeps the server's setting (a notice): set `jit = off` on the Worker's role.
 */
const JIT_OFF = `DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE 'jit stays on: %', SQLERRM;
END $$`

/** Bytes of COPY text sent at once. */
const CHUNK = 1 << 20

/** Copies rows into a table (`hash`, when given, takes every line: the build id). */
async function copy(tx: postgres.TransactionSql, table: Table | LoadTable, rows: Iterable<Cell[]>, hash?: Hash): Promise<number> {
  const columns: readonly string[] = table in LOAD_COLUMNS ? LOAD_COLUMNS[table as LoadTable] : COLUMNS[table as Table]
  const stream: Writable = await tx.unsafe(`COPY ${table} (${columns.join(', ')}) FROM STDIN`).writable()
  const write = (text: string) => new Promise<void>((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())))
  let buffer = ''
  let count = 0
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`${table} row ${count + 1} has ${row.length} values for ${columns.length} columns`)
    const line = copyLine(row)
    hash?.update(line)
    buffer += line
    count++
    if (buffer.length >= CHUNK) {
      await write(buffer)
      buffer = ''
    }
  }
  if (buffer) await write(buffer)
  stream.end()
  // The COPY's outcome: a row the server rejected aborts the transaction, and this query then fails with its error
  // (postgres.js never calls back the end of a rejected COPY).
  await tx.unsafe('SELECT 1')
  return count
}

/** The server's error for a quote id loaded twice, as a corpus error. */
function duplicateId(e: unknown): unknown {
  const err = e as { code?: string; detail?: string }
  if (err.code !== '23505') return e
  const id = /\(id\)=\((.*)\)/.exec(err.detail ?? '')?.[1] ?? '?'
  return new CorpusError('(corpus)', 0, `quote id "${id}" appears twice: a Quotebank quoteID on two lines, or also an extracted quote's id`)
}

async function main(): Promise<void> {
  const started = performance.now()
  const corpusDir = flags.corpus ?? process.env.CORPUS_DIR ?? 'corpus'
  const url = flags.url ?? process.env.DATABASE_URL ?? LOCAL_URL
  const corpus = await openCorpus(corpusDir)
  const { registry } = corpus
  const lookups: QuoteLookups = {
    names: (id) => {
      const s = registry.byId.get(id)
      return s ? [s.name, ...s.aliases].join(' ') : undefined
    },
    source: (id) => corpus.articles.get(id),
  }
  const tally = newTally()
  const hash = createHash('sha256')
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  const timings: Record<string, number> = {}
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now()
    const result = await work()
    timings[step] = Math.round(performance.now() - t0) + (timings[step] ?? 0)
    return result
  }
  let buildId = ''
  let terms = 0
  let streamed = 0
  // Whether some source has article text, so some quote a context (src/search/pg.ts: else no search is widened).
  let contexts = false
  try {
    await sql.unsafe('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await sql.begin(async (tx) => {
      // The server's sorts (numbering, distinct sources) on disk beyond this.
      await tx.unsafe("SET LOCAL work_mem = '256MB'")
      await tx.unsafe('DROP TABLE IF EXISTS load_quotes, load_sources, load_occurrences')
      for (const ddl of CREATE_LOAD_TABLES) await tx.unsafe(ddl)
      let seq = 0
      const noCounts = { speakerQuotes: new Map(), occurrenceCount: new Map(), quoteCount: new Map() }
      for await (const batch of corpus.batches) {
        const sources = batch.sources.map((s) => [seq++, ...sourceCells(s, noCounts).slice(0, -2)])
        if (batch.sources.some((s) => s.body !== '')) contexts = true
        const quotes = batch.quotes.map((q: Quote) => {
          countQuote(tally, q, termsOf(q, lookups))
          return quoteCells(q, lookups)
        })
        const occurrences = batch.quotes.flatMap((q) => q.occurrences.map((o) => [o.source, q.id]))
        await copy(tx, 'load_sources', sources, hash)
        await copy(tx, 'load_quotes', quotes, hash)
        await copy(tx, 'load_occurrences', occurrences)
      }
      streamed = performance.now() - started
      await timed('unique ids', () => tx.unsafe(UNIQUE_IDS).catch((e: unknown) => Promise.reject(duplicateId(e))))
      // Only now the old corpus goes: until here readers were not held up.
      const years = [...tally.years.keys()].map(Number).sort((a, b) => a - b)
      for (const ddl of createTables(years)) await tx.unsafe(ddl)
      for (const step of FILL_TABLES)
        await timed(step.startsWith('DROP') ? 'fill drop staging' : `fill ${step.split(/\s+/)[2]}`, () => tx.unsafe(step))
      const speakers = registry.speakers.filter((s) => tally.used.has(s.id) || s.qid).sort((a, b) => (a.id < b.id ? -1 : 1))
      for (const s of speakers) hash.update(JSON.stringify(s))
      buildId = hash.digest('hex').slice(0, 16)
      const [totals] = await tx.unsafe<{ sources: number; facet: string }[]>(SOURCE_TOTALS)
      const name = (id: string) => registry.byId.get(id)?.name ?? id
      const stats = {
        build_id: buildId,
        sources: totals?.sources ?? 0,
        quotes: tally.quotes,
        occurrences: tally.occurrences,
        speakers: speakers.length,
        kinds: { quotation: tally.quotations, fragment: tally.quotes - tally.quotations },
      }
      const facets = {
        speaker: topValues(tally.speakerQuotes, name, 'count'),
        source: JSON.parse(totals?.facet ?? '[]'),
        year: topValues(tally.years, (y) => y, 'value-desc'),
        kind: topValues(tally.kinds, (k) => k, 'count'),
      }
      const meta = [
        ['stats', JSON.stringify(stats)],
        ['facets', JSON.stringify(facets)],
        ['count', String(tally.quotes)],
        ['contexts', String(contexts)],
      ]
      await timed('copy', async () => {
        await copy(tx, 'meta', meta)
        await copy(
          tx,
          'speakers',
          speakers.map((s) => speakerRow(s, tally.speakerQuotes.get(s.id) ?? 0)),
        )
        await copy(tx, 'speaker_names', speakers.filter((s) => tally.speakerQuotes.has(s.id)).flatMap(speakerNameRows))
        terms = await copy(tx, 'terms', termRows(tally.terms))
      })
      for (const ddl of CREATE_INDEXES) await timed(ddl.split(' ')[2] ?? ddl, () => tx.unsafe(ddl))
      await tx.unsafe('ANALYZE')
      await tx.unsafe(JIT_OFF)
    })
  } finally {
    await sql.end()
  }
  // The peak resident memory of the whole build (bench:pg reports it): the loader's bound, not the server's.
  timings.max_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024)
  if (process.env.BUILD_PG_TIMINGS) console.error(JSON.stringify({ stream: Math.round(streamed), ...timings }))
  console.log(
    `verbatim PostgreSQL ${buildId}: ${tally.quotes} quotes in ${tally.years.size} year partitions, ${terms} terms, ` +
      `corpus read and staged in ${Math.round(streamed)} ms, ${Math.round(performance.now() - started)} ms`,
  )
}

main().catch((e: unknown) => {
  const errors = e instanceof AggregateError ? e.errors : [e]
  for (const err of errors) console.error(err instanceof CorpusError ? `error: ${err.message}` : err)
  console.error('verbatim: PostgreSQL build failed; the database keeps its previous corpus.')
  process.exit(1)
})
