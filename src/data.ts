/**
 * @module
 * The corpus as the Worker sees it: records and the MiniSearch index, parsed once per isolate
 * on first use (not at startup, so a cold start stays within the 1 s limit), with lookup maps. The records are
 * parsed by the first request that needs the corpus; the index (most of the load) only by the first that searches,
 * and only the shards its words need: quote, source and speaker pages never load it.
 */
import type { Context } from 'hono'
import { readRecords } from './records'
import { indexOptions } from './search/options'
import { ShardedIndex } from './search/shards'
import type { Quote, QuoteDocument, Records, Source, Speaker } from './types'

export interface Corpus {
  records: Records
  /**
   * The MiniSearch index in shards by first letter (src/search/shards.ts): its header read on first use, each shard
   * loaded (`MiniSearch.loadJS` with the build's options) by the first search that needs it, once per isolate.
   */
  readonly index: ShardedIndex<QuoteDocument>
  quotes: Map<string, Quote>
  sources: Map<string, Source>
  speakers: Map<string, Speaker>
  /** Quote ids per speaker id, newest first. */
  bySpeaker: Map<string, Quote[]>
  /** Every quote, newest first (undated last): the order of an empty query. */
  byDate: Quote[]
}

/** Orders quotes newest first, undated last, then by id so the order is stable. */
export function compareByDate(a: Quote, b: Quote): number {
  if (a.date !== b.date) return a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1
  return a.id < b.id ? -1 : 1
}

/** The quotes newest first: the prebuild writes them in that order, so this is usually a check, not a sort. */
function newestFirst(quotes: Quote[]): Quote[] {
  for (let i = 1; i < quotes.length; i++)
    if (compareByDate(quotes[i - 1] as Quote, quotes[i] as Quote) > 0) return [...quotes].sort(compareByDate)
  return quotes
}

export function loadCorpus(records: Records, index: string): Corpus {
  const byDate = newestFirst(records.quotes)
  let bySpeaker: Map<string, Quote[]> | undefined
  let loaded: ShardedIndex<QuoteDocument> | undefined
  return {
    records,
    get index() {
      loaded ??= new ShardedIndex<QuoteDocument>(index, indexOptions)
      return loaded
    },
    quotes: new Map(records.quotes.map((q) => [q.id, q])),
    sources: new Map(records.sources.map((s) => [s.id, s])),
    speakers: new Map(records.speakers.map((s) => [s.id, s])),
    // Only the speaker routes need it: built on first use.
    get bySpeaker() {
      if (bySpeaker) return bySpeaker
      bySpeaker = new Map()
      for (const q of byDate) {
        if (!q.speaker) continue
        const list = bySpeaker.get(q.speaker)
        if (list) list.push(q)
        else bySpeaker.set(q.speaker, [q])
      }
      return bySpeaker
    },
    byDate,
  }
}

/** Loads a built corpus (records.txt, src/records.ts, and index.txt text) on first call and keeps it for the isolate's life. */
export function lazyCorpus(recordsText: string, indexText: string): () => Corpus {
  let corpus: Corpus | undefined
  return () => {
    corpus ??= loadCorpus(readRecords(recordsText), indexText)
    return corpus
  }
}

/** What every route's context carries: the bindings, and the corpus this Worker serves. */
export interface AppEnv {
  Bindings: Env
  Variables: { corpus: () => Corpus }
}

/** The corpus of the Worker handling this request (parsed on the first request that needs it). */
export function getCorpus(c: Context<AppEnv>): Corpus {
  return c.var.corpus()
}
