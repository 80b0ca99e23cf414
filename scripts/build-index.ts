/**
 * Reads a corpus folder, runs the pipeline and writes the Worker's text modules:
 *   src/generated/index.txt    the MiniSearch index (JSON text)
 *   src/generated/records.txt  sources, quotes and speakers (JSON text)
 *
 * Usage: npm run build:index [-- --corpus <dir>] [-- --out <dir>]   (CORPUS_DIR works too)
 *        [-- --max-gzip-mb <n>] [-- --max-raw-mb <n>]   size guard (scripts/budget.ts); env VERBATIM_MAX_GZIP_MB / _RAW_MB
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { packRecords } from '../src/pack'
import { bundleProblems, limitsFrom, refusal } from './budget'
import { CorpusError } from './corpus/errors'
import { fileLines } from './corpus/quotebank'
import { buildCorpus, type CorpusFile, isJsonLines } from './pipeline'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

class BudgetError extends Error {}

async function main(): Promise<void> {
  const started = performance.now()
  const corpusDir = arg('corpus') ?? process.env.CORPUS_DIR ?? 'corpus'
  const outDir = arg('out') ?? 'src/generated'
  const limits = limitsFrom({
    maxGzipMb: arg('max-gzip-mb') ?? process.env.VERBATIM_MAX_GZIP_MB,
    maxRawMb: arg('max-raw-mb') ?? process.env.VERBATIM_MAX_RAW_MB,
  })
  const paths = await listFiles(corpusDir).catch((e: NodeJS.ErrnoException) => {
    throw new CorpusError(corpusDir, 0, `cannot read the corpus folder: ${e.code ?? e.message}`)
  })
  const files: CorpusFile[] = await Promise.all(
    paths.filter((p) => !isJsonLines(p)).map(async (p) => ({ path: relative(process.cwd(), p), bytes: await readFile(p) })),
  )
  // Quotebank JSON Lines are streamed: a file of hundreds of thousands of quotes is never held as one string.
  const lines = paths.filter(isJsonLines).map((p) => ({ path: relative(process.cwd(), p), lines: fileLines(p) }))
  const { records, index } = await buildCorpus(files, lines)
  // Packed: occurrences keep only what differs from their quote (src/pack.ts); the Worker unpacks on load.
  const recordsText = JSON.stringify(packRecords(records))
  const sizes = {
    indexBytes: Buffer.byteLength(index),
    indexGzip: gzipSync(index).length,
    recordsBytes: Buffer.byteLength(recordsText),
    recordsGzip: gzipSync(recordsText).length,
  }
  const problems = bundleProblems(sizes, limits)
  if (problems.length > 0) throw new BudgetError(refusal(problems, records.built_from.quotes))

  // Write beside, then rename: a failed build never leaves a half-written index to serve.
  await mkdir(outDir, { recursive: true })
  for (const [name, text] of [
    ['index.txt', index],
    ['records.txt', recordsText],
  ] as const) {
    await writeFile(join(outDir, `${name}.tmp`), text)
    await rename(join(outDir, `${name}.tmp`), join(outDir, name))
  }
  const ms = Math.round(performance.now() - started)
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  console.log(
    `verbatim index ${records.build_id}: ${records.built_from.sources} sources, ${records.built_from.quotes} quotes, ` +
      `${records.built_from.speakers} speakers, index ${kb(sizes.indexBytes)} (${kb(sizes.indexGzip)} gzip), ` +
      `records ${kb(sizes.recordsBytes)} (${kb(sizes.recordsGzip)} gzip), ${ms} ms`,
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
