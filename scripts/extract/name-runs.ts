/**
 * @module
 * How a capitalised run of words becomes a person's name (src: scripts/extract/people.ts asks): titles split off,
 * organisations and places told apart from people, names written with a bracketed given name or a quoted
 * nickname inside them, and runs cut where a sentence ends. Pure: text in, names out.
 */
import { givenName } from './first-names'
import { NAME_SOURCE, pronounIsName, splitTitles, TITLES } from './names'

/** Capitalised words that start sentences or name things, not people. */
export const NOT_FIRST = new Set(
  (
    'The A An This That These Those It Its He She They We I You Our Their His Her But And Or If When While After Before Since ' +
    'In On At As For Of To By With From Under Over About Into During Despite Although Though Because So Yet Then Now Here There ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September ' +
    'October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec New North South East West United Read More ' +
    'According Meanwhile However Also Earlier Later Last Next Some Many Most Several Both Each Every Other Such What Who Why How ' +
    'Where Which Mount Lake River Street Road Avenue Saint St Fort Port Cape Gulf Bay Island Islands Royal National Federal State ' +
    'Supreme High Court House Senate Congress Parliament Ministry Department Office Council Committee Commission Agency University ' +
    'College School Hospital Police Army Navy Air Force Party Club League Cup Premier Championship World Olympic Games Associated ' +
    'Press Reuters News Times Post Daily Sunday Journal BBC CNN'
  ).split(' '),
)

/** Last words that make a capitalised phrase an organisation or a place. */
export const ORG_WORDS =
  /\b(?:Inc|Corp|Corporation|Company|Co|Ltd|LLC|Group|Bank|University|College|School|Institute|Ministry|Department|Office|Council|Committee|Commission|Agency|Association|Union|Party|Police|Court|Hospital|Club|League|Times|News|Post|Journal|Press|Service|Productions|Records|Studios|Entertainment|Media|Pictures|Music|Labs|Robotics|Aerospace|Industries|Energy|Pharmaceuticals|Services|Authority|Board|Foundation|Fund|Trust|Centre|Center|Network|Airlines|Airways|Motors|Technologies|Systems|Partners|Capital|Holdings|Society|Federation|Organi[sz]ation|Administration|Bureau|Force|Guard|Corps|Army|Navy|Senate|House|Parliament|Congress|Assembly|Government|Cabinet|Street|Road|Avenue|Square|City|County|State|States|Kingdom|Republic|Island|Islands|Mountains|River|Valley|Stadium|Park|Airport)$/

export const TITLE_SET = new Set(TITLES.map((t) => t.toLowerCase()))

/** A capitalised run: titles, then a name of one to four words. */
export const RUN = new RegExp(NAME_SOURCE, 'gu')

/** Is this capitalised phrase (titles already removed) a person's name? */
export function looksLikePerson(name: string, titled: boolean): boolean {
  const words = name.split(/\s+/)
  if (ORG_WORDS.test(name)) return false
  if (words.some((w) => /^[A-Z]{2,}$/.test(w) && w.length > 1 && !titled)) return false // acronyms: NATO, BBC
  if (!titled && words.length < 2) return false
  if (NOT_FIRST.has(words[0] as string) && !pronounIsName(words, titled)) return false
  // "Prime Minister", "Foreign Minister": a title, not a name; but "John Major", "Jane King" are people.
  if (TITLE_SET.has((words[words.length - 1] as string).toLowerCase()) && !givenName(words[0] as string).known) return false
  return words.length <= 5
}

/** "(John) Doe", "[Jane] Roe": a bracketed given name before a surname. */
const BRACKETED_GIVEN = /[([](\p{Lu}\p{Ll}+)[)\]]\s+(\p{Lu}[\p{Ll}’'-]+)(?![\p{L}])/gu
/** "Phil 'Sticks' Jones", "John “The Hammer” Doe": a nickname in quote marks between given name and surname. */
const NICKNAMED = /\s['‘"“](\p{Lu}[\p{L}.’'-]*(?:\s\p{Lu}[\p{L}.’'-]*){0,2})['’"”]\s+(\p{Lu}[\p{Ll}’'-]+)(?![\p{L}])/gu

export interface Inserted {
  at: number
  /** The whole written form, brackets or nickname included. */
  all: string
  given: string
  family: string
  nick?: string
}

/** Names written with something inside them: a bracketed given name, or a quoted nickname. */
export function insertedNames(body: string): Inserted[] {
  const out: Inserted[] = []
  for (const m of body.matchAll(BRACKETED_GIVEN)) {
    const [all, given = '', family = ''] = m
    const at = m.index ?? 0
    const titled = TITLE_SET.has((/(\p{L}+)\s*$/u.exec(body.slice(Math.max(0, at - 20), at))?.[1] ?? '').toLowerCase())
    if (givenName(given).known || titled) out.push({ at, all, given, family })
  }
  // The pattern starts at the mark (a cheap literal to scan for); the given name is the word before it.
  for (const m of body.matchAll(NICKNAMED)) {
    const [rest, nick = '', family = ''] = m
    const given = /(?<![\p{L}’'])\p{Lu}\p{Ll}+$/u.exec(body.slice(Math.max(0, (m.index ?? 0) - 30), m.index))?.[0]
    if (!given || NOT_FIRST.has(given) || TITLE_SET.has(given.toLowerCase()) || NOT_FIRST.has(family)) continue
    const at = (m.index ?? 0) - given.length
    out.push({ at, all: body.slice(at, (m.index ?? 0) + rest.length), given, family, nick })
  }
  return out.sort((a, b) => a.at - b.at)
}

/** The dot of an abbreviation or an initial, which does not end a sentence inside a run of names. */
const RUN_STOP = /(?<!\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|Jr|Sr|Capt|Maj|Adm|Rev|Hon|Mt|Ft))\.\s+/gu

/**
 * Capitalised runs, cut where a sentence ends inside them: "John Major. Judge Roe heard" gives "John Major"
 * and "Judge Roe", so a name that opens the next sentence is not lost (nor taken for a title of the last).
 */
export function* sentencePieces(body: string): Generator<[string, number]> {
  for (const m of body.matchAll(RUN)) {
    const at = m.index ?? 0
    let from = 0
    if (!m[0].includes('.')) {
      yield [m[0], at]
      continue
    }
    for (const stop of m[0].matchAll(RUN_STOP)) {
      const end = (stop.index ?? 0) + 1
      yield [m[0].slice(from, end), at + from]
      from = end + stop[0].length - 1
    }
    yield [m[0].slice(from), at + from]
  }
}

/** The person's name inside a capitalised run, with where it starts: titles split off, places and acronyms before it dropped. */
export function nameInRun(body: string, run: string, runAt: number) {
  // "Political Affairs Brigadier General John Doe": the name is what follows the last title.
  const words = run.split(/(\s+)/)
  let cut = -1
  for (let i = words.length - 3; i >= 0; i -= 2) {
    if (TITLE_SET.has((words[i] as string).replace(/\.$/, '').toLowerCase())) {
      cut = i
      while (cut >= 2 && TITLE_SET.has((words[cut - 2] as string).replace(/\.$/, '').toLowerCase())) cut -= 2
      break
    }
  }
  if (cut < 0 && ORG_WORDS.test(run.replace(/[’']s$/, ''))) cut = 0 // "Norwegian Prosecution Authority": an organisation keeps every word
  if (cut < 0) {
    // "CEO John Doe", "Norway Jane Roe": a given name starts the name; acronyms and words the
    // article also uses on their own are not part of it.
    const names = words.filter((_, i) => i % 2 === 0)
    const given = names.findIndex((w, i) => i > 0 && i < names.length - 1 && givenName(w.split('-')[0] ?? '').known)
    let drop = given > 0 && !givenName(names[0] as string).known ? given : 0
    // "and Mary Ann Poe", "with John Lee Doe": a second given name after the first, not a word before
    // the name; mid-sentence, so not a capitalised role opening it ("Actor Jane Roe was …").
    const midSentence = /[\p{Ll},]\s+$/u.test(body.slice(Math.max(0, runAt - 3), runAt))
    if (
      drop === 1 &&
      midSentence &&
      names.length === 3 &&
      SECOND_GIVEN.test(names[1] as string) &&
      /^\p{Lu}\p{Ll}+$/u.test(names[0] as string)
    )
      if (!standsAlone(body, names[0] as string, names[1] as string) && !TITLE_SET.has((names[0] as string).toLowerCase())) drop = 0
    if (drop === 0)
      while (
        drop < names.length - 2 &&
        (/^[A-Z.]{2,}$/.test(names[drop] as string) || standsAlone(body, names[drop] as string, names[drop + 1] as string))
      )
        drop++
    cut = drop * 2
  }
  // "Roe’s July call": a possessive ends the name.
  const possessive = words.findIndex((w, i) => i >= cut && i % 2 === 0 && /[’']s$/.test(w))
  let raw = words
    .slice(cut, possessive >= 0 ? possessive + 1 : undefined)
    .join('')
    .replace(/[’']s$/, '')
  // A run that crosses a sentence end ("Springfield. Doe"): keep the part before it.
  const stop = /(?<!\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|Jr|Sr|Capt|Maj|Adm|Rev))\.\s/u.exec(raw)
  if (stop) raw = raw.slice(0, stop.index)
  const person = splitTitles(raw)
  if (!person) return null
  person.name = person.name.replace(/\s+(?:QC|KC|MP|MBE|OBE|CBE)$/, '')
  const org = ORG_WORDS.test(person.name) && person.titles.length === 0
  if (!org && !looksLikePerson(person.name, person.titles.length > 0)) return null
  // Positions point at the name itself, after its titles.
  const inRaw = Math.max(0, raw.indexOf(person.name))
  return { at: runAt + words.slice(0, cut).join('').length + inRaw, raw: raw.slice(inRaw), person, org }
}

/** Given names often worn second in a double given name ("Mary Ann", "Billy Bob", "Mary Jo"). */
const SECOND_GIVEN = /^(?:Ann|Anne|Lee|Jo|Sue|Mae|Marie|Lynn|Beth|Bob|Ray|Jean|Louise|Rose|Kate|Jane|Grace)$/

/** Countries and cities that often stand right before a name ("ambassador to Britain Li Ming"). */
const PLACES = new Set(
  (
    'Afghanistan Africa America Argentina Asia Australia Austria Baghdad Beijing Belgium Berlin Brazil Britain Brussels Canada China ' +
    'Damascus Delhi Egypt England Europe France Gaza Germany Greece Hong Kong India Indonesia Iran Iraq Ireland Israel Italy Japan ' +
    'Jerusalem Jordan Kabul Kenya Kong Korea Kyiv Lebanon Libya London Mexico Moscow Nigeria Pakistan Palestine Paris Poland Qatar ' +
    'Russia Saudi Scotland Spain Sweden Switzerland Syria Taiwan Tehran Tokyo Turkey Ukraine Wales Washington Yemen'
  ).split(' '),
)

/** The word appears elsewhere in the body capitalised and not followed by `next`: a place or group, not a given name. */
function standsAlone(body: string, word: string, next: string): boolean {
  if (PLACES.has(word)) return true
  if (!/^\p{Lu}/u.test(word) || givenName(word).known) return false
  // Cheap test first: a word that occurs once in the body cannot stand alone elsewhere.
  if (body.indexOf(word) === body.lastIndexOf(word)) return false
  const re = new RegExp(
    `(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])(?!\\s+${next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`,
    'u',
  )
  return re.test(body)
}

/** "CEO John Doe" → "John Doe": acronyms and words before a common given name are not the name. */
export function trimName(name: string): string {
  const words = name.split(' ')
  let drop = 0
  while (drop < words.length - 1 && (/^[A-Z.]{2,}$/.test(words[drop] as string) || PLACES.has(words[drop] as string))) drop++
  const given = words.findIndex((w, i) => i > drop && i < words.length - 1 && givenName(w.split('-')[0] ?? '').known)
  if (given > 0 && !givenName(words[drop] as string).known) drop = given
  return words.slice(drop).join(' ')
}
