/**
 * @module
 * The speaker and source lists of the bundled corpus, paged, filtered and sorted as the D1 backend does in SQL
 * (src/search/d1.ts): a name filter matches the start of any word of a speaker's names and aliases, or part of a
 * whole name, folded (case, accents, apostrophes).
 */
import type { Corpus } from '../data'
import { foldName } from '../text'
import type { Listed, SourceListing, SourceListQuery, SpeakerListing, SpeakerListQuery } from './contract'
import { lookupKeysOf } from './speakers'

/** True when a folded filter starts any word of the names, or is part of a whole name. */
export function nameMatches(speaker: { name: string; aliases: string[] }, filter: string): boolean {
  const f = foldName(filter)
  if (f === '') return true
  return lookupKeysOf(speaker).some((k) => k.name.startsWith(f)) || [speaker.name, ...speaker.aliases].some((n) => foldName(n).includes(f))
}

/** Orders dates newest or oldest first, undated last. */
export function byPublished(dir: 1 | -1) {
  return (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -dir : dir)
}

const counts = new WeakMap<Corpus, { occurrences: Map<string, number>; quotes: Map<string, number> }>()

/** Printings and distinct quotes per source, counted once per corpus. */
function sourceCounts(corpus: Corpus) {
  let c = counts.get(corpus)
  if (!c) {
    c = { occurrences: new Map(), quotes: new Map() }
    for (const q of corpus.records.quotes) {
      for (const o of q.occurrences) c.occurrences.set(o.source, (c.occurrences.get(o.source) ?? 0) + 1)
      for (const id of new Set(q.occurrences.map((o) => o.source))) c.quotes.set(id, (c.quotes.get(id) ?? 0) + 1)
    }
    counts.set(corpus, c)
  }
  return c
}

export function listSpeakers(corpus: Corpus, query: SpeakerListQuery): Listed<SpeakerListing> {
  const all = corpus.records.speakers
    .filter((s) => !query.name || nameMatches(s, query.name))
    .map((s) => ({ ...s, quote_count: corpus.bySpeaker.get(s.id)?.length ?? 0 }))
  const byName = (a: SpeakerListing, b: SpeakerListing) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
  all.sort(query.sort === 'quotes' ? (a, b) => b.quote_count - a.quote_count || byName(a, b) : byName)
  return { total: all.length, items: all.slice(query.offset, query.offset + query.limit) }
}

export function listSources(corpus: Corpus, query: SourceListQuery): Listed<SourceListing> {
  const { occurrences, quotes } = sourceCounts(corpus)
  const all = corpus.records.sources.map(({ body: _b, removed: _r, headings: _h, ...meta }) => ({
    ...meta,
    occurrences: occurrences.get(meta.id) ?? 0,
    quotes: quotes.get(meta.id) ?? 0,
  }))
  const sort = query.sort ?? 'id'
  if (sort === 'quotes') all.sort((a, b) => b.quotes - a.quotes || (a.id < b.id ? -1 : 1))
  else if (sort !== 'id') {
    const order = byPublished(sort === 'date' ? 1 : -1)
    all.sort((a, b) => order(a.published, b.published) || (a.id < b.id ? -1 : 1))
  }
  return { total: all.length, items: all.slice(query.offset, query.offset + query.limit) }
}
