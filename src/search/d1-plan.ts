/**
 * @module
 * How the D1 backend plans a search (src/search/d1.ts): the query read as the bundle reads it (src/search/search.ts
 * rank), turned into what d1-where.ts asks of the tables.
 */
import { ftsString, type QueryPart, readQuery } from './d1-query'
import type { Query } from './d1-where'
import { COMMON_WORDS } from './options'
import { YEAR } from './search'
import { type NameIndex, speakersInQuery } from './speakers'

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
  const isYear = (p: QueryPart) => YEAR.test(lone(p) ?? '')
  const free = parts.filter((p) => !p.quoted)
  const yearsOnly = parts.every(isYear)
  const years = [...new Set(parts.filter(isYear).map((p) => lone(p) as string))]
  const rest = yearsOnly ? parts : parts.filter((p) => !isYear(p))
  const words = [...new Set(rest.flatMap((p) => lone(p) ?? []))]
  const named = words.length > 0 ? speakersInQuery(await names(words), words) : { ids: new Set<string>(), terms: new Set<string>() }
  const isName = (p: QueryPart) => named.terms.has(lone(p) ?? '')
  const isCommon = (p: QueryPart) => COMMON_WORDS.has(lone(p) ?? '')
  const content = rest.filter((p) => !isName(p))
  // As in the bundle: very common words beside a name do not count as other words, and decide nothing beside
  // other words or a "phrase" (a query of only common words searches them).
  const split = content.some((p) => !isCommon(p))
  const searched = split ? content : rest
  const deciding = searched.some((p) => !isCommon(p)) ? searched.filter((p) => !isCommon(p)) : searched
  return {
    parts: deciding,
    common: [...new Set(searched.filter(isCommon).map((p) => lone(p) as string))].filter(() => deciding !== searched),
    names: split ? rest.filter(isName) : [],
    query: {
      match: null,
      speakers: [...named.ids],
      years,
      orYears: yearsOnly ? years : undefined,
      exact: parts.filter((p) => p.quoted).map((p) => ` ${p.folded.join(' ')} `),
      sequence:
        free.length > 1
          ? ftsString({ words: free.map((p) => p.words[0] as string), folded: [], prefix: free.at(-1)?.prefix ?? false })
          : undefined,
    },
    dropped,
  }
}
