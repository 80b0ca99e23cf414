/**
 * @module
 * The D1 backend's vocabulary lookups (src/search/d1.ts): the nearest vocabulary words of a word the vocabulary
 * lacks (`terms`), and the speaker-name rows that name speakers in a query (`speaker_names`).
 */
import { speakerId } from '../text'
import { letterRange, type QueryPart } from './d1-query'
import { editDistance } from './diff'
import { foldedWords, typos } from './options'
import { buildNameIndex, type NameKey, type NameKind } from './speakers'

/** Typo alternatives per lone word: at most this many nearest vocabulary words. */
const NEAREST = 3

/** Vocabulary words near a word (same first letter, length within its typo budget), as `terms` rows. */
export type NearRows = Map<string, { term: string; docs: number }[]>

/** The vocabulary words that may correct `term`: none when `term` is itself in the vocabulary. */
function nearStatement(db: D1Database, term: string): D1PreparedStatement {
  const max = typos(term)
  return db
    .prepare(
      'SELECT term, docs FROM terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM terms WHERE term = ?)',
    )
    .bind(...letterRange(term), term.length - max, term.length + max, term)
}

/**
 * Nearest vocabulary words for the lone words the vocabulary lacks, by part index: edit distance within typos()
 * (same first letter), nearest first, then the most frequent. `known`: rows already read (speakerNameRows reads them
 * with the names, in the same batch), so only the words without them are looked up.
 */
export async function corrections(db: D1Database, parts: QueryPart[], known: NearRows = new Map()): Promise<Map<number, string[]>> {
  const lone = parts.flatMap((p, i) => {
    const term = p.words.length === 1 && !p.quoted ? (p.folded[0] as string) : null
    return term && typos(term) > 0 ? [{ i, term }] : []
  })
  const out = new Map<number, string[]>()
  if (lone.length === 0) return out
  // One batch: the near words of each lone word not read yet; a word that is itself in the vocabulary needs none.
  const missing = [...new Set(lone.map((l) => l.term).filter((t) => !known.has(t)))]
  const read = missing.length > 0 ? await db.batch<{ term: string; docs: number }>(missing.map((t) => nearStatement(db, t))) : []
  const rows = new Map([...known, ...missing.map((t, k) => [t, read[k]?.results ?? []] as const)])
  lone.forEach(({ i, term }) => {
    const max = typos(term)
    // A word of the vocabulary has no rows (nearStatement): nothing to correct.
    const near = (rows.get(term) ?? [])
      .map((r) => ({ ...r, d: editDistance(term, r.term, max) }))
      .filter((r) => r.d <= max)
      .sort((a, b) => a.d - b.d || b.docs - a.docs || (a.term < b.term ? -1 : 1))
      .slice(0, NEAREST)
    if (near.length > 0)
      out.set(
        i,
        near.map((r) => r.term),
      )
  })
  return out
}

/**
 * The speaker-name rows speakersInQuery and resolveSpeaker need: exact names, surnames and name words for the words
 * (and the whole `name`), the speaker whose id `name` is, and surnames within the typo budget of each word the
 * vocabulary lacks (same first letter, as corrections). A word of the vocabulary is taken as written.
 */
export async function speakerNameRows(db: D1Database, words: string[], name?: string, near?: NearRows) {
  const unique = [...new Set(words)]
  const keys = [...unique, ...(name ? [foldedWords(name).join(' ')] : [])]
  // With a `near` map to fill: each word's correction rows too (corrections), in the same batch.
  const nearWords = near ? unique.filter((w) => typos(w) > 0) : []
  const statements = [
    ...nearWords.map((w) => nearStatement(db, w)),
    db.prepare('SELECT kind, name, id FROM speaker_names WHERE name IN (SELECT value FROM json_each(?))').bind(JSON.stringify(keys)),
    db.prepare("SELECT '' AS kind, '' AS name, id FROM speakers WHERE id = ? AND quote_count > 0").bind(name ? speakerId(name) : null),
    ...unique
      .filter((w) => w.length >= 3 && typos(w) > 0)
      .map((w) => {
        const max = typos(w)
        return db
          .prepare(
            "SELECT kind, name, id FROM speaker_names WHERE kind = 'surname' AND name >= ? AND name < ? AND length(name) BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM terms WHERE term = ?)",
          )
          .bind(...letterRange(w), w.length - max, w.length + max, w)
      }),
  ]
  const byId = new Map<string, NameKey[]>()
  const results = await db.batch<{ kind: NameKind | ''; name: string; id: string }>(statements)
  for (const [k, w] of nearWords.entries()) near?.set(w, (results[k]?.results ?? []) as unknown as { term: string; docs: number }[])
  for (const result of results.slice(nearWords.length))
    for (const r of result.results) {
      const list = byId.get(r.id) ?? []
      if (r.kind !== '') list.push({ kind: r.kind, name: r.name })
      byId.set(r.id, list)
    }
  return buildNameIndex([...byId].map(([id, keys]) => ({ id, keys })))
}
