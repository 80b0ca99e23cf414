/**
 * @module
 * The bench's baseline: the MiniSearch retrieval the app does for a query, recorded call for call from the app's own
 * search (src/search/search.ts) and replayed on the same index. So "raw MiniSearch" is always the same query plan and
 * options as the app's, and the app's overhead is exactly its own work (names, facets, highlights, JSON, routing).
 */
import type { Query, SearchOptions } from 'minisearch'
import type { Corpus } from '../../src/data'
import type { SearchParams } from '../../src/search/params'
import { searchQuotes } from '../../src/search/search'
import { corpusNameIndex, speakerFilter } from '../../src/search/speakers'

/** One MiniSearch call: its query and options, as the app made it. */
export type Call = [Query, SearchOptions | undefined]

/** A mix query's search parameters as the route reads them (defaults; the speaker filter resolved as the route does). */
export async function paramsOf(corpus: Corpus, q: string, speaker?: string): Promise<SearchParams> {
  return {
    q,
    page: 1,
    limit: 20,
    sort: 'relevance',
    ...(speaker ? { speaker: await speakerFilter({ names: async () => corpusNameIndex(corpus) }, speaker) } : {}),
  }
}

/** The app's MiniSearch calls for these parameters, recorded through an instance property over `search`. */
export function planOf(corpus: Corpus, params: SearchParams): Call[] {
  const index = corpus.index
  const calls: Call[] = []
  const search = index.search.bind(index)
  Object.assign(index, {
    search: (q: Query, o?: SearchOptions) => {
      calls.push([q, o])
      return search(q, o)
    },
  })
  try {
    searchQuotes(corpus, params)
  } finally {
    delete (index as { search?: unknown }).search
  }
  return calls
}

/** Runs a recorded plan on the corpus's index; the number of results, so the work cannot be optimised away. */
export function replay(corpus: Corpus, calls: Call[]): number {
  let n = 0
  for (const [q, o] of calls) n += corpus.index.search(q, o).length
  return n
}
