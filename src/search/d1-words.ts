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

/**
 * Nearest vocabulary words for the lone words the vocabulary lacks, by part index: edit distance within typos()
 * (same first letter), nearest first, then the most frequent.
 */
export async function corrections(db: D1Database, parts: QueryPart[]): Promise<Map<number, string[]>> {
  const lone = parts.flatMap((p, i) => {
    const term = p.words.length === 1 && !p.quoted ? (p.folded[0] as string) : null
    return term && typos(term) > 0 ? [{ i, term }] : []
  })
  const out = new Map<number, string[]>()
  if (lone.length === 0) return out
  // One batch: the near words of each lone word; a word that is itself in the vocabulary needs none.
  const candidates = await db.batch<{ term: string; docs: number }>(
    lone.map(({ term }) => {
      const max = typos(term)
      return db
        .prepare('SELECT term, docs FROM terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?')
        .bind(...letterRange(term), term.length - max, term.length + max)
    }),
  )
  lone.forEach(({ i, term }, k) => {
    const max = typos(term)
    const found = candidates[k]?.results ?? []
    if (found.some((r) => r.term === term)) return
    const near = found
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
export async function speakerNameRows(db: D1Database, words: string[], name?: string) {
  const unique = [...new Set(words)]
  const keys = [...unique, ...(name ? [foldedWords(name).join(' ')] : [])]
  const statements = [
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
  for (const result of await db.batch<{ kind: NameKind | ''; name: string; id: string }>(statements))
    for (const r of result.results) {
      const list = byId.get(r.id) ?? []
      if (r.kind !== '') list.push({ kind: r.kind, name: r.name })
      byId.set(r.id, list)
    }
  return buildNameIndex([...byId].map(([id, keys]) => ({ id, keys })))
}
