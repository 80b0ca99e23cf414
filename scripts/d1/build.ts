/**
 * `npm run build:d1 [-- --corpus <dir>] [-- --out <dir>] [--hot-min <quotes>]`: builds a corpus with the same pipeline
 * as the bundle and writes it as D1 migrations (scripts/d1/sql.ts) to src/generated/d1/ (gitignored), the
 * migrations_dir of wrangler.d1.toml. No size guard: D1 is where corpora past the bundle go. `--hot-min`: the words
 * whose answers the build precomputes are those in at least this many quotes (default HOT_MIN, src/search/options.ts;
 * the test build sets it low so that the tests reach them).
 * Apply locally with `wrangler d1 migrations apply verbatim --local -c wrangler.d1.toml` (npm run dev:d1 does).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { HOT_MIN } from '../../src/search/options'
import { readCorpusDir } from '../build'
import { parseFlags, positiveNumber, readFlags } from '../cli'
import { CorpusError } from '../corpus/errors'
import { buildCorpus } from '../pipeline'
import { d1Migrations } from './sql'

const flags = readFlags('npm run build:d1 [-- --corpus <dir>] [--out <dir>] [--hot-min <quotes>]', () => {
  const f = parseFlags({ corpus: { type: 'string' }, out: { type: 'string' }, 'hot-min': { type: 'string' } })
  return { ...f, hotMin: positiveNumber(f['hot-min'], 'hot-min', HOT_MIN) }
})

async function main(): Promise<void> {
  const started = performance.now()
  const corpusDir = flags.corpus ?? process.env.CORPUS_DIR ?? 'corpus'
  const outDir = flags.out ?? 'src/generated/d1'
  const { files, lines } = await readCorpusDir(corpusDir)
  // No MiniSearch index: D1 searches with FTS5 (the build id then hashes the records alone).
  const { records } = await buildCorpus(files, lines, { index: false })
  const migrations = d1Migrations(records, { hotMin: flags.hotMin })
  // Written beside, then swapped in: a failed build never leaves half a set of migrations.
  const tmp = `${outDir}.tmp`
  await rm(tmp, { recursive: true, force: true })
  await mkdir(tmp, { recursive: true })
  let bytes = 0
  for (const m of migrations) {
    await writeFile(join(tmp, m.name), m.sql)
    bytes += Buffer.byteLength(m.sql)
  }
  await rm(outDir, { recursive: true, force: true })
  await rename(tmp, outDir)
  console.log(
    `verbatim D1 ${records.build_id}: ${records.built_from.quotes} quotes, ${migrations.length} migrations, ` +
      `${(bytes / 1024 / 1024).toFixed(1)} MB of SQL in ${outDir}, ${Math.round(performance.now() - started)} ms`,
  )
}

main().catch((e: unknown) => {
  const errors = e instanceof AggregateError ? e.errors : [e]
  for (const err of errors) console.error(err instanceof CorpusError ? `error: ${err.message}` : err)
  console.error('verbatim: D1 build failed; nothing was written.')
  process.exit(1)
})
