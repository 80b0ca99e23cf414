/**
 * @module
 * How a database backend (D1: d1-plan.ts; PostgreSQL: pg-plan.ts) reads a query's parts as the bundle reads its words
 * (src/search/search.ts rank): years are date hints (a query of years only also finds them as words), words naming a
 * speaker put that speaker's quotes first and are left out of the match when other words remain, and very common
 * words decide nothing beside other words or a "phrase" (a query of only common words searches them).
 */
import { COMMON_WORDS } from './options'
import { YEAR } from './search'
import { type NameIndex, speakersInQuery } from './speakers'

/** What the parts of a query ask, whatever the backend's SQL. */
export interface ReadParts<P> {
  /** The parts that decide which quotes match. */
  deciding: P[]
  /** Very common words set aside (they decided nothing). */
  common: string[]
  /** The words read as a speaker's name and left out of the match (still marked in the text). */
  names: P[]
  /** Speakers and years the query names: their quotes rank first. */
  speakers: string[]
  years: string[]
  /** A query of years only: quotes dated in these years are found besides the match. */
  orYears: string[] | undefined
}

/** Reads the parts; `lone` is a part's folded word (null for a "phrase"); `names` reads the speaker-name rows for some folded words. */
export async function readParts<P extends { quoted?: true }>(
  parts: P[],
  lone: (p: P) => string | null,
  names: (words: string[]) => Promise<NameIndex>,
): Promise<ReadParts<P>> {
  const isYear = (p: P) => YEAR.test(lone(p) ?? '')
  const yearsOnly = parts.every(isYear)
  const years = [...new Set(parts.filter(isYear).map((p) => lone(p) as string))]
  const rest = yearsOnly ? parts : parts.filter((p) => !isYear(p))
  const words = [...new Set(rest.flatMap((p) => lone(p) ?? []))].filter(Boolean)
  const named = words.length > 0 ? speakersInQuery(await names(words), words) : { ids: new Set<string>(), terms: new Set<string>() }
  const isName = (p: P) => named.terms.has(lone(p) ?? '')
  const isCommon = (p: P) => COMMON_WORDS.has(lone(p) ?? '')
  const content = rest.filter((p) => !isName(p))
  const split = content.some((p) => !isCommon(p))
  const searched = split ? content : rest
  const deciding = searched.some((p) => !isCommon(p)) ? searched.filter((p) => !isCommon(p)) : searched
  return {
    deciding,
    common: [...new Set(searched.filter(isCommon).map((p) => lone(p) as string))].filter(() => deciding !== searched),
    names: split ? rest.filter(isName) : [],
    speakers: [...named.ids],
    years,
    orYears: yearsOnly ? years : undefined,
  }
}
