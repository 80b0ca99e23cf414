/**
 * @module
 * A corpus read in batches for build:pg, so that the loader's memory does not grow with the corpus: Quotebank JSON
 * Lines files are streamed line by line and handed over BATCH_QUOTES quotes at a time with the sources they print,
 * then forgotten. The pipeline's pieces are the bundle's (scripts/pipeline.ts buildCorpus): the registry, articles
 * parsed and their quotes extracted and merged (articles are in memory, as they are few and each is bounded by
 * MAX_SOURCE_BYTES), Quotebank lines read by QuotebankReader. What the whole corpus decides is left to the server:
 * the order (`n`), a source printed in several batches (kept once, at its first place) and a quote id seen twice
 * (a unique index: scripts/pg/finish.ts).
 */

import type { Quote, Source } from '../../src/types'
import { readCorpusDir } from '../build'
import { CorpusError } from '../corpus/errors'
import { parseQuotebankLine, QuotebankReader } from '../corpus/quotebank'
import { extractQuotations } from '../extract/extract'
import { mergeQuotes } from '../extract/merge'
import type { Registry } from '../extract/registry'
import { parseArticles, parseRegistry, REGISTRY_FILE } from '../pipeline'

/** Quotes handed over at once: a few megabytes of rows. */
export const BATCH_QUOTES = 5_000

/** Bad lines reported per file (as QuotebankReader.read). */
const MAX_ERRORS = 20

/** Quotes and the sources they print, in corpus order (a source may come again in a later batch). */
export interface Batch {
  quotes: Quote[]
  sources: Source[]
}

export interface CorpusStream {
  /** The speakers registry; Quotebank's speakers and those found in articles are added as the batches are read. */
  registry: Registry
  /** Sources with a text (articles), by id: a quote's context comes from them. */
  articles: Map<string, Source>
  /** The articles, then Quotebank's quotes, then the articles' quotes. Throws every corpus error at the end. */
  batches: AsyncGenerator<Batch, void>
}

/** Opens a corpus folder: the registry and articles are read now (their errors throw at once), the rest as batches. */
export async function openCorpus(dir: string, batchQuotes = BATCH_QUOTES): Promise<CorpusStream> {
  const { files, lines } = await readCorpusDir(dir)
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const registryFile = sorted.find((f) => f.path.endsWith(`/${REGISTRY_FILE}`) || f.path === REGISTRY_FILE)
  const errors: CorpusError[] = []
  const registry = parseRegistry(registryFile)
  const articles = new Map(parseArticles(sorted, registryFile, errors).map((s) => [s.id, s]))
  const jsonl = [...lines].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

  async function* batches(): AsyncGenerator<Batch, void> {
    yield { quotes: [], sources: [...articles.values()] }
    // A reader a batch: its quotes, sources and ids seen are dropped with it (a quote id seen twice fails in the server).
    let reader = new QuotebankReader(registry)
    const handOver = (): Batch => {
      const batch = { quotes: reader.quotes, sources: [...reader.sources.values()] }
      errors.push(...reader.errors)
      reader = new QuotebankReader(registry)
      return batch
    }
    for (const file of jsonl) {
      let n = 0
      let bad = 0
      for await (const text of file.lines) {
        n++
        if (text.trim() === '') continue
        try {
          reader.add(file.path, n, parseQuotebankLine(file.path, n, text))
        } catch (e) {
          if (!(e instanceof CorpusError)) throw e
          if (++bad <= MAX_ERRORS) errors.push(e)
        }
        if (reader.quotes.length >= batchQuotes) yield handOver()
      }
      if (bad > MAX_ERRORS) errors.push(new CorpusError(file.path, n, `${bad - MAX_ERRORS} more bad lines not shown`))
      if (n === 0) errors.push(new CorpusError(file.path, 1, 'empty file: no quotations'))
    }
    yield handOver()
    if (errors.length > 0) throw new AggregateError(errors, errors.map((e) => e.message).join('\n'))
    yield { quotes: mergeQuotes([...articles.values()].flatMap((s) => extractQuotations(s, registry))), sources: [] }
  }

  return { registry, articles, batches: batches() }
}
