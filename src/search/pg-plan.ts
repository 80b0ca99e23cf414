/**
 * @module
 * How the PostgreSQL backend reads a query and corrects its typos (src/search/pg.ts), as the D1 backend does
 * (src/search/d1.ts plan): years are date hints (a query of years only also finds them as words), words naming a
 * speaker put that speaker's quotes first and leave the match when other words remain, very common words decide
 * nothing beside other words; a word absent from the vocabulary is also tried as its nearest terms (pg_trgm's
 * nearest neighbours in `terms`, then the edit distance of the bundle: 1 up to 7 letters, 2 beyond, same first letter).
 */
import type { QueryPart } from './d1-query'
import { editDistance } from './diff'
import { foldedWords, processTerm, typos } from './options'
import type { PgQuery } from './pg-sql'
import { sequenceQuery } from './pg-text'
import { planQuery, type Plan as QueryPlan } from './query-plan'
import type { NameIndex } from './speakers'

/** Runs one SQL statement with bound values and answers its rows. */
export type Sql = <T = Record<string, unknown>>(text: string, values?: (string | number | null)[]) => Promise<T[]>

/** Nearest terms fetched per misspelt word by trigram distance, before the edit distance decides. */
const NEAREST = 40

/** A planned PostgreSQL search (query-plan.ts). */
export type Plan = QueryPlan<PgQuery>

/** Nearest vocabulary words for the lone words the vocabulary lacks, by part index (the nearest first, at most 3). */
export async function corrections(sql: Sql, parts: QueryPart[]): Promise<Map<number, string[]>> {
  const lone = parts.flatMap((p, i) => {
    const term = p.words.length === 1 && !p.quoted ? processTerm(p.words[0] as string) : null
    return term && typos(term) > 0 ? [{ i, term }] : []
  })
  const out = new Map<number, string[]>()
  if (lone.length === 0) return out
  // One round trip: each word, whether the vocabulary has it, and its nearest terms by trigram distance (GiST index).
  const rows = await sql<{ w: string; known: boolean; near: { term: string; docs: number }[] | null }>(
    `SELECT w, EXISTS (SELECT 1 FROM terms WHERE term = w) AS known,
       (SELECT json_agg(json_build_object('term', t.term, 'docs', t.docs)) FROM
         (SELECT term, docs FROM terms ORDER BY term <-> w LIMIT ${NEAREST}) t) AS near
     FROM json_array_elements_text($1::text::json) AS w`,
    [JSON.stringify(lone.map((l) => l.term))],
  )
  const byWord = new Map(rows.map((r) => [r.w, r]))
  for (const { i, term } of lone) {
    const row = byWord.get(term)
    if (!row || row.known) continue
    const max = typos(term)
    const near = (row.near ?? [])
      .filter((r) => r.term[0] === term[0] && Math.abs(r.term.length - term.length) <= max)
      .map((r) => ({ ...r, d: editDistance(term, r.term, max) }))
      .filter((r) => r.d <= max)
      .sort((a, b) => a.d - b.d || b.docs - a.docs || (a.term < b.term ? -1 : 1))
      .slice(0, 3)
    if (near.length > 0)
      out.set(
        i,
        near.map((r) => r.term),
      )
  }
  return out
}

/**
 * Reads a query as the bundle does (query-plan.ts); a "phrase" is checked word for word on the folded words, the free
 * words in order are one tsquery phrase. `names` answers the speaker-name rows for its words (src/search/pg.ts names).
 */
export function plan(q: string, names: (words: string[]) => Promise<NameIndex>): Promise<Plan> {
  return planQuery<PgQuery>(
    q,
    names,
    (p) => (p.quoted ? null : (processTerm(p.words[0] as string) ?? '')),
    (quoted, free) => ({
      exact: quoted.map((p) => ` ${foldedWords(p.words.join(' ')).join(' ')} `),
      sequence:
        free.length > 1
          ? (sequenceQuery(
              free.map((p) => p.words[0] as string),
              free.at(-1)?.prefix ?? false,
            ) ?? undefined)
          : undefined,
    }),
  )
}
