/**
 * @module
 * How a database backend (D1: d1-plan.ts; PostgreSQL: pg-plan.ts) reads a query's parts as the bundle reads its words
 * (src/search/search.ts rank): years are date hints (a query of years only also finds them as words), words naming a
 * speaker put that speaker's quotes first and are left out of the match when other words remain, and very common
 * words decide nothing beside other words or a "phrase" (a query of only common words searches them).
 */
import { type QueryPart, readQuery } from './d1-query'
import { COMMON_WORDS } from './options'
import { YEAR } from './search'
import { mayNameSpeaker, type NameIndex, speakersInQuery } from './speakers'

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
  // No names are read for words too short to name a speaker.
  const named = mayNameSpeaker(words) ? speakersInQuery(await names(words), words) : { ids: new Set<string>(), terms: new Set<string>() }
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

/** What every database backend's query holds (D1: d1-where.ts Query; PostgreSQL: pg-sql.ts PgQuery). */
export interface PlannedQuery {
  /** The backend's match expression (FTS5 MATCH, tsquery), set after planning; null finds every quote (newest first). */
  match: string | null
  /** Speaker ids and years the query names: their quotes rank first (a tier each). */
  speakers: string[]
  years: string[]
  /** A query of years only: quotes dated in these years are found besides the match. */
  orYears?: string[]
  /** "Quoted phrases" as folded words between spaces (" the region "): checked word for word, not stemmed. */
  exact: string[]
  /** The query's free words in order as one phrase of the backend: quotes holding it rank first (the bundle's phrase boost). */
  sequence?: string
}

/** A planned search: the parts that decide the match, the common words set aside, the name words, the query. */
export interface Plan<Q extends PlannedQuery> {
  parts: QueryPart[]
  common: string[]
  names: QueryPart[]
  query: Q
  dropped: number
}

/**
 * Plans a search for a database backend: the query split as the bundle splits it (query.ts), its parts read
 * (readParts), and the backend's own forms of the "phrases" and of the free words in order (`own`).
 */
export async function planQuery<Q extends PlannedQuery>(
  q: string,
  names: (words: string[]) => Promise<NameIndex>,
  lone: (p: QueryPart) => string | null,
  own: (quoted: QueryPart[], free: QueryPart[]) => Pick<Q, 'exact' | 'sequence'>,
): Promise<Plan<Q>> {
  const { parts, dropped } = readQuery(q)
  if (parts.length === 0)
    return { parts, common: [], query: { match: null, speakers: [], years: [], exact: [] } as PlannedQuery as Q, names: [], dropped }
  const read = await readParts(parts, lone, names)
  const { exact, sequence } = own(
    parts.filter((p) => p.quoted),
    parts.filter((p) => !p.quoted),
  )
  const query: PlannedQuery = { match: null, speakers: read.speakers, years: read.years, orYears: read.orYears, exact, sequence }
  return { parts: read.deciding, common: read.common, names: read.names, query: query as Q, dropped }
}
