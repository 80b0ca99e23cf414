/**
 * @module
 * Person names as news text writes them: titles before the name, particles inside it, surnames alone.
 */
export { foldName, speakerId } from '../../src/text'

/** Titles and honorifics that precede a name; they become roles, not part of the name. */
export const TITLES = [
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Dr',
  'Prof',
  'Professor',
  'Sir',
  'Dame',
  'Lord',
  'Lady',
  'Rev',
  'Reverend',
  'Father',
  'President',
  'Vice',
  'Prime',
  'Minister',
  'Premier',
  'Chancellor',
  'Secretary',
  'Senator',
  'Sen',
  'Rep',
  'Representative',
  'Congressman',
  'Congresswoman',
  'Governor',
  'Gov',
  'Mayor',
  'Judge',
  'Justice',
  'Chief',
  'Deputy',
  'Speaker',
  'Ambassador',
  'General',
  'Gen',
  'Brigadier',
  'Lieutenant',
  'Lt',
  'Major',
  'Maj',
  'Colonel',
  'Col',
  'Captain',
  'Capt',
  'Commander',
  'Admiral',
  'Adm',
  'Sergeant',
  'Sgt',
  'Corporal',
  'Private',
  'Marshal',
  'Officer',
  'Detective',
  'Inspector',
  'Constable',
  'King',
  'Queen',
  'Prince',
  'Princess',
  'Emir',
  'Sheikh',
  'Sultan',
  'Pope',
  'Cardinal',
  'Bishop',
  'Rabbi',
  'Imam',
  'Ayatollah',
  'Hojatoleslam',
  'Seyed',
  'Sayyed',
  'Sayed',
  'Hajj',
  'Haj',
  'Martyr',
  'Coach',
  'Chairman',
  'Chairwoman',
  'First',
  'Director',
  'Attorney',
  'Councillor',
  'Councilor',
  'Leader',
  'Supreme',
]
const TITLE_SET = new Set(TITLES.map((t) => t.toLowerCase()))

/** Lower-case particles allowed inside a name: "Abu Mahdi al-Muhandis", "Ursula von der Leyen". */
const PARTICLE = '(?:al|el|bin|ibn|de|da|di|du|del|della|der|van|von|la|le|ter|dos|das)'
const WORD = "[\\p{Lu}][\\p{L}’'\\-]*\\.?"
/** One or more capitalised words, with particles between them. */
export const NAME_SOURCE = `${WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t-])?${WORD}){0,6}`

/** Words that start with a capital but are not people. */
const NOT_PERSON = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'they',
  'it',
  'we',
  'i',
  'you',
  'this',
  'that',
  'these',
  'those',
  'but',
  'and',
  'or',
  'in',
  'on',
  'at',
  'as',
  'for',
  'of',
  'to',
  'by',
  'with',
  'from',
  'if',
  'when',
  'while',
  'after',
  'before',
  'since',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'according',
  'earlier',
  'later',
  'however',
  'also',
  'meanwhile',
  'today',
  'yesterday',
  'there',
  'here',
  'his',
  'her',
  'their',
  'its',
  'our',
])

export interface PersonName {
  /** The name without titles, e.g. "Ali Khamenei". */
  name: string
  /** The titles that preceded it, e.g. ["Ayatollah", "Seyed"]. */
  titles: string[]
}

/** Splits leading titles off a capitalised phrase; null when nothing name-like is left. */
export function splitTitles(phrase: string): PersonName | null {
  const words = phrase.trim().split(/\s+/)
  const titles: string[] = []
  while (words.length > 1 && TITLE_SET.has((words[0] as string).replace(/\.$/, '').toLowerCase())) titles.push(words.shift() as string)
  if (words.length === 1 && TITLE_SET.has((words[0] as string).replace(/\.$/, '').toLowerCase())) return null
  while (words.length > 0 && NOT_PERSON.has((words[0] as string).toLowerCase())) words.shift()
  if (words.length === 0) return null
  const name = words
    .join(' ')
    .replace(/[’']s$/, '')
    .replace(/\.$/, '')
  if (name.length < 2 || NOT_PERSON.has(name.toLowerCase())) return null
  return { name, titles }
}

/** Suffixes after a surname: "James P. Kennedy Jr.", "Neil Ford QC". */
const SUFFIX = /^(?:jr|sr|ii|iii|iv|qc|kc|mp|md|phd|esq)\.?$/i

export function surname(name: string): string {
  const parts = name.split(/\s+/)
  while (parts.length > 1 && SUFFIX.test(parts[parts.length - 1] as string)) parts.pop()
  return parts[parts.length - 1] ?? name
}
