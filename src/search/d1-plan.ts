/**
 * @module
 * How the D1 backend plans a search (src/search/d1.ts): the query read as the bundle reads it (src/search/search.ts
 * rank), turned into what d1-where.ts asks of the tables.
 */
import { ftsString } from './d1-query'
import type { Query } from './d1-where'
import { planQuery, type Plan as QueryPlan } from './query-plan'
import type { NameIndex } from './speakers'

/** A planned D1 search (query-plan.ts). */
export type Plan = QueryPlan<Query>

/**
 * Reads a query as the bundle does (query-plan.ts); a "phrase" is checked word for word on the folded text, the free
 * words in order are one FTS5 phrase. `names` reads the speaker-name rows for some folded words.
 */
export function plan(q: string, names: (words: string[]) => Promise<NameIndex>): Promise<Plan> {
  return planQuery<Query>(
    q,
    names,
    (p) => (p.quoted ? null : (p.folded[0] as string)),
    (quoted, free) => ({
      exact: quoted.map((p) => ` ${p.folded.join(' ')} `),
      sequence:
        free.length > 1
          ? ftsString({ words: free.map((p) => p.words[0] as string), folded: [], prefix: free.at(-1)?.prefix ?? false })
          : undefined,
    }),
  )
}
