/**
 * @module
 * The prebuild's file I/O around the pure pipeline: read a corpus folder (refusing oversized files
 * before reading them), build, and write the Worker's text modules so that a failed build writes nothing
 * and a successful one replaces both files only once both are fully written.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { writeRecords } from '../src/records'
import { type BundleLimits, type BundleSizes, bundleProblems, DEFAULT_LIMITS, refusal } from './budget'
import { CorpusError } from './corpus/errors'
import { MAX_SOURCE_BYTES } from './corpus/parse'
import { fileLines } from './corpus/quotebank'
import { type BuildOutput, buildCorpus, type CorpusFile, isJsonLines, type LinesFile } from './pipeline'

/** The bundle would break the Worker's size or startup limits: the build refuses and names the D1 backend. */
export class BudgetError extends Error {}

/** Corpus files in path order; hidden files are skipped. Paths start with the folder as given (errors name them so). */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new AggregateError([new CorpusError(dir, 0, `cannot read the corpus folder: ${e.code ?? e.message}`)])
  })
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/**
 * Reads every corpus file; an article that is too large is refused by its size without being read.
 * Quotebank JSON Lines files are not read here: they are streamed line by line during the build.
 */
export async function readCorpusDir(dir: string): Promise<{ files: CorpusFile[]; lines: LinesFile[] }> {
  const paths = await listCorpusFiles(dir)
  const errors: CorpusError[] = []
  const files: CorpusFile[] = []
  const lines: LinesFile[] = []
  for (const path of paths) {
    if (isJsonLines(path)) {
      lines.push({ path, lines: fileLines(path) })
      continue
    }
    const { size } = await stat(path)
    if (size > MAX_SOURCE_BYTES) {
      errors.push(new CorpusError(path, 1, `the file is ${size} bytes; the limit is ${MAX_SOURCE_BYTES} bytes per source`))
      continue
    }
    files.push({ path, bytes: await readFile(path) })
  }
  if (errors.length > 0) throw new AggregateError(errors, errors.map((e) => e.message).join('\n'))
  return { files, lines }
}

export const OUTPUT_FILES = ['index.txt', 'records.txt'] as const

export interface WrittenBuild extends BuildOutput {
  /** The records as written (src/records.ts): read by the Worker on load, each quote's occurrences when first needed. */
  recordsText: string
  sizes: BundleSizes
}

/**
 * Builds `corpusDir` into `outDir`. Throws an AggregateError of CorpusErrors (every bad file) before
 * touching `outDir`; both outputs are written beside the old ones first and renamed into place together.
 */
export async function buildToDir(corpusDir: string, outDir: string, limits: BundleLimits = DEFAULT_LIMITS): Promise<WrittenBuild> {
  const { files, lines } = await readCorpusDir(corpusDir)
  const { records, index } = await buildCorpus(files, lines)
  const recordsText = writeRecords(records)
  const sizes: BundleSizes = {
    indexBytes: Buffer.byteLength(index),
    indexGzip: gzipSync(index).length,
    recordsBytes: Buffer.byteLength(recordsText),
    recordsGzip: gzipSync(recordsText).length,
  }
  const problems = bundleProblems(sizes, limits)
  if (problems.length > 0) throw new BudgetError(refusal(problems, records.built_from.quotes))
  const texts: Record<(typeof OUTPUT_FILES)[number], string> = { 'index.txt': index, 'records.txt': recordsText }
  await mkdir(outDir, { recursive: true })
  const tmp = (name: string) => join(outDir, `.${name}.${process.pid}.tmp`)
  try {
    for (const name of OUTPUT_FILES) await writeFile(tmp(name), texts[name])
    for (const name of OUTPUT_FILES) await rename(tmp(name), join(outDir, name))
  } finally {
    for (const name of OUTPUT_FILES) await rm(tmp(name), { force: true })
  }
  return { records, index, recordsText, sizes }
}
