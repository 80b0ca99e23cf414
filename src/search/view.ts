/**
 * @module
 * CorpusView: the maps the routes read (records, quotes, sources, speakers, bySpeaker, byDate) over the whole
 * bundled corpus or over the rows one request fetched from D1.
 */
import { type Corpus, compareByDate } from '../data'
import type { Quote, Records } from '../types'

/** The records a route reads: the whole corpus (bundle) or the part one request needs (D1). */
export type CorpusView = Omit<Corpus, 'index'>

/** A view over some records: the maps and orders loadCorpus builds, without an index. */
export function corpusView(records: Records): CorpusView {
  const byDate = [...records.quotes].sort(compareByDate)
  const bySpeaker = new Map<string, Quote[]>()
  for (const q of byDate) {
    if (!q.speaker) continue
    const list = bySpeaker.get(q.speaker)
    if (list) list.push(q)
    else bySpeaker.set(q.speaker, [q])
  }
  return {
    records,
    quotes: new Map(records.quotes.map((q) => [q.id, q])),
    sources: new Map(records.sources.map((s) => [s.id, s])),
    speakers: new Map(records.speakers.map((s) => [s.id, s])),
    bySpeaker,
    byDate,
  }
}
