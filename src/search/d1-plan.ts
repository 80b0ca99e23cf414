/**
 * @module
 * How the D1 backend plans a search (src/search/d1.ts): the query read as the bundle reads it (src/search/search.ts
 * rank), turned into what d1-where.ts asks of the tables.
 */
import { ftsString, type QueryPart, readQuery } from './d1-query'
import type { Query } from './d1-where'
import { readParts } from './query-plan'
import type { NameIndex } from './speakers'

/** A planned search: the parts that decide the match, the common words set aside, the name words, the SQL query. */
export interface Plan {
  parts: QueryPart[]
  common: string[]
  names: QueryPart[]
  query: Query
  dropped: number
}

/**
 * Reads a query as the bundle does: years are date hints (a query of years only also finds them as words), words
 * naming a speaker put that speaker's quotes first and are left out of the match when other words remain; very
 * common words decide nothing beside other words. `names` reads the speaker-name rows for some folded words.
 */
export async function plan(q: string, names: (words: string[]) => Promise<NameIndex>): Promise<Plan> {
  const { parts, dropped } = readQuery(q)
  if (parts.length === 0) return { parts, common: [], query: { match: null, speakers: [], years: [], exact: [] }, names: [], dropped }
  const lone = (p: QueryPart) => (p.quoted ? null : (p.folded[0] as string))
  const free = parts.filter((p) => !p.quoted)
  const read = await readParts(parts, lone, names)
  return {
    parts: read.deciding,
    common: read.common,
    names: read.names,
    query: {
      match: null,
      speakers: read.speakers,
      years: read.years,
      orYears: read.orYears,
      exact: parts.filter((p) => p.quoted).map((p) => ` ${p.folded.join(' ')} `),
      sequence:
        free.length > 1
          ? ftsString({ words: free.map((p) => p.words[0] as string), folded: [], prefix: free.at(-1)?.prefix ?? false })
          : undefined,
    },
    dropped,
  }
}
