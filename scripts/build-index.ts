/**
 * Reads a corpus folder, runs the pipeline and writes the Worker's text modules:
 *   src/generated/index.txt    the MiniSearch index (JSON text)
 *   src/generated/records.txt  sources, quotes and speakers (JSON text)
 *
 * Usage: npm run build:index [-- --corpus <dir>] [-- --out <dir>]   (CORPUS_DIR works too)
 * A bad corpus prints every problem as `file:line: reason`, exits 1 and writes nothing.
 */
import { gzipSync } from 'node:zlib'
import { buildToDir } from './build'
import { CorpusError } from './corpus/errors'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const started = performance.now()
  const corpusDir = arg('corpus') ?? process.env.CORPUS_DIR ?? 'corpus'
  const outDir = arg('out') ?? 'src/generated'
  const { records, index, recordsText } = await buildToDir(corpusDir, outDir)
  const ms = Math.round(performance.now() - started)
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  console.log(
    `verbatim index ${records.build_id}: ${records.built_from.sources} sources, ${records.built_from.quotes} quotes, ` +
      `${records.built_from.speakers} speakers, index ${kb(index.length)} (${kb(gzipSync(index).length)} gzip), ` +
      `records ${kb(recordsText.length)}, ${ms} ms → ${outDir}`,
  )
}

main().catch((e: unknown) => {
  const errors = e instanceof AggregateError ? e.errors : [e]
  for (const err of errors) console.error(err instanceof CorpusError ? `error: ${err.message}` : err)
  console.error(`verbatim: build failed (${errors.length} problem${errors.length === 1 ? '' : 's'}); nothing was written.`)
  process.exit(1)
})
