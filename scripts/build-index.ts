/**
 * Reads a corpus folder, runs the pipeline and writes the Worker's text modules:
 *   src/generated/index.txt    the MiniSearch index (JSON text)
 *   src/generated/records.txt  sources, quotes and speakers (JSON text)
 *
 * Usage: npm run build:index [-- --corpus <dir>] [-- --out <dir>]   (CORPUS_DIR works too)
 *        [-- --max-gzip-mb <n>] [-- --max-raw-mb <n>]   size guard (scripts/budget.ts); env VERBATIM_MAX_GZIP_MB / _RAW_MB
 * A bad corpus prints every problem as `file:line: reason`, exits 1 and writes nothing.
 */
import { limitsFrom } from './budget'
import { BudgetError, buildToDir } from './build'
import { parseFlags, readFlags } from './cli'
import { CorpusError } from './corpus/errors'

const USAGE = 'npm run build:index [-- --corpus <dir>] [--out <dir>] [--max-gzip-mb <n>] [--max-raw-mb <n>]'

const flags = readFlags(USAGE, () =>
  parseFlags({
    corpus: { type: 'string' },
    out: { type: 'string' },
    'max-gzip-mb': { type: 'string' },
    'max-raw-mb': { type: 'string' },
  }),
)

async function main(): Promise<void> {
  const started = performance.now()
  const corpusDir = flags.corpus ?? process.env.CORPUS_DIR ?? 'corpus'
  const outDir = flags.out ?? 'src/generated'
  const limits = limitsFrom({
    maxGzipMb: flags['max-gzip-mb'] ?? process.env.VERBATIM_MAX_GZIP_MB,
    maxRawMb: flags['max-raw-mb'] ?? process.env.VERBATIM_MAX_RAW_MB,
  })
  const { records, sizes } = await buildToDir(corpusDir, outDir, limits)
  const ms = Math.round(performance.now() - started)
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  console.log(
    `verbatim index ${records.build_id}: ${records.built_from.sources} sources, ${records.built_from.quotes} quotes, ` +
      `${records.built_from.speakers} speakers, index ${kb(sizes.indexBytes)} (${kb(sizes.indexGzip)} gzip), ` +
      `records ${kb(sizes.recordsBytes)} (${kb(sizes.recordsGzip)} gzip), ${ms} ms → ${outDir}`,
  )
}

main().catch((e: unknown) => {
  if (e instanceof BudgetError || (e instanceof Error && e.message.startsWith('--max-'))) {
    console.error(`error: ${e.message}\nverbatim: build refused; nothing was written.`)
    process.exit(1)
  }
  const errors = e instanceof AggregateError ? e.errors : [e]
  for (const err of errors) console.error(err instanceof CorpusError ? `error: ${err.message}` : err)
  console.error(`verbatim: build failed (${errors.length} problem${errors.length === 1 ? '' : 's'}); nothing was written.`)
  process.exit(1)
})
