/**
 * @module
 * Speaker names in free text: which speakers a query names ("khamenei revenge", "khamenie"), and which
 * speakers a name given to /api/verify or /api/random may mean.
 *
 * Both read a NameIndex table: the bundle builds the whole table once per corpus (corpusNameIndex); the D1
 * backend reads the rows a query's words need from its `speaker_names` table (written from the same lookupKeysOf).
 */
import type { Corpus } from '../data'
import { ProblemError } from '../problem'
import { speakerId } from '../text'
import type { NameTable, Quote, Speaker } from '../types'
import { editDistance } from './diff'
import { foldedWords, typos } from './options'
import { initialOf } from './shards'

/** How a speaker is found: a whole folded name or alias, a surname (its last word, 3+ letters), or any of its words. */
export type NameKind = 'full' | 'surname' | 'word'

export interface NameKey {
  kind: NameKind
  name: string
}

/** The keys a speaker is found by, from its name and aliases, without repeats. */
export function lookupKeysOf(speaker: Pick<Speaker, 'name' | 'aliases'>): NameKey[] {
  const seen = new Set<string>()
  const keys: NameKey[] = []
  const add = (kind: NameKind, name: string) => {
    if (seen.has(`${kind} ${name}`)) return
    seen.add(`${kind} ${name}`)
    keys.push({ kind, name })
  }
  for (const name of [speaker.name, ...speaker.aliases]) {
    const w = foldedWords(name)
    const last = w.at(-1)
    if (!last) continue
    if (last.length >= NAME_MIN) add('surname', last)
    for (const x of w) add('word', x)
    add('full', w.join(' '))
  }
  return keys
}

export interface NameIndex {
  /** Ids of the speakers in the table. */
  ids: Set<string>
  /** Last word of every name and alias ("khamenei", "qaani") → speaker ids. */
  surnames: Map<string, readonly string[]>
  /** Every word of a speaker's names and aliases, for companions of a surname ("ali", "ayatollah"). */
  words: Map<string, readonly string[]>
  /** Whole folded names and aliases → speaker ids. */
  full: Map<string, readonly string[]>
  /**
   * Surnames by first letter and length (`sameInitial`), for typo matching: only surnames with the word's first
   * letter and a length within its typo budget are compared, as the search's typos keep the first letter.
   */
  byLength: Map<string, [string, readonly string[]][]>
}

/** The names table (Records.speaker_names) of speakers' keys (all of them, or the rows some words need). */
export function nameTable(entries: Iterable<{ id: string; keys: Iterable<NameKey> }>): NameTable {
  const ids: string[] = []
  const maps = { surname: new Map<string, string[]>(), word: new Map<string, string[]>(), full: new Map<string, string[]>() }
  for (const { id, keys } of entries) {
    ids.push(id)
    for (const { kind, name } of keys) {
      const list = maps[kind].get(name)
      if (!list) maps[kind].set(name, [id])
      else if (!list.includes(id)) list.push(id)
    }
  }
  // fromEntries defines own properties, so a name such as "__proto__" is a key like any other.
  return { ids, surname: Object.fromEntries(maps.surname), word: Object.fromEntries(maps.word), full: Object.fromEntries(maps.full) }
}

/** The key of NameIndex.byLength: a word's first letter and a length. */
const sameInitial = (word: string, length: number) => `${initialOf(word)}:${length}`

/** The lookup maps of a names table. */
export function nameIndexOf(table: NameTable): NameIndex {
  const surnames = new Map(Object.entries(table.surname))
  const byLength: NameIndex['byLength'] = new Map()
  for (const entry of surnames) {
    const key = sameInitial(entry[0], entry[0].length)
    const list = byLength.get(key)
    if (list) list.push(entry)
    else byLength.set(key, [entry])
  }
  return {
    ids: new Set(table.ids),
    surnames,
    words: new Map(Object.entries(table.word)),
    full: new Map(Object.entries(table.full)),
    byLength,
  }
}

/** A names table from speakers' keys (all of them, or the rows some words need). */
export function buildNameIndex(entries: Iterable<{ id: string; keys: Iterable<NameKey> }>): NameIndex {
  return nameIndexOf(nameTable(entries))
}

/** The names table of the speakers credited with quotes: what the bundle build writes as Records.speaker_names. */
export function speakerNameTable(speakers: readonly Speaker[], quotes: readonly Pick<Quote, 'speaker'>[]): NameTable {
  const credited = new Set(quotes.map((q) => q.speaker))
  return nameTable(speakers.filter((s) => credited.has(s.id)).map((s) => ({ id: s.id, keys: lookupKeysOf(s) })))
}

const cache = new WeakMap<Corpus, NameIndex>()

/** The whole names table of a bundled corpus (only speakers with quotes count): the build's, or made on first use. */
export function corpusNameIndex(corpus: Corpus): NameIndex {
  let names = cache.get(corpus)
  if (!names) {
    const { speaker_names, speakers, quotes } = corpus.records
    names = nameIndexOf(speaker_names ?? speakerNameTable(speakers, quotes))
    cache.set(corpus, names)
  }
  return names
}

/** The shortest word that can name a speaker (a surname of 3 letters or more: lookupKeysOf). */
export const NAME_MIN = 3

/** Whether any of these folded words can name a speaker: else no names table need be read. */
export const mayNameSpeaker = (words: readonly string[]) => words.some((w) => w.length >= NAME_MIN)

export interface NamedSpeakers {
  /** Speaker ids the words name. */
  ids: Set<string>
  /** The words that were read as (parts of) names. */
  terms: Set<string>
}

/**
 * The speakers named by some of these folded words: a word equal to a surname, or within its typo
 * tolerance of one, names that speaker; other words of the same speaker's names then count as name words too.
 */
export function speakersInQuery(names: NameIndex, words: string[]): NamedSpeakers {
  const { surnames, words: nameWords, byLength } = names
  const ids = new Set<string>()
  const terms = new Set<string>()
  for (const w of words) {
    if (w.length < NAME_MIN) continue
    let found = surnames.get(w)
    if (!found) {
      const max = typos(w)
      for (let len = w.length - max; max > 0 && len <= w.length + max; len++)
        for (const [surname, set] of byLength.get(sameInitial(w, len)) ?? [])
          if (editDistance(w, surname, max) <= max) found = [...(found ?? []), ...set]
    }
    if (found) {
      terms.add(w)
      for (const id of found) ids.add(id)
    }
  }
  if (ids.size > 0) for (const w of words) if ([...(nameWords.get(w) ?? [])].some((id) => ids.has(id))) terms.add(w)
  return { ids, terms }
}

/**
 * The speakers a name given by a user may mean: an id or a whole name or alias of two or more words
 * means that speaker; a single word ("Khamenei") means everyone with that surname, typos allowed.
 */
export function resolveSpeaker(names: NameIndex, name: string): Set<string> {
  const words = foldedWords(name)
  const exact = new Set<string>(names.full.get(words.join(' ')) ?? [])
  const id = speakerId(name)
  if (names.ids.has(id)) exact.add(id)
  if (exact.size > 0 && words.length > 1) return exact
  return new Set([...exact, ...speakersInQuery(names, words).ids])
}

/** Where speaker names are read from: a search backend (SearchBackend.names). */
export interface NameLookup {
  names(words: string[], name?: string): Promise<NameIndex>
}

/** resolveSpeaker over the names a backend reads for that name (the whole table, or D1's rows for its words). */
export async function lookUpSpeakers(backend: NameLookup, name: string): Promise<Set<string>> {
  return resolveSpeaker(await backend.names(foldedWords(name), name), name)
}

/**
 * A search's speaker filter as a speaker id: an id or a whole name as given (an unknown one finds nothing), or a
 * surname (typos allowed) when it names one speaker; a 400 problem when it names several.
 */
export async function speakerFilter(backend: NameLookup, speaker: string): Promise<string> {
  const id = speakerId(speaker)
  const ids = await lookUpSpeakers(backend, speaker)
  if (ids.size === 0 || ids.has(id)) return id
  if (ids.size === 1) return [...ids][0] as string
  const list = [...ids].sort().join(', ')
  throw new ProblemError(400, `speaker “${speaker}” names ${ids.size} speakers (${list}): give one’s id.`, [
    { parameter: 'speaker', message: `names several speakers: ${list}` },
  ])
}
