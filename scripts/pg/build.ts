/**
 * `npm run build:pg [-- --corpus <dir>] [-- --url <postgres url>]`: builds a corpus with the same pipeline as the
 * bundle and loads it into PostgreSQL (scripts/pg/schema.ts, rows from scripts/pg/rows.ts) with COPY, in one
 * transaction: readers see the old corpus until the new one is complete, and a failed build leaves the old one.
 * The database is DATABASE_URL, else the local server of `npm run dev:pg` (scripts/pg/server.sh, LOCAL_URL).
 */
import type { Writable } from 'node:stream'
import postgres from 'postgres'
import { readCorpusDir } from '../build'
import { parseFlags, readFlags } from '../cli'
import { CorpusError } from '../corpus/errors'
import { buildCorpus } from '../pipeline'
import { LOCAL_URL } from './local'
import { pgRows } from './rows'
import { COLUMNS, CREATE_INDEXES, copyLine, createTables, TABLES, type Table } from './schema'

const flags = readFlags('npm run build:pg [-- --corpus <dir>] [--url <postgres url>]', () =>
  parseFlags({ corpus: { type: 'string' }, url: { type: 'string' } }),
)

/** Bytes of COPY text sent at once. */
const CHUNK = 1 << 20

async function copy(tx: postgres.TransactionSql, table: Table, rows: Iterable<(string | number | null)[]>): Promise<number> {
  const columns = COLUMNS[table]
  const stream: Writable = await tx.unsafe(`COPY ${table} (${columns.join(', ')}) FROM STDIN`).writable()
  const write = (text: string) => new Promise<void>((resolve, reject) => stream.write(text, (err) => (err ? reject(err) : resolve())))
  let buffer = ''
  let count = 0
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`${table} row ${count + 1} has ${row.length} values for ${columns.length} columns`)
    buffer += copyLine(row)
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

async function main(): Promise<void> {
  const started = performance.now()
  const corpusDir = flags.corpus ?? process.env.CORPUS_DIR ?? 'corpus'
  const url = flags.url ?? process.env.DATABASE_URL ?? LOCAL_URL
  const { files, lines } = await readCorpusDir(corpusDir)
  // No MiniSearch index: PostgreSQL searches its tsvectors (the build id then hashes the records alone).
  const { records } = await buildCorpus(files, lines, { index: false })
  const built = performance.now()
  const rows = pgRows(records)
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  const counts: Record<string, number> = {}
  const timings: Record<string, number> = {}
  try {
    await sql.unsafe('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await sql.begin(async (tx) => {
      for (const ddl of createTables(rows.years)) await tx.unsafe(ddl)
      for (const table of TABLES as Table[]) {
        const t0 = performance.now()
        counts[table] = await copy(tx, table, rows.tables[table]())
        timings[`copy ${table}`] = Math.round(performance.now() - t0)
      }
      for (const ddl of CREATE_INDEXES) {
        const t0 = performance.now()
        await tx.unsafe(ddl)
        timings[ddl.split(' ')[2] ?? ddl] = Math.round(performance.now() - t0)
      }
      await tx.unsafe('ANALYZE')
    })
  } finally {
    await sql.end()
  }
  // The peak resident memory of the whole build (bench:pg reports it): the loader's bound, not the server's.
  timings.max_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024)
  if (process.env.BUILD_PG_TIMINGS) console.error(JSON.stringify(timings))
  console.log(
    `verbatim PostgreSQL ${records.build_id}: ${counts.quotes} quotes in ${rows.years.length} year partitions, ` +
      `${counts.terms} terms, corpus built in ${Math.round(built - started)} ms, ${Math.round(performance.now() - started)} ms`,
  )
}

main().catch((e: unknown) => {
  const errors = e instanceof AggregateError ? e.errors : [e]
  for (const err of errors) console.error(err instanceof CorpusError ? `error: ${err.message}` : err)
  console.error('verbatim: PostgreSQL build failed; the database keeps its previous corpus.')
  process.exit(1)
})
