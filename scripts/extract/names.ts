/**
 * @module
 * Person names as news text writes them: titles before the name, particles inside it, surnames alone.
 */
export { foldName, speakerId } from '../../src/text'

/** Titles and honorifics that precede a name; they become roles, not part of the name. */
import { givenName } from './first-names'

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
  'Garda',
  'Supt',
  'Superintendent',
  'Commissioner',
  'Insp',
  'Det',
  'Cllr',
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

/** Lower-case particles allowed inside a name: "Karim al-Fadl", "Jan van der Berg". */
const PARTICLE = '(?:al|el|bin|ibn|de|da|di|du|del|della|der|van|von|la|le|ter|dos|das)'
export const NAME_WORD = "[\\p{Lu}][\\p{L}’'\\-]*\\.?"
/** One or more capitalised words, with particles between them. */
export const NAME_SOURCE = `${NAME_WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t-])?${NAME_WORD}){0,6}`

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
  /** The name without titles, e.g. "John Doe". */
  name: string
  /** The titles that preceded it, e.g. ["Prime", "Minister"]. */
  titles: string[]
}

const NOT_SURNAME_AFTER = new Set(
  'I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'.split(
    ' ',
  ),
)

/**
 * "He Ming", "She Lan", "Mr. He": the Chinese family names He and She, not pronouns. A pronoun is
 * never followed by a capitalised word that is not a day or month ("He Monday said" is a pronoun), nor
 * given a title.
 */
export function pronounIsName(words: string[], titled = false): boolean {
  const first = words[0] ?? ''
  if (first !== 'He' && first !== 'She') return false
  if (titled && words.length === 1) return true
  const next = (words[1] ?? '').replace(/[’']s$|\.$/, '')
  return (
    /^\p{Lu}\p{Ll}+$/u.test(next) &&
    !NOT_SURNAME_AFTER.has(next) &&
    !NOT_PERSON.has(next.toLowerCase()) &&
    !TITLE_SET.has(next.toLowerCase())
  )
}

/** Splits leading titles off a capitalised phrase; null when nothing name-like is left. */
export function splitTitles(phrase: string): PersonName | null {
  const words = phrase.trim().split(/\s+/)
  const titles: string[] = []
  while (words.length > 1 && TITLE_SET.has((words[0] as string).replace(/\.$/, '').toLowerCase())) titles.push(words.shift() as string)
  // A title after a place or team ("Springfield Mayor Jane Roe", "Springfield Coach John Doe"): the words up to the
  // last title are the role, the rest the name. Not when the phrase opens with a given name ("Martin Luther King Jr").
  if (titles.length === 0 && words.length >= 3 && !givenName(words[0] as string).known) {
    let cut = -1
    for (let i = 1; i < words.length - 1; i++) if (TITLE_SET.has((words[i] as string).replace(/\.$/, '').toLowerCase())) cut = i
    const next = words[cut + 1]
    if (cut > 0 && next && /^\p{Lu}/u.test(next) && !SUFFIX.test(next)) titles.push(...words.splice(0, cut + 1))
  }
  if (words.length === 1 && TITLE_SET.has((words[0] as string).replace(/\.$/, '').toLowerCase())) return null
  while (words.length > 0 && NOT_PERSON.has((words[0] as string).toLowerCase()) && !pronounIsName(words, titles.length > 0)) words.shift()
  if (words.length === 0) return null
  const name = words
    .join(' ')
    .replace(/[’']s$/, '')
    .replace(/\.$/, '')
  if (name.length < 2 || (NOT_PERSON.has(name.toLowerCase()) && !pronounIsName([name], titles.length > 0))) return null
  return { name, titles }
}

/** Suffixes after a surname: "John Q. Doe Jr.", "Jane Roe QC". */
const SUFFIX = /^(?:jr|sr|ii|iii|iv|qc|kc|mp|md|phd|esq)\.?$/i

export function surname(name: string): string {
  const parts = name.split(/\s+/)
  while (parts.length > 1 && SUFFIX.test(parts[parts.length - 1] as string)) parts.pop()
  return parts[parts.length - 1] ?? name
}
