/**
 * @module
 * Speaker names in free text: which speakers a query names ("khamenei revenge", "khamenie"), and which
 * speakers a name given to /api/verify may mean. Built once per corpus from the registry's names and aliases.
 */
import type { Corpus } from '../data'
import { speakerId } from '../text'
import { editDistance } from './diff'
import { foldedWords, typos } from './options'

export interface SpeakerNames {
  /** Last word of every name and alias ("khamenei", "qaani") → speaker ids. */
  surnames: Map<string, Set<string>>
  /** Every word of a speaker's names and aliases, for companions of a surname ("ali", "ayatollah"). */
  words: Map<string, Set<string>>
  /** Whole folded names and aliases → speaker ids. */
  full: Map<string, Set<string>>
  /** Surnames by length, for typo matching (only lengths within the typo budget are compared). */
  byLength: Map<number, [string, Set<string>][]>
}

const cache = new WeakMap<Corpus, SpeakerNames>()

function add(map: Map<string, Set<string>>, key: string, id: string) {
  const set = map.get(key)
  if (set) set.add(id)
  else map.set(key, new Set([id]))
}

/** The name tables of a corpus, built on first use (only speakers with quotes count). */
export function speakerNames(corpus: Corpus): SpeakerNames {
  let names = cache.get(corpus)
  if (names) return names
  names = { surnames: new Map(), words: new Map(), full: new Map(), byLength: new Map() }
  for (const s of corpus.speakers.values()) {
    if (!corpus.bySpeaker.has(s.id)) continue
    for (const name of [s.name, ...s.aliases]) {
      const w = foldedWords(name)
      const last = w.at(-1)
      if (!last) continue
      if (last.length >= 3) add(names.surnames, last, s.id)
      for (const x of w) add(names.words, x, s.id)
      add(names.full, w.join(' '), s.id)
    }
  }
  for (const entry of names.surnames) {
    const list = names.byLength.get(entry[0].length)
    if (list) list.push(entry)
    else names.byLength.set(entry[0].length, [entry])
  }
  cache.set(corpus, names)
  return names
}

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
export function namedSpeakers(corpus: Corpus, words: string[]): NamedSpeakers {
  const { surnames, words: nameWords, byLength } = speakerNames(corpus)
  const ids = new Set<string>()
  const terms = new Set<string>()
  for (const w of words) {
    if (w.length < 3) continue
    let found = surnames.get(w)
    if (!found) {
      const max = typos(w)
      for (let len = w.length - max; max > 0 && len <= w.length + max; len++)
        for (const [surname, set] of byLength.get(len) ?? [])
          if (editDistance(w, surname, max) <= max) found = new Set([...(found ?? []), ...set])
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
export function resolveSpeaker(corpus: Corpus, name: string): Set<string> {
  const words = foldedWords(name)
  const exact = new Set<string>(speakerNames(corpus).full.get(words.join(' ')) ?? [])
  const id = speakerId(name)
  if (corpus.speakers.has(id)) exact.add(id)
  if (exact.size > 0 && words.length > 1) return exact
  return new Set([...exact, ...namedSpeakers(corpus, words).ids])
}
